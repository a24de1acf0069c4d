//! Import jobs, their staged chunks and their rows' errors in the database.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{ImportFigures, ImportFormat, ImportJob, ImportListQuery, ImportRowError, ImportStatus};
use crate::access::Reader;
use crate::db::schema::{import_chunks as ch, import_errors as er, import_jobs as j};
use crate::db::{AnyConnection, now};
use crate::names::{name_of, stored};
use crate::problem::ApiError;

/// An import job's row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = j)]
pub struct JobRow {
    pub id: String,
    pub resource: String,
    pub format: String,
    pub status: String,
    pub client_id: String,
    pub agency_code: String,
    pub admin: bool,
    pub idempotency_key: Option<String>,
    pub file_name: Option<String>,
    pub file_sha256: String,
    pub bytes: i64,
    pub received: i64,
    pub processed: i64,
    pub accepted: i64,
    pub rejected: i64,
    pub chunks: i32,
    pub chunks_done: i32,
    pub failure: Option<String>,
    pub created_at: NaiveDateTime,
    pub started_at: Option<NaiveDateTime>,
    pub finished_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

impl JobRow {
    /// The job as the API shows it.
    pub fn to_api(&self) -> ImportJob {
        let status: ImportStatus = stored(&self.status);
        let progress = if self.received > 0 { self.processed as f64 / self.received as f64 } else { 1.0 };
        let estimated_end_at = match (status, self.started_at) {
            (ImportStatus::Running, Some(started)) if self.processed > 0 => {
                let at = now();
                let spent = (at - started).num_milliseconds().max(0) as f64;
                let left = spent * (self.received - self.processed) as f64 / self.processed as f64;
                Some((at + chrono::Duration::milliseconds(left as i64)).and_utc())
            }
            _ => None,
        };
        ImportJob {
            id: self.id.clone(),
            resource: self.resource.clone(),
            format: stored::<ImportFormat>(&self.format),
            status,
            file_name: self.file_name.clone(),
            file_sha256: self.file_sha256.clone(),
            bytes: self.bytes,
            received: self.received,
            processed: self.processed,
            accepted: self.accepted,
            rejected: self.rejected,
            progress,
            estimated_end_at,
            failure: self.failure.clone(),
            error_report: format!("/api/v1/import-jobs/{}/errors", self.id),
            client_id: self.client_id.clone(),
            agency_code: self.agency_code.clone(),
            created_at: self.created_at.and_utc(),
            started_at: self.started_at.map(|t| t.and_utc()),
            finished_at: self.finished_at.map(|t| t.and_utc()),
            updated_at: self.updated_at.and_utc(),
        }
    }

    /// Whether `reader` may see the job: its own agency's clients and DOST's administrators.
    fn readable_by(&self, reader: &Reader) -> bool {
        matches!(reader, Reader::Agency { code, admin } if *admin || *code == self.agency_code)
    }
}

/// A staged chunk's row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ch)]
pub struct ChunkRow {
    pub job_id: String,
    pub seq: i32,
    pub first_row: i64,
    pub items: String,
    pub errors: String,
}

/// One line of the error report's row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = er)]
#[diesel(treat_none_as_default_value = false)]
pub struct ErrorRow {
    pub job_id: String,
    pub row_no: i64,
    pub n: i32,
    pub pointer: String,
    pub code: String,
    pub message: String,
}

/// Job `id` as `reader` may see it (404 otherwise, and for a job still being received).
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<JobRow, ApiError> {
    let row: Option<JobRow> = j::table.find(id).select(JobRow::as_select()).first(conn).optional()?;
    row.filter(|r| r.readable_by(reader) && r.status != "receiving")
        .ok_or_else(|| ApiError::NotFound(format!("no import job {id}")))
}

/// The job the client already sent with this `Idempotency-Key`, if any.
pub fn by_key(conn: &mut AnyConnection, client_id: &str, key: &str) -> Result<Option<JobRow>, ApiError> {
    let found = j::table.filter(j::client_id.eq(client_id)).filter(j::idempotency_key.eq(key));
    Ok(found.select(JobRow::as_select()).first(conn).optional()?)
}

/// A page of the jobs `reader` may see, oldest first; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &ImportListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<ImportJob>, ApiError> {
    let mut query = j::table.filter(j::status.ne("receiving")).select(JobRow::as_select()).into_boxed();
    match reader {
        Reader::Agency { admin: true, .. } => {}
        Reader::Agency { code, .. } => query = query.filter(j::agency_code.eq(code.clone())),
        Reader::Public => return Ok(Vec::new()),
    }
    if let Some(status) = filter.status {
        query = query.filter(j::status.eq(name_of(status)));
    }
    if let Some(resource) = &filter.resource {
        query = query.filter(j::resource.eq(resource.clone()));
    }
    if let Some(after) = after {
        query = query.filter(j::id.gt(after));
    }
    let rows: Vec<JobRow> = query.order(j::id.asc()).limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(JobRow::to_api).collect())
}

/// Cancels job `id`: what is staged and not applied is dropped; 409 `import_ended` once it ended.
pub fn cancel(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<ImportJob, ApiError> {
    let row = get(conn, reader, id)?;
    if !matches!(row.status.as_str(), "queued" | "running") {
        return Err(ApiError::conflict(
            "import_ended",
            format!("the job has {}; only a queued or running one is canceled", row.status),
        ));
    }
    let at = now();
    let set = (j::status.eq("canceled"), j::finished_at.eq(Some(at)), j::updated_at.eq(at));
    diesel::update(j::table.find(id)).set(set).execute(conn)?;
    diesel::delete(ch::table.filter(ch::job_id.eq(id))).execute(conn)?;
    Ok(get(conn, reader, id)?.to_api())
}

/// A chunk of job `id`'s error report: the lines after `after` (`row:n`), in row order.
pub fn errors(
    conn: &mut AnyConnection,
    id: &str,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<ImportRowError>, ApiError> {
    let mut query = er::table.filter(er::job_id.eq(id)).select(ErrorRow::as_select()).into_boxed();
    if let Some((row, n)) = after.as_deref().and_then(|a| a.split_once(':')) {
        let (row, n): (i64, i32) = (row.parse().unwrap_or(0), n.parse().unwrap_or(0));
        query = query.filter(er::row_no.gt(row).or(er::row_no.eq(row).and(er::n.gt(n))));
    }
    let rows: Vec<ErrorRow> = query.order((er::row_no.asc(), er::n.asc())).limit(limit).load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| ImportRowError { row: r.row_no, pointer: r.pointer, code: r.code, message: r.message, line: r.n })
        .collect())
}

/// Jobs by status and rows by resource, accepted and rejected, over every job kept.
pub fn figures(conn: &mut AnyConnection) -> Result<ImportFigures, ApiError> {
    use diesel::dsl::{count_star, sql};
    use diesel::sql_types::BigInt;
    let jobs = j::table.group_by(j::status).select((j::status, count_star())).load(conn)?;
    // PostgreSQL sums BIGINT as NUMERIC: cast back on both.
    let accepted = sql::<BigInt>("CAST(COALESCE(SUM(accepted), 0) AS BIGINT)");
    let rejected = sql::<BigInt>("CAST(COALESCE(SUM(rejected), 0) AS BIGINT)");
    let rows = j::table.group_by(j::resource).select((j::resource, accepted, rejected)).load(conn)?;
    Ok(ImportFigures { jobs, rows })
}
