//! Applying a queued job: its chunks in order, each in one transaction that also records its
//! rows' errors, drops the chunk and moves the job's counts — so a crash loses at most the chunk
//! in flight, applied again from its start by whichever instance takes the job up. The job's row
//! is locked for each step, so two instances that both hold it (a lease ran out under a slow
//! chunk) never apply the same chunk.

use std::sync::Arc;
use std::time::Duration;

use diesel::prelude::*;
use serde_json::value::RawValue;

use super::store::{ChunkRow, ErrorRow, JobRow};
use super::{ImportRowError, ImportSettings, Importers, QUEUE};
use crate::HomeProvince;
use crate::access::Reader;
use crate::batch::{Author, BatchResult};
use crate::changes::Actor;
use crate::db::schema::{api_clients, import_chunks as ch, import_errors as er, import_jobs as j};
use crate::db::{self, AnyConnection, DbPool, now};
use crate::problem::ApiError;
use crate::queue::{self, Claimed, Retry};

/// How a failing job is retried before it is marked failed.
const RETRY: Retry =
    Retry { max_attempts: 5, first_delay: Duration::from_secs(5), longest_delay: Duration::from_secs(300) };

/// Starts the worker of import jobs on the current actix system (and clears files a stopped
/// instance left spooled).
pub fn spawn(pool: DbPool, importers: Arc<Importers>, home: HomeProvince, settings: ImportSettings) {
    clear_stale_spools(&settings);
    let Some(every) = settings.every else { return };
    let (lease, held) = (settings.lease, pool.clone());
    let handle: queue::Handle = Arc::new(move |claimed| handle(&held, &importers, &home, lease, claimed));
    queue::spawn(pool, queue::Worker { kind: QUEUE, batch: 1, lease, every, retry: RETRY, handle });
}

fn clear_stale_spools(settings: &ImportSettings) {
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for entry in std::fs::read_dir(&settings.dir).into_iter().flatten().flatten() {
        let stale = entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < hour_ago);
        if stale && entry.path().extension().is_some_and(|e| e == "upload") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Why applying a job stopped early.
enum Stop {
    /// It cannot run at all (its client was disabled; its resource is no longer imported).
    Refused(String),
    /// A failure that may pass (the database): tried again later.
    Failed(String),
}

fn handle(
    pool: &DbPool,
    importers: &Importers,
    home: &HomeProvince,
    lease: Duration,
    claimed: &Claimed,
) -> Result<(), String> {
    let (reason, retried) = match apply_job(pool, importers, home, lease, claimed) {
        Ok(()) => return Ok(()),
        Err(Stop::Refused(reason)) => (reason, false),
        Err(Stop::Failed(reason)) => (reason, claimed.attempts < RETRY.max_attempts),
    };
    if retried {
        return Err(reason);
    }
    let failed = db::write_blocking(pool, |c| end(c, &claimed.key, "failed", Some(&reason)));
    failed.map_err(|e| format!("{reason}; marking the job failed failed too: {e}"))
}

fn apply_job(
    pool: &DbPool,
    importers: &Importers,
    home: &HomeProvince,
    lease: Duration,
    claimed: &Claimed,
) -> Result<(), Stop> {
    let failed = |e: ApiError| Stop::Failed(e.to_string());
    let job = db::write_blocking(pool, |c| begin(c, &claimed.key)).map_err(failed)?;
    let Some(job) = job else { return Ok(()) };
    let import = importers
        .0
        .get(&job.resource)
        .ok_or_else(|| Stop::Refused(format!("the hub no longer imports {}", job.resource)))?;
    let actor = Actor { client_id: job.client_id.clone(), agency_code: job.agency_code.clone() };
    let writer = Reader::Agency { code: job.agency_code.clone(), admin: job.admin };
    let author = Author { actor: &actor, writer: &writer, home };
    loop {
        match db::write_blocking(pool, |c| step(c, &job.id, import, &author, claimed, lease)).map_err(failed)? {
            Step::More => continue,
            Step::Ended => return Ok(()),
            Step::Refused(reason) => return Err(Stop::Refused(reason)),
        }
    }
}

/// Marks job `id` running (answers `None` once it has ended: nothing to do).
fn begin(conn: &mut AnyConnection, id: &str) -> Result<Option<JobRow>, ApiError> {
    let job: Option<JobRow> = j::table.find(id).select(JobRow::as_select()).first(conn).optional()?;
    let Some(job) = job.filter(|job| matches!(job.status.as_str(), "queued" | "running")) else { return Ok(None) };
    let at = now();
    let set = (j::status.eq("running"), j::started_at.eq(job.started_at.or(Some(at))), j::updated_at.eq(at));
    diesel::update(j::table.find(id)).set(set).execute(conn)?;
    Ok(Some(job))
}

/// What one step did.
enum Step {
    /// A chunk was applied; more may wait.
    More,
    /// The job has ended (here or elsewhere), or another instance holds it now.
    Ended,
    /// It cannot go on.
    Refused(String),
}

/// One transaction: the job locked and checked, its next chunk applied (or the job ended).
fn step(
    conn: &mut AnyConnection,
    id: &str,
    import: &super::Import,
    author: &Author,
    claimed: &Claimed,
    lease: Duration,
) -> Result<Step, ApiError> {
    let status = j::table.find(id).select(j::status);
    let status: String = match conn {
        AnyConnection::Postgresql(c) => status.for_update().first(c)?,
        AnyConnection::Sqlite(c) => status.first(c)?,
    };
    if status != "running" || !queue::renew(conn, claimed, lease)? {
        return Ok(Step::Ended);
    }
    let disabled: Option<bool> =
        api_clients::table.find(&author.actor.client_id).select(api_clients::disabled).first(conn).optional()?;
    if disabled != Some(false) {
        return Ok(Step::Refused("the job's client was disabled".into()));
    }
    let next = ch::table.filter(ch::job_id.eq(id)).order(ch::seq.asc()).select(ChunkRow::as_select());
    let Some(chunk) = next.first(conn).optional()? else {
        end(conn, id, "succeeded", None)?;
        return Ok(Step::Ended);
    };
    apply_chunk(conn, chunk, import, author)?;
    Ok(Step::More)
}

/// Applies one chunk through the resource's batch code and records what became of its rows.
fn apply_chunk(
    conn: &mut AnyConnection,
    chunk: ChunkRow,
    import: &super::Import,
    author: &Author,
) -> Result<(), ApiError> {
    let corrupt = |e: serde_json::Error| ApiError::Internal(format!("a staged chunk cannot be read: {e}"));
    let items: Vec<Option<Box<RawValue>>> = serde_json::from_str(&chunk.items).map_err(corrupt)?;
    let staged: Vec<ImportRowError> = serde_json::from_str(&chunk.errors).map_err(corrupt)?;
    let rows = items.len() as i64;
    let (numbers, present): (Vec<i64>, Vec<Box<RawValue>>) = items
        .into_iter()
        .enumerate()
        .filter_map(|(i, item)| item.map(|item| (chunk.first_row + i as i64, item)))
        .unzip();
    let result = (import.apply)(conn, author, present, false)?;
    let mut lines: Vec<ErrorRow> =
        staged.iter().map(|e| line(&chunk.job_id, e.row, 0, "", &e.code, &e.message)).collect();
    lines.extend(refusals(&chunk.job_id, &numbers, &result));
    crate::insert_many!(conn, er::table, &lines)?;
    diesel::delete(ch::table.find((&chunk.job_id, chunk.seq))).execute(conn)?;
    let counted = (
        j::processed.eq(j::processed + rows),
        j::accepted.eq(j::accepted + result.succeeded as i64),
        j::rejected.eq(j::rejected + (result.failed + staged.len()) as i64),
        j::chunks_done.eq(j::chunks_done + 1),
        j::updated_at.eq(now()),
    );
    diesel::update(j::table.find(&chunk.job_id)).set(counted).execute(conn)?;
    Ok(())
}

/// The error report's lines of a chunk's refused rows: one per field, or one for the row.
fn refusals(job_id: &str, numbers: &[i64], result: &BatchResult) -> Vec<ErrorRow> {
    let mut lines = Vec::new();
    for refused in &result.results {
        let (Some(problem), Some(row)) = (&refused.problem, numbers.get(refused.index)) else { continue };
        let prefix = format!("/{}", refused.index);
        if problem.errors.is_empty() {
            let message = problem.detail.clone().unwrap_or_else(|| problem.title.clone());
            lines.push(line(job_id, *row, 0, "", &problem.code, &message));
        }
        for (n, field) in problem.errors.iter().enumerate() {
            let pointer = field.pointer.strip_prefix(&prefix).unwrap_or(&field.pointer);
            lines.push(line(job_id, *row, n as i32, pointer, &field.code, &field.message));
        }
    }
    lines
}

fn line(job_id: &str, row: i64, n: i32, pointer: &str, code: &str, message: &str) -> ErrorRow {
    ErrorRow {
        job_id: job_id.to_owned(),
        row_no: row,
        n,
        pointer: pointer.to_owned(),
        code: code.to_owned(),
        message: message.chars().take(1000).collect(),
    }
}

/// Ends job `id` in `status` (with why, when it failed); what is still staged is dropped.
fn end(conn: &mut AnyConnection, id: &str, status: &str, failure: Option<&str>) -> Result<(), ApiError> {
    let at = now();
    let still = j::table.find(id).filter(j::status.eq_any(["queued", "running"]));
    let set = (j::status.eq(status), j::failure.eq(failure), j::finished_at.eq(Some(at)), j::updated_at.eq(at));
    diesel::update(still).set(set).execute(conn)?;
    diesel::delete(ch::table.filter(ch::job_id.eq(id))).execute(conn)?;
    Ok(())
}
