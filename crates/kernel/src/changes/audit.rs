//! The tamper-evident audit trail (the X-Road security server's idea): every change is chained by
//! hash to the change before it (`hash`, the global chain) and to its record's previous change
//! (`record_hash`), so editing or deleting a row of the log breaks the chains where it happened.
//!
//! A hash covers what a change says — its number, record, action, version, time, author and the
//! record before and after — but not who may read it, which follows the record (see
//! [`follow_access`](super::store::follow_access)). The chain's head (its last number and hash),
//! kept somewhere else from time to time (`tdc-hub audit head`), also catches the removal of the
//! newest rows.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::store::ChangeRow;
use crate::db::{AnyConnection, schema::changes};
use crate::problem::ApiError;
use crate::text::digest;

/// How a change's time is written into its hash (parsed once).
static AT_FORMAT: std::sync::LazyLock<Vec<chrono::format::Item<'static>>> =
    std::sync::LazyLock::new(|| chrono::format::StrftimeItems::new("%Y-%m-%dT%H:%M:%S%.6f").collect());

/// What a change's hash covers, with the hash before it.
fn chained(prev: &str, row: &ChangeRow) -> String {
    let body = &row.body;
    let at = body.at.format_with_items(AT_FORMAT.iter()).to_string();
    let (before, after) = (body.before_data.as_deref().unwrap_or(""), body.after_data.as_deref().unwrap_or(""));
    let (seq, version) = (row.seq.to_string(), body.version.to_string());
    digest(&[
        prev,
        &seq,
        &body.entity,
        &body.entity_id,
        &body.action,
        &version,
        &at,
        &body.client_id,
        &body.agency_code,
        before,
        after,
    ])
}

/// Sets a new change's hashes from the global chain's head and its record's.
pub(super) fn seal(row: &mut ChangeRow, prev: &str, record_prev: &str) {
    row.hash = chained(prev, row);
    row.record_hash = digest(&[record_prev, &row.hash]);
}

/// The last change's number and hash (0 and "" for none), after sealing any rows written before
/// the chain began (in order, once).
pub(super) fn head_sealed(conn: &mut AnyConnection) -> Result<(i64, String), ApiError> {
    let last: Option<(i64, String)> =
        changes::table.select((changes::seq, changes::hash)).order(changes::seq.desc()).first(conn).optional()?;
    match last {
        None => Ok((0, String::new())),
        Some((seq, hash)) if !hash.is_empty() => Ok((seq, hash)),
        Some(_) => seal_unsealed(conn),
    }
}

fn seal_unsealed(conn: &mut AnyConnection) -> Result<(i64, String), ApiError> {
    let (mut prev, mut last) = (String::new(), 0);
    let mut records = std::collections::HashMap::<(String, String), String>::new();
    loop {
        let rows: Vec<ChangeRow> = changes::table
            .select(ChangeRow::as_select())
            .filter(changes::seq.gt(last))
            .order(changes::seq.asc())
            .limit(1000)
            .load(conn)?;
        if rows.is_empty() {
            return Ok((last, prev));
        }
        for mut row in rows {
            let key = (row.body.entity.clone(), row.body.entity_id.clone());
            if row.hash.is_empty() {
                seal(&mut row, &prev, records.get(&key).map(String::as_str).unwrap_or(""));
                diesel::update(changes::table.find(row.seq))
                    .set((changes::hash.eq(&row.hash), changes::record_hash.eq(&row.record_hash)))
                    .execute(conn)?;
            }
            records.insert(key, row.record_hash.clone());
            (prev, last) = (row.hash, row.seq);
        }
    }
}

/// A place where the log does not hold together.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct AuditBreak {
    /// The change's number (for a missing one, the number that is not there).
    pub seq: i64,
    /// `edited` (its content no longer matches its hash), `missing` (a number was removed),
    /// `unchained` (its hashes do not follow the change before it, or its record's), or
    /// `head_mismatch` (a head kept earlier is no longer in the log).
    pub kind: String,
    /// The record's kind, when the row is there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// The record's id, when the row is there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
}

/// The result of walking the whole log.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct AuditReport {
    /// Whether every change is where its hashes say (and every head given is in the log).
    pub intact: bool,
    /// Changes walked.
    pub entries: i64,
    /// The last change's number.
    pub head_seq: i64,
    /// The last change's hash: keep it elsewhere, and a later check proves nothing before it moved.
    pub head_hash: String,
    /// Where the log does not hold together (at most 100).
    pub breaks: Vec<AuditBreak>,
}

/// Walks the log in order, checking both chains, and that each `(seq, hash)` of `heads` (kept
/// earlier) is still in it.
pub fn verify(conn: &mut AnyConnection, heads: &[(i64, String)]) -> Result<AuditReport, ApiError> {
    let mut walk = Walk::default();
    loop {
        let rows: Vec<ChangeRow> = changes::table
            .select(ChangeRow::as_select())
            .filter(changes::seq.gt(walk.last))
            .order(changes::seq.asc())
            .limit(1000)
            .load(conn)?;
        if rows.is_empty() {
            break;
        }
        rows.into_iter().for_each(|row| walk.step(row));
    }
    for (seq, hash) in heads {
        if walk.hashes.get(seq) != Some(hash) {
            walk.broke(*seq, "head_mismatch", None);
        }
    }
    let intact = walk.breaks.is_empty();
    walk.breaks.truncate(100);
    Ok(AuditReport { intact, entries: walk.entries, head_seq: walk.last, head_hash: walk.prev, breaks: walk.breaks })
}

#[derive(Default)]
struct Walk {
    last: i64,
    prev: String,
    entries: i64,
    records: std::collections::HashMap<(String, String), String>,
    hashes: std::collections::HashMap<i64, String>,
    breaks: Vec<AuditBreak>,
}

impl Walk {
    fn broke(&mut self, seq: i64, kind: &str, row: Option<&ChangeRow>) {
        let entity = row.map(|r| r.body.entity.clone());
        let entity_id = row.map(|r| r.body.entity_id.clone());
        self.breaks.push(AuditBreak { seq, kind: kind.into(), entity, entity_id });
    }

    fn step(&mut self, row: ChangeRow) {
        for missing in self.last + 1..row.seq {
            self.broke(missing, "missing", None);
        }
        let key = (row.body.entity.clone(), row.body.entity_id.clone());
        let record_prev = self.records.get(&key).cloned().unwrap_or_default();
        if chained(&self.prev, &row) != row.hash {
            let kind = if self.breaks.iter().any(|b| b.seq == row.seq - 1) { "unchained" } else { "edited" };
            self.broke(row.seq, kind, Some(&row));
        } else if digest(&[&record_prev, &row.hash]) != row.record_hash {
            self.broke(row.seq, "unchained", Some(&row));
        }
        self.hashes.insert(row.seq, row.hash.clone());
        self.records.insert(key, row.record_hash.clone());
        (self.last, self.prev, self.entries) = (row.seq, row.hash, self.entries + 1);
    }
}
