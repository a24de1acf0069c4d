//! The database-backed job queue every instance shares: work that outlives a request (pushes to
//! the national traceability portal; later webhooks and import jobs). An item is enqueued in the
//! transaction of the write that makes it due, so it exists exactly when that write does. A worker
//! claims due items with a lease (on PostgreSQL `FOR UPDATE SKIP LOCKED`, so two instances never
//! claim the same item; SQLite's writers take turns), handles each outside any transaction, and
//! records the outcome: done, or failed and retried after a growing delay until it is given up as
//! dead. A crash leaves the lease to run out; another instance then takes the item up again — so
//! an item may be handled twice only when its handler's effect landed but the outcome did not:
//! handlers send the item's id as an idempotency key for the receiver to recognise it.

pub mod http;

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::queued_jobs as q;
use crate::db::{self, AnyConnection, DbPool, now};
use crate::problem::ApiError;

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ItemState {
    /// Waiting for its (next) attempt.
    Pending,
    /// Claimed by an instance, being handled.
    Running,
    /// Handled.
    Done,
    /// Given up after its last attempt failed: the dead-letter list.
    Dead,
}

/// One item of a queue, as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QueuedItem {
    /// Identifier (UUIDv7); also the idempotency key its handler sends.
    #[schema(format = "uuid")]
    pub id: String,
    /// What it is about (e.g. a capture job's id).
    pub key: String,
    /// Where it stands.
    pub state: ItemState,
    /// Attempts made.
    pub attempts: i32,
    /// When the next attempt is due (pending items).
    pub next_attempt_at: chrono::DateTime<chrono::Utc>,
    /// Why the last attempt failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// When it was enqueued.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When it last changed.
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl crate::resource::Record for QueuedItem {
    fn id(&self) -> &str {
        &self.id
    }
    /// An item's version counts its attempts.
    fn version(&self) -> i32 {
        self.attempts
    }
}

/// Filters of a queue's list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueListQuery {
    /// Only items in this state (`dead` for the dead-letter list).
    pub state: Option<ItemState>,
}

crate::page!(QueuedItemPage of QueuedItem, "A page of a queue.", "The items on this page, oldest first.");

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = q)]
struct Row {
    id: String,
    kind: String,
    item_key: String,
    payload: String,
    state: String,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    leased_by: Option<String>,
    lease_until: Option<NaiveDateTime>,
    last_error: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl Row {
    fn to_api(&self) -> QueuedItem {
        QueuedItem {
            id: self.id.clone(),
            key: self.item_key.clone(),
            state: crate::names::stored(&self.state),
            attempts: self.attempts,
            next_attempt_at: self.next_attempt_at.and_utc(),
            last_error: self.last_error.clone(),
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }
}

/// Enqueues `payload` as the item `key` of queue `kind`, in the caller's transaction; an item
/// already there under the key takes the new payload and is due again.
pub fn enqueue(conn: &mut AnyConnection, kind: &str, key: &str, payload: &str) -> Result<(), ApiError> {
    let at = now();
    let existing =
        q::table.filter(q::kind.eq(kind)).filter(q::item_key.eq(key)).select(q::id).first::<String>(conn).optional()?;
    match existing {
        Some(id) => {
            let again = (
                q::payload.eq(payload),
                q::state.eq("pending"),
                q::attempts.eq(0),
                q::next_attempt_at.eq(at),
                q::updated_at.eq(at),
            );
            diesel::update(q::table.find(id)).set(again).execute(conn)?;
        }
        None => {
            let row = Row {
                id: crate::ids::new_id(),
                kind: kind.into(),
                item_key: key.into(),
                payload: payload.into(),
                state: "pending".into(),
                attempts: 0,
                next_attempt_at: at,
                leased_by: None,
                lease_until: None,
                last_error: None,
                created_at: at,
                updated_at: at,
            };
            diesel::insert_into(q::table).values(&row).execute(conn)?;
        }
    }
    Ok(())
}

/// An item a worker holds.
#[derive(Debug, Clone)]
pub struct Claimed {
    /// The item's id (the idempotency key to send).
    pub id: String,
    /// Its key.
    pub key: String,
    /// Its payload.
    pub payload: String,
    /// Attempts made, this one included.
    pub attempts: i32,
    /// The worker that holds it.
    pub worker: String,
}

/// Claims up to `n` due items of `kind` for `worker` until `lease` runs out (a pending item whose
/// time has come, or a running one whose lease ran out).
pub fn claim(
    conn: &mut AnyConnection,
    kind: &str,
    worker: &str,
    n: i64,
    lease: Duration,
) -> Result<Vec<Claimed>, ApiError> {
    let at = now();
    let due = || {
        let pending = q::state.eq("pending").and(q::next_attempt_at.le(at));
        let abandoned = q::state.eq("running").and(q::lease_until.lt(at));
        q::table.filter(q::kind.eq(kind)).filter(pending.or(abandoned))
    };
    let first = due().order(q::next_attempt_at.asc()).limit(n).select(q::id);
    let ids: Vec<String> = match conn {
        AnyConnection::Postgresql(c) => first.for_update().skip_locked().load(c)?,
        AnyConnection::Sqlite(c) => first.load(c)?,
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let until = at + chrono::Duration::from_std(lease).unwrap_or_default();
    let take = (
        q::state.eq("running"),
        q::leased_by.eq(worker),
        q::lease_until.eq(until),
        q::attempts.eq(q::attempts + 1),
        q::updated_at.eq(at),
    );
    diesel::update(due().filter(q::id.eq_any(&ids))).set(take).execute(conn)?;
    let held = q::table.filter(q::id.eq_any(&ids)).filter(q::leased_by.eq(worker)).filter(q::state.eq("running"));
    let rows: Vec<Row> = held.filter(q::lease_until.eq(until)).select(Row::as_select()).load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| Claimed { id: r.id, key: r.item_key, payload: r.payload, attempts: r.attempts, worker: worker.into() })
        .collect())
}

/// Extends the lease on an item its worker still holds, for long work that reports progress;
/// answers whether it still held it (another instance may have taken it up meanwhile).
pub fn renew(conn: &mut AnyConnection, claimed: &Claimed, lease: Duration) -> Result<bool, ApiError> {
    let until = now() + chrono::Duration::from_std(lease).unwrap_or_default();
    let mine = q::table.find(&claimed.id).filter(q::leased_by.eq(&claimed.worker)).filter(q::state.eq("running"));
    Ok(diesel::update(mine).set(q::lease_until.eq(until)).execute(conn)? == 1)
}

/// How failures are retried.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// Attempts before an item is given up as dead.
    pub max_attempts: i32,
    /// The delay after the first failure; each next one doubles it.
    pub first_delay: Duration,
    /// The longest delay.
    pub longest_delay: Duration,
}

impl Retry {
    /// The delay after the `attempts`-th failure.
    pub fn delay(&self, attempts: i32) -> Duration {
        let doubled = self.first_delay.saturating_mul(1u32 << attempts.clamp(1, 20).saturating_sub(1));
        doubled.min(self.longest_delay)
    }
}

/// Records how handling the item `claimed` by `worker` went: done, or failed with a reason
/// (retried after [`Retry::delay`], or dead after the last attempt). Nothing happens when the
/// lease was lost meanwhile (another instance took the item up).
pub fn finish(
    conn: &mut AnyConnection,
    worker: &str,
    claimed: &Claimed,
    outcome: Result<(), String>,
    retry: &Retry,
) -> Result<(), ApiError> {
    let at = now();
    let mine = q::table.find(&claimed.id).filter(q::leased_by.eq(worker)).filter(q::state.eq("running"));
    let (state, next, error) = match outcome {
        Ok(()) => ("done", at, None),
        Err(e) if claimed.attempts >= retry.max_attempts => ("dead", at, Some(e)),
        Err(e) => {
            ("pending", at + chrono::Duration::from_std(retry.delay(claimed.attempts)).unwrap_or_default(), Some(e))
        }
    };
    let error = error.map(|e| e.chars().take(500).collect::<String>());
    let set = (
        q::state.eq(state),
        q::next_attempt_at.eq(next),
        q::last_error.eq(error),
        q::lease_until.eq(None::<NaiveDateTime>),
        q::updated_at.eq(at),
    );
    diesel::update(mine).set(set).execute(conn)?;
    Ok(())
}

/// A page of queue `kind`, oldest first; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    kind: &str,
    filter: &QueueListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<QueuedItem>, ApiError> {
    list_keyed(conn, kind, "", filter, after, limit)
}

/// A page of the items of queue `kind` whose keys begin with `prefix` (an id and `/`: never a
/// `LIKE` wildcard), oldest first; fetches `limit + 1` rows.
pub fn list_keyed(
    conn: &mut AnyConnection,
    kind: &str,
    prefix: &str,
    filter: &QueueListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<QueuedItem>, ApiError> {
    let mut query = q::table.filter(q::kind.eq(kind)).select(Row::as_select()).order(q::id.asc()).into_boxed();
    if !prefix.is_empty() {
        query = query.filter(q::item_key.like(format!("{prefix}%")));
    }
    if let Some(state) = filter.state {
        query = query.filter(q::state.eq(crate::names::name_of(state)));
    }
    if let Some(after) = after {
        query = query.filter(q::id.gt(after));
    }
    let rows: Vec<Row> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(Row::to_api).collect())
}

/// Removes the items of queue `kind` whose keys begin with `prefix` and that wait for an attempt
/// (what an ended subscription no longer wants sent).
pub fn drop_pending(conn: &mut AnyConnection, kind: &str, prefix: &str) -> Result<(), ApiError> {
    let waiting = q::table.filter(q::kind.eq(kind)).filter(q::state.eq("pending"));
    diesel::delete(waiting.filter(q::item_key.like(format!("{prefix}%")))).execute(conn)?;
    Ok(())
}

/// Makes dead item `id` of queue `kind`, whose key begins with `prefix`, due again (404 for an
/// item under another key).
pub fn revive_keyed(conn: &mut AnyConnection, kind: &str, prefix: &str, id: &str) -> Result<QueuedItem, ApiError> {
    let found = q::table.find(id).filter(q::kind.eq(kind)).filter(q::item_key.like(format!("{prefix}%")));
    if found.select(q::id).first::<String>(conn).optional()?.is_none() {
        return Err(ApiError::NotFound(format!("no delivery {id}")));
    }
    revive(conn, kind, id)
}

/// Makes a dead item of `kind` due again, its attempts counted anew; 404 for no such item, 409
/// `not_dead` for one that is not dead.
pub fn revive(conn: &mut AnyConnection, kind: &str, id: &str) -> Result<QueuedItem, ApiError> {
    let row: Option<Row> =
        q::table.find(id).filter(q::kind.eq(kind)).select(Row::as_select()).first(conn).optional()?;
    let row = row.ok_or_else(|| ApiError::NotFound(format!("no queued item {id}")))?;
    if row.state != "dead" {
        return Err(ApiError::Conflict {
            code: "not_dead",
            detail: format!("the item is {}; only a dead one is retried", row.state),
            errors: vec![],
            allowed_actions: vec![],
        });
    }
    let at = now();
    let again = (q::state.eq("pending"), q::attempts.eq(0), q::next_attempt_at.eq(at), q::updated_at.eq(at));
    diesel::update(q::table.find(id)).set(again).execute(conn)?;
    let row: Row = q::table.find(id).select(Row::as_select()).first(conn)?;
    Ok(row.to_api())
}

/// Where one queue stands (`GET /api/v1/jobs`, and `tdc_queue_items` in `/metrics`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct QueueSummary {
    /// The queue: `traceability_portal`, `webhook`, `national`…
    pub kind: String,
    /// Items waiting for their (next) attempt.
    pub pending: i64,
    /// Items an instance holds now.
    pub running: i64,
    /// Items handled.
    pub done: i64,
    /// Items given up (the dead letters).
    pub dead: i64,
    /// When the longest-waiting pending item fell due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oldest_due_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Every queue's counts by state, by kind.
pub fn summary(conn: &mut AnyConnection) -> Result<Vec<QueueSummary>, ApiError> {
    let counts: Vec<(String, String, i64)> =
        q::table.group_by((q::kind, q::state)).select((q::kind, q::state, diesel::dsl::count_star())).load(conn)?;
    let oldest: Vec<(String, Option<NaiveDateTime>)> = q::table
        .filter(q::state.eq("pending"))
        .group_by(q::kind)
        .select((q::kind, diesel::dsl::min(q::next_attempt_at)))
        .load(conn)?;
    let mut by_kind: std::collections::BTreeMap<String, QueueSummary> = std::collections::BTreeMap::new();
    for (kind, state, n) in counts {
        let s = by_kind.entry(kind.clone()).or_insert_with(|| QueueSummary { kind, ..QueueSummary::default() });
        match state.as_str() {
            "pending" => s.pending = n,
            "running" => s.running = n,
            "done" => s.done = n,
            _ => s.dead = n,
        }
    }
    for (kind, at) in oldest {
        if let Some(s) = by_kind.get_mut(&kind) {
            s.oldest_due_at = at.map(|t| t.and_utc());
        }
    }
    Ok(by_kind.into_values().collect())
}

/// Handles one claimed item: `Ok` when done, the reason when it failed.
pub type Handle = Arc<dyn Fn(&Claimed) -> Result<(), String> + Send + Sync>;

/// A worker of one queue.
#[derive(Clone)]
pub struct Worker {
    /// The queue.
    pub kind: &'static str,
    /// Items claimed at a time.
    pub batch: i64,
    /// How long a claim holds (longer than a handler takes).
    pub lease: Duration,
    /// How often it looks for due items.
    pub every: Duration,
    /// How failures are retried.
    pub retry: Retry,
    /// What it does with an item.
    pub handle: Handle,
}

/// Runs `worker` on the current actix system (it stops with it): every `every`, claims due items,
/// handles each on the blocking pool, records each outcome.
pub fn spawn(pool: DbPool, worker: Worker) {
    let name = format!("{}@{}", worker.kind, crate::ids::new_id());
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(worker.every);
        loop {
            tick.tick().await;
            let (kind, who, n, lease) = (worker.kind, name.clone(), worker.batch, worker.lease);
            let claimed = match db::write(&pool, move |c| claim(c, kind, &who, n, lease)).await {
                Ok(claimed) => claimed,
                Err(e) => {
                    tracing::warn!(queue = worker.kind, error = %e, "claiming queued items failed; trying again");
                    continue;
                }
            };
            for item in claimed {
                let handle = worker.handle.clone();
                let held = item.clone();
                let outcome = actix_web::web::block(move || handle(&held)).await.unwrap_or_else(|e| Err(e.to_string()));
                if let Err(e) = &outcome {
                    tracing::warn!(queue = worker.kind, item = %item.id, attempts = item.attempts, error = %e, "a queued item failed");
                }
                let (who, retry) = (name.clone(), worker.retry);
                if let Err(e) = db::write(&pool, move |c| finish(c, &who, &item, outcome, &retry)).await {
                    tracing::warn!(queue = worker.kind, error = %e, "recording a queued item's outcome failed; its lease will run out");
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_up_to_the_longest() {
        let r =
            Retry { max_attempts: 8, first_delay: Duration::from_secs(10), longest_delay: Duration::from_secs(300) };
        assert_eq!([1, 2, 3, 6].map(|a| r.delay(a).as_secs()), [10, 20, 40, 300]);
    }
}
