//! Receiving a file: the body streamed to disk (its size bounded, its SHA-256 taken on the way),
//! then read row by row into chunks in the database; the job is queued in the transaction that
//! records the last chunk. A failure removes the job and its chunks: nothing is left
//! half-received. A job left receiving by a crash is swept after an hour ([`sweep_job`]).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use actix_web::web;
use diesel::prelude::*;
use futures_util::StreamExt;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use super::store::{ChunkRow, JobRow};
use super::{ImportFormat, ImportRowError, ImportSettings, QUEUE, rows};
use crate::batch::MAX_ITEMS;
use crate::db::schema::{import_chunks as ch, import_jobs as j};
use crate::db::{self, AnyConnection, DbPool, now};
use crate::problem::ApiError;

/// The most bytes of items one chunk holds (fewer rows than [`MAX_ITEMS`] when they are large).
const MAX_CHUNK_BYTES: usize = 4 << 20;

/// A body spooled to disk; the file is removed when this is dropped.
pub struct Spooled {
    /// Where it is.
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
    /// Its SHA-256, in hex.
    pub sha256: String,
}

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Streams `payload` to a file in the settings' directory (413 beyond `max_bytes`).
pub async fn spool(mut payload: web::Payload, settings: &ImportSettings) -> Result<Spooled, ApiError> {
    let fail = |e: std::io::Error| ApiError::Internal(format!("spooling an import: {e}"));
    std::fs::create_dir_all(&settings.dir).map_err(fail)?;
    let mut spooled = Spooled {
        path: settings.dir.join(format!("{}.upload", crate::ids::new_id())),
        bytes: 0,
        sha256: String::new(),
    };
    let mut file = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(&spooled.path).map_err(fail)?);
    let mut digest = Sha256::new();
    while let Some(piece) = payload.next().await {
        let piece = piece
            .map_err(|e| ApiError::Malformed { detail: format!("the body could not be read: {e}"), errors: vec![] })?;
        spooled.bytes += piece.len() as u64;
        if spooled.bytes > settings.max_bytes {
            return Err(ApiError::PayloadTooLarge(format!(
                "an import file holds at most {} bytes",
                settings.max_bytes
            )));
        }
        digest.update(&piece);
        file.write_all(&piece).map_err(fail)?;
    }
    file.flush().map_err(fail)?;
    spooled.sha256 = crate::text::hex(&digest.finalize());
    Ok(spooled)
}

/// Stages the spooled file of job `job` (inserted as receiving) in chunks and queues it; on any
/// failure removes the job and what was staged. Runs off the async runtime.
pub fn stage(pool: &DbPool, job: JobRow, spooled: &Spooled, import: &super::Import) -> Result<JobRow, ApiError> {
    let id = job.id.clone();
    let format: ImportFormat = crate::names::stored(&job.format);
    db::write_blocking(pool, |c| Ok(diesel::insert_into(j::table).values(&job).execute(c)?))?;
    let staged = rows::read(&spooled.path, format, &import.columns).and_then(|rows| stage_rows(pool, &id, rows));
    let queued = staged.and_then(|(received, chunks)| db::write_blocking(pool, |c| queue(c, &id, received, chunks)));
    if queued.is_err() {
        let removed = db::write_blocking(pool, |c| Ok(diesel::delete(j::table.find(&id)).execute(c)?));
        if let Err(e) = removed {
            tracing::warn!(job = %id, error = %e, "removing a failed import's staged rows failed; the sweep will");
        }
    }
    queued
}

/// A chunk being filled.
#[derive(Default)]
struct Filling {
    first_row: i64,
    items: Vec<Option<Box<RawValue>>>,
    errors: Vec<ImportRowError>,
    bytes: usize,
}

/// Reads every row into chunks, each stored in its own transaction; answers the rows and chunks.
fn stage_rows(pool: &DbPool, id: &str, rows: rows::Rows) -> Result<(i64, i32), ApiError> {
    let (mut received, mut seq, mut filling) = (0i64, 0i32, Filling::default());
    for row in rows {
        let row = row?;
        received += 1;
        if filling.items.is_empty() {
            filling.first_row = row.number;
        }
        // A chunk's rows are consecutive: a gap (blank lines) starts a new chunk.
        let expected = filling.first_row + filling.items.len() as i64;
        if row.number != expected {
            seq = flush(pool, id, seq, &mut filling)?;
            filling.first_row = row.number;
        }
        match row.item {
            Ok(item) => {
                filling.bytes += item.get().len();
                filling.items.push(Some(item));
            }
            Err((code, message)) => {
                filling.errors.push(ImportRowError {
                    row: row.number,
                    pointer: String::new(),
                    code: code.into(),
                    message,
                    line: 0,
                });
                filling.items.push(None);
            }
        }
        if filling.items.len() >= MAX_ITEMS || filling.bytes >= MAX_CHUNK_BYTES {
            seq = flush(pool, id, seq, &mut filling)?;
        }
    }
    seq = flush(pool, id, seq, &mut filling)?;
    Ok((received, seq))
}

/// Stores the chunk being filled (if it holds anything) as chunk `seq`; answers the next `seq`.
fn flush(pool: &DbPool, id: &str, seq: i32, filling: &mut Filling) -> Result<i32, ApiError> {
    if filling.items.is_empty() {
        return Ok(seq);
    }
    let filled = std::mem::take(filling);
    let chunk = ChunkRow {
        job_id: id.to_owned(),
        seq,
        first_row: filled.first_row,
        items: crate::columns::json(&filled.items),
        errors: crate::columns::json(&filled.errors),
    };
    db::write_blocking(pool, |c| {
        diesel::insert_into(ch::table).values(&chunk).execute(c)?;
        diesel::update(j::table.find(id)).set(j::updated_at.eq(now())).execute(c)?;
        Ok(())
    })?;
    Ok(seq + 1)
}

/// Marks job `id` staged and queues it for a worker.
fn queue(conn: &mut AnyConnection, id: &str, received: i64, chunks: i32) -> Result<JobRow, ApiError> {
    let set = (j::status.eq("queued"), j::received.eq(received), j::chunks.eq(chunks), j::updated_at.eq(now()));
    diesel::update(j::table.find(id)).set(set).execute(conn)?;
    crate::queue::enqueue(conn, QUEUE, id, "")?;
    Ok(j::table.find(id).select(JobRow::as_select()).first(conn)?)
}

/// How long a job may stay receiving before it is taken for abandoned (its upload's instance
/// stopped while staging it).
const ABANDONED_AFTER_MINUTES: i64 = 60;

/// The scheduled sweep of jobs abandoned while receiving (their staged chunks go with them).
pub fn sweep_job() -> crate::schedule::Job {
    crate::schedule::Job {
        name: "import_sweep",
        batch: 100,
        run: Arc::new(|conn: &mut AnyConnection, _| {
            let before = now() - chrono::Duration::minutes(ABANDONED_AFTER_MINUTES);
            let stale = j::table.filter(j::status.eq("receiving")).filter(j::updated_at.lt(before));
            let ids: Vec<String> = stale.select(j::id).limit(100).load(conn)?;
            diesel::delete(j::table.filter(j::id.eq_any(&ids))).execute(conn)?;
            Ok(ids.len())
        }),
    }
}
