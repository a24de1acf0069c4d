//! Giving changes their number in the feed (`seq`) and their audit hashes.
//!
//! The feed is gapless and in commit order: a follower that has read up to `n` never later sees a
//! smaller number appear, and a rolled-back change never had one. A write transaction holds its
//! changes in memory while its work runs ([`hold`]); when the work is done, just before the
//! commit, [`write_held`] numbers, seals and inserts them in one statement. On PostgreSQL it first
//! takes a transaction-scoped advisory lock, so numbers are taken in the order transactions
//! commit — but only for the last statement and the commit, not for the work before: writers do
//! their work side by side. On SQLite writers already take turns (`BEGIN IMMEDIATE`).
//!
//! Work undone to a savepoint must forget the changes it held: [`crate::db::savepoint`] does.

use std::cell::RefCell;
use std::collections::HashMap;

use diesel::prelude::*;

use super::audit;
use super::store::{ChangeBody, ChangeRow};
use crate::db::{AnyConnection, schema::changes};
use crate::problem::ApiError;

/// Lock id serializing the numbering of changes on PostgreSQL ("tdc_feed" in ASCII).
const PG_FEED_LOCK: i64 = 0x7464_635f_6665_6564;

/// A change waiting for its transaction's work to end; `first` when it is its record's first
/// (no history to chain to).
struct Held {
    body: ChangeBody,
    first: bool,
}

thread_local! {
    /// The changes of the write transaction running on this thread, in order.
    static HELD: RefCell<Vec<Held>> = const { RefCell::new(Vec::new()) };
}

/// Holds changes of the write transaction running on this thread until its work is done.
pub(super) fn hold(bodies: Vec<(ChangeBody, bool)>) {
    HELD.with(|held| held.borrow_mut().extend(bodies.into_iter().map(|(body, first)| Held { body, first })));
}

/// Applies `edit` to the held changes of one record (its access moved: they follow it too).
pub(super) fn follow_held(entity: &str, entity_id: &str, mut edit: impl FnMut(&mut ChangeBody)) {
    HELD.with(|held| {
        let mut held = held.borrow_mut();
        let of_record = held.iter_mut().filter(|h| h.body.entity == entity && h.body.entity_id == entity_id);
        of_record.for_each(|h| edit(&mut h.body));
    });
}

/// Starts a write transaction's holding afresh. Anything still held was recorded outside a write
/// transaction — a bug that would lose it — and is logged before it is dropped.
pub(crate) fn begin() {
    let stray = HELD.with(|held| std::mem::take(&mut *held.borrow_mut()));
    for h in stray {
        tracing::error!(entity = %h.body.entity, id = %h.body.entity_id, "a change recorded outside a write transaction was dropped");
    }
}

/// How many changes this thread's transaction holds: a mark to go back to.
pub(crate) fn held_mark() -> usize {
    HELD.with(|held| held.borrow().len())
}

/// Forgets the changes held since `mark` (their work was undone to a savepoint).
pub(crate) fn forget_since(mark: usize) {
    HELD.with(|held| held.borrow_mut().truncate(mark));
}

/// Numbers, seals and inserts the changes this thread's transaction holds: the last step of a
/// write transaction's work, on its connection.
pub(crate) fn write_held(conn: &mut AnyConnection) -> Result<(), ApiError> {
    let held = HELD.with(|held| std::mem::take(&mut *held.borrow_mut()));
    if held.is_empty() {
        return Ok(());
    }
    if let AnyConnection::Postgresql(_) = conn {
        diesel::sql_query(format!("SELECT pg_advisory_xact_lock({PG_FEED_LOCK})")).execute(conn)?;
    }
    let mut chain = Chain::start(conn)?;
    chain.recall(conn, &held)?;
    let rows: Vec<ChangeRow> = held.into_iter().map(|h| chain.next(h.body)).collect();
    crate::insert_many!(conn, changes::table, &rows)?;
    Ok(())
}

/// The chains' heads as numbering goes: the last number and hash, and each record's last hash.
struct Chain {
    seq: i64,
    prev: String,
    records: HashMap<(String, String), String>,
}

impl Chain {
    fn start(conn: &mut AnyConnection) -> Result<Chain, ApiError> {
        let (seq, prev) = audit::head_sealed(conn)?;
        Ok(Chain { seq, prev, records: HashMap::new() })
    }

    /// Reads, with one query, the last hash of each record of `held` that may have history.
    fn recall(&mut self, conn: &mut AnyConnection, held: &[Held]) -> Result<(), ApiError> {
        let old: Vec<&ChangeBody> = held.iter().filter(|h| !h.first).map(|h| &h.body).collect();
        for chunk in old.chunks(crate::db::INSERT_CHUNK) {
            let entities: Vec<&str> = chunk.iter().map(|b| b.entity.as_str()).collect();
            let ids: Vec<&str> = chunk.iter().map(|b| b.entity_id.as_str()).collect();
            let stored: Vec<(String, String, String)> = changes::table
                .filter(changes::entity.eq_any(entities))
                .filter(changes::entity_id.eq_any(ids))
                .order(changes::seq.asc())
                .select((changes::entity, changes::entity_id, changes::record_hash))
                .load(conn)?;
            for (entity, entity_id, record_hash) in stored {
                self.records.insert((entity, entity_id), record_hash); // in order: the last one stays
            }
        }
        Ok(())
    }

    /// Numbers and seals the next change.
    fn next(&mut self, body: ChangeBody) -> ChangeRow {
        let key = (body.entity.clone(), body.entity_id.clone());
        let record_prev = self.records.get(&key).map_or("", String::as_str);
        self.seq += 1;
        let mut row = ChangeRow { seq: self.seq, body, hash: String::new(), record_hash: String::new() };
        audit::seal(&mut row, &self.prev, record_prev);
        self.prev.clone_from(&row.hash);
        self.records.insert(key, row.record_hash.clone());
        row
    }
}
