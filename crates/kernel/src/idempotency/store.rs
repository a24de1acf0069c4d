//! Idempotency keys in the database.

use chrono::Duration;
use diesel::prelude::*;

use crate::db::{AnyConnection, is_unique_violation, now, schema::idempotency_keys};
use crate::problem::ApiError;

/// How long a first answer is kept and replayed.
pub const RETENTION_HOURS: i64 = 24;
/// How often a running request renews its key's claim.
pub const HEARTBEAT_SECONDS: u64 = 3;
/// A key still `running` whose claim was not renewed for this long is taken to be abandoned (its
/// instance died mid-request): a retry runs.
const ABANDONED_AFTER_SECONDS: i64 = 10;

/// A kept answer.
#[derive(Debug, Clone)]
pub struct Stored {
    /// HTTP status.
    pub status: u16,
    /// The headers worth replaying (Location, ETag, Content-Type).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
}

/// What a request with a key may do.
#[derive(Debug)]
pub enum Claim {
    /// First use (or a retry after a failure): run it.
    Fresh,
    /// Answered before with the same request: replay this.
    Replay(Stored),
    /// The first request with this key is still running.
    InProgress,
    /// The key was used with a different request.
    Mismatch,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = idempotency_keys)]
struct KeyRow {
    request_hash: String,
    state: String,
    status: Option<i32>,
    response_headers: Option<String>,
    response_body: Option<String>,
    created_at: chrono::NaiveDateTime,
}

/// Claims `key` for `client` and a request with `hash`.
pub fn claim(conn: &mut AnyConnection, client: &str, key: &str, hash: &str) -> Result<Claim, ApiError> {
    let at = now();
    diesel::delete(idempotency_keys::table.filter(idempotency_keys::expires_at.lt(at))).execute(conn)?;
    let found: Option<KeyRow> =
        idempotency_keys::table.find((client, key)).select(KeyRow::as_select()).first(conn).optional()?;
    let Some(row) = found else { return insert_running(conn, client, key, hash) };
    if row.request_hash != hash {
        return Ok(Claim::Mismatch);
    }
    if row.state == "running" {
        if at - row.created_at < Duration::seconds(ABANDONED_AFTER_SECONDS) {
            return Ok(Claim::InProgress);
        }
        diesel::update(idempotency_keys::table.find((client, key)))
            .set(idempotency_keys::created_at.eq(at))
            .execute(conn)?;
        return Ok(Claim::Fresh);
    }
    Ok(Claim::Replay(Stored {
        status: u16::try_from(row.status.unwrap_or(200)).unwrap_or(200),
        headers: serde_json::from_str(row.response_headers.as_deref().unwrap_or("[]")).unwrap_or_default(),
        body: row.response_body.unwrap_or_default(),
    }))
}

fn insert_running(conn: &mut AnyConnection, client: &str, key: &str, hash: &str) -> Result<Claim, ApiError> {
    let at = now();
    let inserted = diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::client_id.eq(client),
            idempotency_keys::idem_key.eq(key),
            idempotency_keys::request_hash.eq(hash),
            idempotency_keys::state.eq("running"),
            idempotency_keys::created_at.eq(at),
            idempotency_keys::expires_at.eq(at + Duration::hours(RETENTION_HOURS)),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => Ok(Claim::Fresh),
        Err(e) if is_unique_violation(&e) => Ok(Claim::InProgress),
        Err(e) => Err(e.into()),
    }
}

/// Renews a running request's claim on its key.
pub fn renew(conn: &mut AnyConnection, client: &str, key: &str) -> Result<(), ApiError> {
    diesel::update(idempotency_keys::table.find((client, key)).filter(idempotency_keys::state.eq("running")))
        .set(idempotency_keys::created_at.eq(now()))
        .execute(conn)?;
    Ok(())
}

/// Keeps the first answer for replay.
pub fn complete(conn: &mut AnyConnection, client: &str, key: &str, stored: &Stored) -> Result<(), ApiError> {
    diesel::update(idempotency_keys::table.find((client, key)))
        .set((
            idempotency_keys::state.eq("done"),
            idempotency_keys::status.eq(i32::from(stored.status)),
            idempotency_keys::response_headers.eq(serde_json::to_string(&stored.headers).unwrap_or_default()),
            idempotency_keys::response_body.eq(&stored.body),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets a key (after a server failure, or an answer that must not be kept), so a retry runs again.
pub fn release(conn: &mut AnyConnection, client: &str, key: &str) -> Result<(), ApiError> {
    diesel::delete(idempotency_keys::table.find((client, key))).execute(conn)?;
    Ok(())
}
