//! `/api/v1/import-jobs`: files of any size loaded into a resource that has a batch endpoint, as
//! jobs a caller follows, cancels and reads the refused rows of.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::store::{self, JobRow};
use super::{
    ImportFormat, ImportJob, ImportJobPage, ImportListQuery, ImportQuery, ImportRowError, ImportSettings, Importers,
};
use crate::export::{ExportQuery, Sheet};
use crate::extract::Query;
use crate::paging::PageQuery;
use crate::problem::ApiError;
use crate::resource::responses::{Listed, Read};
use crate::resource::{Call, IdPath, Reply};
use crate::{Problem, db, location};

const TAG: &str = "Import jobs";
const ENTITY: &str = "import job";

/// An import file, sent as it is: NDJSON, CSV or one JSON array, UTF-8.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct ImportFile(#[allow(dead_code)] Vec<u8>);

/// Starts an import of a file of any size — NDJSON (`application/x-ndjson`), CSV (`text/csv`, a
/// header row naming the fields; `,`, `;` or tab separated; a list as `a|b` or a JSON array) or
/// one JSON array (`application/json`); or any of them as `application/octet-stream` with
/// `format` — into `resource`, each row exactly as an item of the
/// resource's batch endpoint (the token needs that endpoint's scope). The body is streamed to
/// disk and staged in chunks of 1,000 rows; the answer is `202` with the job's `Location` as
/// soon as it is staged, and any instance applies it, chunk by chunk. Rows are upserted by their
/// natural keys, so sending the same file again is safe; with `Idempotency-Key`, the same file
/// answers the same job.
#[utoipa::path(post, path = "/api/v1/import-jobs", tag = TAG, operation_id = "create_import_job",
    params(ImportQuery), security(("bearer" = [])),
    request_body(description = "The file, as it is: NDJSON, CSV with a header row, or one JSON array of the resource's batch items. Sent as `application/octet-stream` with `format`, or with its own media type (`application/x-ndjson`, `text/csv`, `application/json`) and no `format`.",
        content((ImportFile = "application/octet-stream"))),
    responses(
        (status = 202, description = "Staged and queued; `Location` names the job.", body = ImportJob,
            headers(("Location" = String, description = "The job's address."))),
        (status = 400, description = "`resource` names nothing the hub imports (`unknown_resource`); the file's shape is wrong — a JSON array that is not one, a CSV without a header (`malformed_file`); the body broke off.", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the resource's batch scope (`insufficient_scope`).", body = Problem),
        (status = 409, description = "The same `Idempotency-Key` is being received now (`idempotency_in_progress`).", body = Problem),
        (status = 413, description = "The file is larger than the hub accepts (`payload_too_large`).", body = Problem),
        (status = 415, description = "Neither `format` nor a media type of NDJSON, CSV or JSON (`unsupported_media_type`).", body = Problem),
        (status = 422, description = "The `Idempotency-Key` was used with another file (`idempotency_key_reused`).", body = Problem),
    ))]
pub async fn create(
    call: Call,
    q: Query<ImportQuery>,
    payload: web::Payload,
    importers: web::Data<Importers>,
    settings: web::Data<ImportSettings>,
) -> Reply {
    let q = q.0;
    let import = importers.0.get(&q.resource).cloned().ok_or_else(|| unknown(&importers, &q.resource))?;
    import.scopes.iter().try_for_each(|s| call.principal.require(s))?;
    let format = q.format.map_or_else(|| format_of(&call.req), Ok)?;
    let file_name = q.file_name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if file_name.as_ref().is_some_and(|n| n.chars().count() > 200) {
        return Err(ApiError::malformed_field(
            "/query/file_name",
            "invalid_parameter",
            "a file name has at most 200 characters",
        ));
    }
    let key = idempotency_key(&call.req)?;
    let spooled = super::staging::spool(payload, &settings).await?;
    if let Some(key) = key.clone() {
        let (client, pool) = (call.principal.client_id.clone(), call.pool.clone());
        if let Some(first) = db::read(&pool, move |c| store::by_key(c, &client, &key)).await? {
            return replay(&first, &spooled.sha256, &q.resource);
        }
    }
    let p = &call.principal;
    let job = JobRow {
        id: crate::ids::new_id(),
        resource: import.resource.clone(),
        format: crate::names::name_of(format),
        status: "receiving".into(),
        client_id: p.client_id.clone(),
        agency_code: p.agency_code.clone(),
        admin: p.is_admin(),
        idempotency_key: key.clone(),
        file_name,
        file_sha256: spooled.sha256.clone(),
        bytes: spooled.bytes as i64,
        received: 0,
        processed: 0,
        accepted: 0,
        rejected: 0,
        chunks: 0,
        chunks_done: 0,
        failure: None,
        created_at: db::now(),
        started_at: None,
        finished_at: None,
        updated_at: db::now(),
    };
    let pool = call.pool.get_ref().clone();
    let staged = db::blocking(move || super::staging::stage(&pool, job, &spooled, &import)).await;
    let staged = staged.map_err(|e| match (&e, &key) {
        (ApiError::Conflict { code: "duplicate_key", .. }, Some(_)) => crate::idempotency::in_progress(),
        _ => e,
    })?;
    Ok(accepted(&staged.to_api(), false))
}

fn unknown(importers: &Importers, resource: &str) -> ApiError {
    let message = format!("the hub imports no `{resource}`; it imports {}", importers.names().join(", "));
    ApiError::malformed_field("/query/resource", "unknown_resource", message)
}

/// The file's format, from its `Content-Type` (415 for any other).
fn format_of(req: &HttpRequest) -> Result<ImportFormat, ApiError> {
    let sent = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = sent.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/x-ndjson" | "application/ndjson" | "application/jsonl" => Ok(ImportFormat::Ndjson),
        "text/csv" => Ok(ImportFormat::Csv),
        "application/json" => Ok(ImportFormat::Json),
        _ => Err(ApiError::UnsupportedMediaType(
            "send the file as application/x-ndjson, text/csv or application/json, or name its `format`".into(),
        )),
    }
}

fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let sent = req.headers().contains_key(crate::idempotency::HEADER);
    sent.then(|| crate::idempotency::valid_key(req.headers())).transpose()
}

/// The job first sent with the same key: the same file answers it again; another file is 422.
fn replay(first: &JobRow, sha256: &str, resource: &str) -> Reply {
    if first.file_sha256 != sha256 || first.resource != resource {
        return Err(crate::idempotency::mismatch());
    }
    if first.status == "receiving" {
        return Err(crate::idempotency::in_progress());
    }
    Ok(accepted(&first.to_api(), true))
}

fn accepted(job: &ImportJob, replayed: bool) -> HttpResponse {
    let mut res = HttpResponse::Accepted();
    res.insert_header((header::LOCATION, location!(get, &job.id)));
    if replayed {
        res.insert_header((crate::idempotency::REPLAYED, "true"));
    }
    res.json(job)
}

/// Lists the import jobs of the caller's agency (DOST's administrators: every agency's), oldest
/// first.
#[utoipa::path(get, path = "/api/v1/import-jobs", tag = TAG, operation_id = "list_import_jobs",
    params(ImportListQuery, PageQuery), responses(Listed<ImportJobPage>), security(("bearer" = [])))]
pub async fn list(call: Call, q: Query<ImportListQuery>, paging: Query<PageQuery>) -> Reply {
    let filter = q.0;
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging.0, load, |items, next_cursor| ImportJobPage { items, next_cursor }).await
}

/// Reads one import job of the caller's agency: where it stands, its counts, its progress and when
/// it should end.
#[utoipa::path(get, path = "/api/v1/import-jobs/{id}", tag = TAG, operation_id = "get_import_job",
    params(IdPath), responses(Read<ImportJob>), security(("bearer" = [])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| Ok(store::get(c, r, &id)?.to_api())).await
}

/// Cancels a queued or running import job of the caller's agency: the rows not applied yet are
/// dropped; the chunks applied before stay applied.
#[utoipa::path(delete, path = "/api/v1/import-jobs/{id}", tag = TAG, operation_id = "cancel_import_job",
    params(IdPath), security(("bearer" = [])),
    responses(
        (status = 200, description = "Canceled; the job.", body = ImportJob),
        (status = 404, description = "No such job of the caller's agency.", body = Problem),
        (status = 409, description = "The job has already ended (`import_ended`).", body = Problem),
    ))]
pub async fn cancel(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let reader = call.reader();
    let job = db::write(&call.pool, move |c| store::cancel(c, &reader, &id)).await?;
    Ok(HttpResponse::Ok().json(job))
}

/// Downloads a job's error report: a line for each refused row, or for each refused field of a
/// row (`row`, `pointer`, `code`, `message`), in row order — as CSV (default) or NDJSON.
#[utoipa::path(get, path = "/api/v1/import-jobs/{id}/errors", tag = TAG, operation_id = "get_import_job_errors",
    params(IdPath, ExportQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "The report.", content(
            (String = "text/csv"),
            (ImportRowError = "application/x-ndjson"))),
        (status = 404, description = "No such job of the caller's agency.", body = Problem),
    ))]
pub async fn errors(call: Call, id: web::Path<IdPath>, q: Query<ExportQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let (reader, seen) = (call.reader(), id.clone());
    db::read(&call.pool, move |c| store::get(c, &reader, &seen).map(|_| ())).await?;
    let sheet = Sheet {
        name: "import-errors",
        header: &["row", "pointer", "code", "message"],
        row: |e: &ImportRowError| vec![e.row.to_string(), e.pointer.clone(), e.code.clone(), e.message.clone()],
        key: |e: &ImportRowError| format!("{}:{}", e.row, e.line),
    };
    let load = move |c: &mut _, after, limit| store::errors(c, &id, after, limit);
    Ok(crate::export::stream(call.pool.clone(), q.0.format.unwrap_or_default(), sheet, load))
}
