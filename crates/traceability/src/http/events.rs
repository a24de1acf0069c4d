//! `/epcis/v2/events`: the standard's query, one event by its ID, and one event captured alone.

use actix_web::{HttpRequest, HttpResponse, web};
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use tdc_kernel::extract::{Body, check_json_media_type};
use tdc_kernel::resource::Call;
use tdc_kernel::{ApiError, Problem, db};

use super::{EpcisError, TAG, check_versions, versions};
use crate::epcis::document::Document;
use crate::epcis::json::Json;
use crate::model::{CaptureJob, EpcisDocument, EpcisEvent, ErrorBehaviour, EventQuery};
use crate::scopes::{TRACEABILITY_CAPTURE, TRACEABILITY_READ};
use crate::store::captures::{self, Capturer};
use crate::store::events::{self, Page};
use crate::store::query;

/// The query document that carries a page of events.
fn query_document(page: Page) -> Json {
    let results = Json::Object(vec![
        ("queryName".into(), Json::String("SimpleEventQuery".into())),
        ("resultsBody".into(), Json::Object(vec![("eventList".into(), Json::Array(page.events))])),
    ]);
    Json::Object(vec![
        ("@context".into(), page.context),
        ("type".into(), Json::String("EPCISQueryDocument".into())),
        ("schemaVersion".into(), Json::String("2.0".into())),
        ("creationDate".into(), Json::String(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true))),
        ("epcisBody".into(), Json::Object(vec![("queryResults".into(), results)])),
    ])
}

fn json_ld(res: &mut actix_web::HttpResponseBuilder, body: &Json) -> HttpResponse {
    versions(res);
    res.content_type("application/ld+json").body(body.to_text())
}

/// The link to the next page: this request's query with `nextPageToken` replaced.
pub(super) fn next_link(req: &HttpRequest, token: &str) -> String {
    let pairs = form_urlencoded::parse(req.query_string().as_bytes()).into_owned();
    let kept: Vec<(String, String)> = pairs.filter(|(k, _)| k != "nextPageToken").collect();
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(kept).append_pair("nextPageToken", token);
    format!("<{}?{}>; rel=\"next\"", req.path(), query.finish())
}

/// Queries events with the standard's parameters (EPCIS 2.0 §8.2.7.1 SimpleEventQuery through the
/// REST binding): an `EPCISQueryDocument` of one page, the next page in `Link` (`rel="next"`,
/// carrying `nextPageToken`). Each event is as captured, with its `eventID` (the CBV hash when it
/// had none) and `recordTime`. A parameter the hub does not know is refused.
#[utoipa::path(get, path = "/epcis/v2/events", tag = TAG, operation_id = "epcis_query_events",
    params(EventQuery), security(("bearer" = [TRACEABILITY_READ])),
    responses(
        (status = 200, description = "One page of events.", body = EpcisDocument, content_type = "application/ld+json",
            headers(("Link" = String, description = "`<…&nextPageToken=…>; rel=\"next\"` while more events match."))),
        (status = 400, description = "A parameter the hub does not know, or a value it cannot read (`epcisException:QueryParameterException`).", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn query(call: Call) -> Result<HttpResponse, EpcisError> {
    let query = call.req.query_string().to_owned();
    answer_query(call, &query).await
}

/// Answers the standard query `query_string` (a resource's `…/events` adds its own parameter).
pub(super) async fn answer_query(call: Call, query_string: &str) -> Result<HttpResponse, EpcisError> {
    check_versions(&call.req)?;
    let q: EventQuery = query::parse(query_string).map_err(EpcisError::query)?;
    let filter = query::filter(&q).map_err(EpcisError::query)?;
    let page = db::read(&call.pool, move |c| events::page(c, &filter)).await?;
    let link = page.next.as_deref().map(|t| next_link(&call.req, t));
    let mut res = HttpResponse::Ok();
    if let Some(link) = link {
        res.insert_header(("Link", link));
    }
    Ok(json_ld(&mut res, &query_document(page)))
}

/// A value in a path (an event's ID, a query's name, a vocabulary value), percent-decoded.
pub(super) fn path_value(raw: &str) -> String {
    percent_decode_str(raw).decode_utf8_lossy().into_owned()
}

/// One event by its `eventID` (percent-encoded in the path), in a query document of one event.
#[utoipa::path(get, path = "/epcis/v2/events/{eventID}", tag = TAG, operation_id = "epcis_get_event",
    params(("eventID" = String, Path, description = "The event's ID, percent-encoded (`urn:uuid:…`, or `ni:///sha-256;…?ver=CBV2.0`).")),
    security(("bearer" = [TRACEABILITY_READ])),
    responses(
        (status = 200, description = "The event.", body = EpcisDocument, content_type = "application/ld+json"),
        (status = 404, description = "No event with this ID (`epcisException:NoSuchResourceException`).", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(call: Call, id: web::Path<String>) -> Result<HttpResponse, EpcisError> {
    check_versions(&call.req)?;
    let id = path_value(&id.into_inner());
    let filter = query::filter(&EventQuery { eq_event_id: Some(id.clone()), ..EventQuery::default() })
        .map_err(EpcisError::query)?;
    let page = db::read(&call.pool, move |c| events::page(c, &filter)).await?;
    if page.events.is_empty() {
        return Err(ApiError::NotFound(format!("no event {id}")).into());
    }
    Ok(json_ld(&mut HttpResponse::Ok(), &query_document(page)))
}

/// Captures one event (an EPCIS event object with its `@context`), as `/capture` would capture a
/// document of it under `rollback`. `201` with the event's `Location`, also when it was already
/// stored (the same event sent again is stored once: safe to retry).
#[utoipa::path(post, path = "/epcis/v2/events", tag = TAG, operation_id = "epcis_capture_event",
    request_body(content = EpcisEvent, content_type = "application/ld+json"),
    security(("bearer" = [TRACEABILITY_CAPTURE])),
    responses(
        (status = 201, description = "Captured (or already stored); the job.", body = CaptureJob,
            headers(("Location" = String, description = "The event: `/epcis/v2/events/{eventID}`."))),
        (status = 400, description = "Not an event, or refused (`epcisException:ValidationException`, each refusal's pointer and code).", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON.", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn capture_one(call: Call, body: Body) -> Result<HttpResponse, EpcisError> {
    check_versions(&call.req)?;
    check_json_media_type(&call.req)?;
    let event: Json = serde_json::from_slice(&body.0)
        .map_err(|e| ApiError::Malformed { detail: format!("the body is not JSON: {e}"), errors: vec![] })?;
    let Json::Object(mut members) = event else {
        return Err(ApiError::Malformed { detail: "an EPCIS event is a JSON object".into(), errors: vec![] }.into());
    };
    let context = members.iter().position(|(k, _)| k == "@context").map(|i| members.remove(i).1);
    let document = Document { context, events: vec![Json::Object(members)] };
    let capturer = Capturer::of(&call.principal);
    let checked = captures::check(&document, "");
    let captured =
        db::write(&call.pool, move |c| captures::capture(c, &capturer, checked, ErrorBehaviour::Rollback)).await?;
    let (job, id) = (captured.job, captured.event_ids.concat());
    let mut res = HttpResponse::Created();
    versions(&mut res);
    Ok(res
        .insert_header(("Location", format!("/epcis/v2/events/{}", utf8_percent_encode(&id, NON_ALPHANUMERIC))))
        .json(job))
}
