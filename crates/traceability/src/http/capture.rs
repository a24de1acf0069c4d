//! `/epcis/v2/capture`: a document's events captured, and the jobs that say what became of them.

use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::extract::{Body, BodyLimit, check_json_media_type};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::Call;
use tdc_kernel::resource::responses::Listed;
use tdc_kernel::{ApiError, Problem, db};
use utoipa::IntoParams;

use super::{EpcisError, TAG, check_versions, versions};
use crate::epcis::document::Document;
use crate::model::{CaptureJob, CaptureJobPage, EpcisDocument, ErrorBehaviour};
use crate::scopes::{TRACEABILITY_CAPTURE, TRACEABILITY_READ};
use crate::store::captures::{self, Capturer};

/// The most events one capture takes (`GS1-EPCIS-Capture-Limit`).
pub const CAPTURE_LIMIT: usize = 10_000;

/// The headers a capture reads (documented here; read from the request by [`behaviour`] and
/// `check_versions`).
#[derive(IntoParams)]
#[allow(dead_code)]
#[into_params(parameter_in = Header)]
pub struct CaptureHeaders {
    /// `rollback` (the default: one refused event refuses the document, nothing is stored) or
    /// `proceed` (the conforming events are stored; the job lists the others).
    #[param(rename = "GS1-Capture-Error-Behaviour")]
    pub error_behaviour: Option<String>,
    /// `2.0` (or absent); another version is refused with 406.
    #[param(rename = "GS1-EPCIS-Version")]
    pub epcis_version: Option<String>,
}

fn behaviour(req: &HttpRequest) -> Result<ErrorBehaviour, EpcisError> {
    match req.headers().get("GS1-Capture-Error-Behaviour").map(|v| v.to_str().unwrap_or("")) {
        None | Some("rollback") => Ok(ErrorBehaviour::Rollback),
        Some("proceed") => Ok(ErrorBehaviour::Proceed),
        Some(other) => Err(ApiError::Malformed {
            detail: format!("`GS1-Capture-Error-Behaviour` is `rollback` or `proceed`, not `{other}`"),
            errors: vec![],
        }
        .into()),
    }
}

/// The document in a capture's body: an `EPCISDocument` or `EPCISQueryDocument` within the
/// capture limit.
fn document(body: &[u8]) -> Result<Document, ApiError> {
    let document = Document::parse(body).map_err(|e| ApiError::Malformed { detail: e.0, errors: vec![] })?;
    if document.events.len() > CAPTURE_LIMIT {
        return Err(ApiError::PayloadTooLarge(format!(
            "{} events; one capture takes at most {CAPTURE_LIMIT}",
            document.events.len()
        )));
    }
    Ok(document)
}

/// Captures an EPCIS 2.0 document (JSON-LD): every event checked against the standard's schema and
/// the CBV's rules, identified by its `eventID` or, without one, by its CBV 2.0 event hash
/// (`ni:///sha-256;…?ver=CBV2.0`), so that an event sent twice is stored once. Answers `202` with
/// the capture job (finished: the hub captures before it answers) and its `Location`. Under the
/// default `rollback`, a refused event refuses the whole document with `400` and its refusals,
/// and nothing is stored.
#[utoipa::path(post, path = "/epcis/v2/capture", tag = TAG, operation_id = "epcis_capture",
    params(CaptureHeaders), request_body(content = EpcisDocument, content_type = "application/ld+json"),
    security(("bearer" = [TRACEABILITY_CAPTURE])),
    responses(
        (status = 202, description = "Captured; the job, and its `Location`.", body = CaptureJob,
            headers(("Location" = String, description = "The capture job."))),
        (status = 400, description = "Not an EPCIS document, or (under `rollback`) an event refused: `epcisException:ValidationException` with each refusal's pointer and code.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid bearer token.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `traceability:capture`.", body = Problem, content_type = "application/problem+json"),
        (status = 406, description = "An EPCIS or CBV version other than 2.0 was asked for (`epcisException:NotAcceptableException`).", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "More events than `GS1-EPCIS-Capture-Limit`, or a body over `GS1-EPCIS-Capture-File-Size-Limit` (`epcisException:CaptureLimitExceededException`).", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON (`epcisException:UnsupportedMediaTypeException`).", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn capture(call: Call, body: Body) -> Result<HttpResponse, EpcisError> {
    check_versions(&call.req)?;
    check_json_media_type(&call.req)?;
    let behaviour = behaviour(&call.req)?;
    let capturer = Capturer::of(&call.principal);
    let checked = db::blocking(move || Ok(captures::check(&document(&body.0)?, "/epcisBody/eventList"))).await?;
    let job = db::write(&call.pool, move |c| captures::capture(c, &capturer, checked, behaviour)).await?.job;
    let mut res = HttpResponse::Accepted();
    versions(&mut res);
    Ok(res.insert_header(("Location", format!("/epcis/v2/capture/{}", job.capture_id))).json(job))
}

/// What capture takes: `GS1-EPCIS-Capture-Limit` (events per document) and
/// `GS1-EPCIS-Capture-File-Size-Limit` (bytes), with the versions spoken.
#[utoipa::path(options, path = "/epcis/v2/capture", tag = TAG, operation_id = "epcis_capture_options",
    responses((status = 204, description = "The capture limits, in headers.", headers(
        ("GS1-EPCIS-Capture-Limit" = usize, description = "The most events one capture takes."),
        ("GS1-EPCIS-Capture-File-Size-Limit" = usize, description = "The largest body, in bytes."),
        ("GS1-EPCIS-Version" = String, description = "2.0.0"),
        ("GS1-CBV-Version" = String, description = "2.0.0"),
    ))))]
pub async fn options(req: HttpRequest) -> HttpResponse {
    let size = req.app_data::<web::Data<BodyLimit>>().map_or(10 * 1024 * 1024, |l| l.0);
    let mut res = HttpResponse::NoContent();
    versions(&mut res);
    res.insert_header(("GS1-EPCIS-Capture-Limit", CAPTURE_LIMIT.to_string()))
        .insert_header(("GS1-EPCIS-Capture-File-Size-Limit", size.to_string()))
        .insert_header(("Allow", "OPTIONS, GET, POST"))
        .finish()
}

/// One capture job of the caller's agency.
#[utoipa::path(get, path = "/epcis/v2/capture/{captureID}", tag = TAG, operation_id = "epcis_capture_job",
    params(("captureID" = String, Path, description = "The job's id, from the capture's `Location`.")),
    security(("bearer" = [TRACEABILITY_READ])),
    responses(
        (status = 200, description = "The job.", body = CaptureJob),
        (status = 404, description = "No such job of the caller's agency (`epcisException:NoSuchResourceException`).", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn job(call: Call, id: web::Path<String>) -> Result<HttpResponse, EpcisError> {
    let (agency, id) = (call.principal.agency_code.clone(), id.into_inner());
    let job = db::read(&call.pool, move |c| captures::get(c, &agency, &id)).await?;
    let mut res = HttpResponse::Ok();
    versions(&mut res);
    Ok(res.json(job))
}

/// The capture jobs of the caller's agency, newest first.
#[utoipa::path(get, path = "/epcis/v2/capture", tag = TAG, operation_id = "epcis_capture_jobs",
    params(PageQuery), responses(Listed<CaptureJobPage>), security(("bearer" = [TRACEABILITY_READ])))]
pub async fn jobs(call: Call, paging: tdc_kernel::extract::Query<PageQuery>) -> tdc_kernel::resource::Reply {
    let agency = call.principal.agency_code.clone();
    let load = move |c: &mut _, _: &_, after, limit| captures::list(c, &agency, after, limit);
    call.page(paging.0, load, |items, next_cursor| CaptureJobPage { items, next_cursor }).await
}
