//! How a row is written: inserted as its first version, saved over the version read as its next
//! one, or upserted by its natural key — each recorded in history and the change feed in the
//! writer's transaction. The table-specific statements come from [`stored!`](crate::stored); the
//! flow is written once here.

use chrono::NaiveDateTime;

use crate::changes::{Actor, Recorded, record_row, record_rows};
use crate::db::AnyConnection;
use crate::problem::ApiError;
use crate::versions::{Replace, check_updated};

/// A row of a table with `id`, `version` and `updated_at` columns, as [`stored!`](crate::stored)
/// implements it.
pub trait Stored: Recorded + Clone {
    /// Inserts the row as it is (its first version).
    fn insert(&self, conn: &mut AnyConnection) -> diesel::QueryResult<usize>;
    /// Inserts the rows with multi-row statements ([`insert_many!`](crate::insert_many)).
    fn insert_all(rows: &[Self], conn: &mut AnyConnection) -> diesel::QueryResult<usize>;
    /// Writes the row over the stored one if that is still at version `read`; answers how many
    /// rows changed (0: another writer got there first).
    fn update_if_at(&self, conn: &mut AnyConnection, read: i32) -> diesel::QueryResult<usize>;
    /// Marks the row as the first version of a new record `id`, created `at`.
    fn first_version(&mut self, id: String, at: NaiveDateTime);
    /// Marks the row as the next version of one at version `read`, changed `at`.
    fn next_version(&mut self, read: i32, at: NaiveDateTime);
    /// Whether `self` holds the same content as `other` (what an identical resend leaves alone):
    /// by default every column but the id and the bookkeeping, as the row's `PartialEq` sees them
    /// once those are made equal.
    fn same_content(&self, other: &Self) -> bool;
}

/// Implements [`Stored`] for a row type over a diesel table module:
/// `stored!(BusinessRow, businesses)`. The row derives `Insertable` (with
/// `treat_none_as_default_value = false`, for multi-row inserts), `AsChangeset` and `PartialEq`
/// and has `id`, `version`, `created_at` and `updated_at` fields.
#[macro_export]
macro_rules! stored {
    ($row:ty, $table:ident) => {
        impl $crate::resource::Stored for $row {
            fn insert(&self, conn: &mut $crate::db::AnyConnection) -> diesel::QueryResult<usize> {
                diesel::RunQueryDsl::execute(diesel::insert_into($table::table).values(self), conn)
            }
            fn insert_all(rows: &[Self], conn: &mut $crate::db::AnyConnection) -> diesel::QueryResult<usize> {
                $crate::insert_many!(conn, $table::table, rows)
            }
            fn update_if_at(&self, conn: &mut $crate::db::AnyConnection, read: i32) -> diesel::QueryResult<usize> {
                use diesel::prelude::*;
                let target = $table::table.find(&self.id).filter($table::version.eq(read));
                diesel::update(target).set(self).execute(conn)
            }
            fn first_version(&mut self, id: String, at: chrono::NaiveDateTime) {
                self.id = id;
                self.version = 1;
                self.created_at = at;
                self.updated_at = at;
            }
            fn next_version(&mut self, read: i32, at: chrono::NaiveDateTime) {
                self.version = read + 1;
                self.updated_at = at;
            }
            fn same_content(&self, other: &Self) -> bool {
                let mut other = other.clone();
                other.id.clone_from(&self.id);
                other.version = self.version;
                other.created_at = self.created_at;
                other.updated_at = self.updated_at;
                *self == other
            }
        }
    };
}

/// A new row: a new id, version 1, created now, every other column its `Default` (for the
/// caller to fill).
pub fn fresh<R: Stored + Default>() -> R {
    let mut row = R::default();
    row.first_version(crate::ids::new_id(), crate::db::now());
    row
}

/// Inserts `row` and records its creation; a clash on a unique key is 409 `duplicate_key` at
/// `pointer` with `message`.
pub fn create<R: Stored>(
    conn: &mut AnyConnection,
    actor: &Actor,
    row: R,
    pointer: &str,
    message: impl Into<String>,
) -> Result<R, ApiError> {
    crate::db::unique(row.insert(conn), pointer, message)?;
    record_row(conn, actor, "created", None, &row)?;
    Ok(row)
}

/// Saves `row` (a changed copy of `existing`, as read) as the next version — 412 when another
/// writer got there first — and records `action` with what it was before.
pub fn save<R: Stored>(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    existing: &R,
    row: &mut R,
) -> Result<(), ApiError> {
    let read = existing.record_version();
    row.next_version(read, crate::db::now());
    check_updated(row.update_if_at(conn, read)?)?;
    record_row(conn, actor, action, Some(existing), row)
}

/// Writes one planned upsert by natural key ([`write_planned`]) as `replace` allows: a new row is
/// created, a changed one saved as its next version, an identical resend writes nothing. Answers
/// the row as stored and whether it was created.
pub fn write_one<R: Stored>(
    conn: &mut AnyConnection,
    actor: &Actor,
    planned: Planned<R>,
    replace: &Replace,
) -> Result<(R, bool), ApiError> {
    let written = write_planned(conn, actor, vec![planned], replace)?.pop();
    written.unwrap_or_else(|| Err(ApiError::Internal("an upsert answered no outcome".into())))
}

/// A row (or record) as stored and whether it was created, or why it was refused.
pub type Saved<T> = Result<(T, bool), ApiError>;

/// A batch item once planned: the row stored under its key, if any, and the row it should become
/// (a [`fresh`] one filled, or a filled copy of the stored one).
pub struct Planned<R> {
    /// The row as stored.
    pub existing: Option<R>,
    /// The row as it should be.
    pub row: R,
}

/// Writes planned upserts set-wise in the caller's transaction: the new rows with multi-row
/// inserts, each changed row as its next version, and all their changes with one insert
/// into the feed, in item order; an identical row writes nothing. Answers each row as stored and
/// whether it was created, or why `replace` refused it. A clash with a concurrent writer (409 on a
/// key, 412 on a version) fails the whole call, for the caller to retry item by item.
pub fn write_planned<R: Stored>(
    conn: &mut AnyConnection,
    actor: &Actor,
    plans: Vec<Planned<R>>,
    replace: &Replace,
) -> Result<Vec<Saved<R>>, ApiError> {
    let at = crate::db::now();
    let mut outcomes = Vec::with_capacity(plans.len());
    let mut before: Vec<Option<R>> = Vec::with_capacity(plans.len());
    for Planned { existing, mut row } in plans {
        let Some(existing) = existing else {
            outcomes.push(Ok((row, true)));
            before.push(None);
            continue;
        };
        match replace.allows(row.same_content(&existing), existing.record_version()) {
            Err(e) => outcomes.push(Err(e)),
            Ok(false) => outcomes.push(Ok((existing, false))),
            Ok(true) => {
                row.next_version(existing.record_version(), at);
                outcomes.push(Ok((row, false)));
                before.push(Some(existing));
                continue;
            }
        }
        before.push(None);
    }
    let new_rows: Vec<R> =
        outcomes.iter().filter_map(|o| o.as_ref().ok().filter(|(_, c)| *c).map(|(r, _)| r.clone())).collect();
    crate::db::unique(R::insert_all(&new_rows, conn), "", "a concurrent writer stored this key")?;
    let mut writes = Vec::new();
    for (outcome, before) in outcomes.iter().zip(&before) {
        match (outcome, before) {
            (Ok((row, true)), _) => writes.push(("created", None, row)),
            (Ok((row, false)), Some(existing)) => {
                check_updated(row.update_if_at(conn, existing.record_version())?)?;
                writes.push(("updated", Some(existing), row));
            }
            _ => {}
        }
    }
    record_rows(conn, actor, &writes, true)?;
    Ok(outcomes)
}

/// The natural keys of a batch's items (or why an item has none), unless one repeats: `None`
/// then, and the batch runs item by item, so that the second sees what the first stored.
pub fn batch_keys(keys: Vec<Result<String, ApiError>>) -> Option<Vec<Result<String, ApiError>>> {
    let mut seen = std::collections::HashSet::new();
    keys.iter().filter_map(|k| k.as_deref().ok()).all(|k| seen.insert(k)).then_some(keys)
}

/// A batch of upserts by natural key, set-wise: each item is planned (`plan`) against the row
/// stored under its key (taken from `stored`, read by the caller in one query) and the plans are
/// written together ([`write_planned`], as a batch replaces what its keys hold). Answers each
/// item's id and version ([`Kept`](super::Kept)); an item refused while planning keeps its place.
pub fn write_batch<R: Stored, I: ?Sized>(
    conn: &mut AnyConnection,
    actor: &Actor,
    items: &[&I],
    keys: Vec<Result<String, ApiError>>,
    mut stored: std::collections::HashMap<String, R>,
    mut plan: impl FnMut(&mut AnyConnection, &I, &str, Option<R>) -> Result<Planned<R>, ApiError>,
) -> Result<Vec<Saved<super::Kept>>, ApiError> {
    let (mut plans, mut slots) = (Vec::new(), Vec::with_capacity(items.len()));
    for (key, item) in keys.into_iter().zip(items) {
        let planned = key.and_then(|key| {
            let existing = stored.remove(&key);
            plan(conn, item, &key, existing)
        });
        slots.push(planned.map(|p| plans.push(p)));
    }
    let mut written = write_planned(conn, actor, plans, &Replace::Always)?.into_iter();
    let mut next =
        || written.next().unwrap_or_else(|| Err(ApiError::Internal("a batch answered fewer outcomes".into())));
    let kept = |(row, created): (R, bool)| {
        (super::Kept { id: row.record_id().to_owned(), version: row.record_version() }, created)
    };
    Ok(slots.into_iter().map(|slot| slot.and_then(|()| next()).map(kept)).collect())
}
