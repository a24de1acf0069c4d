//! How a row is written: inserted as its first version, saved over the version read as its next
//! one, or upserted by its natural key — each recorded in history and the change feed in the
//! writer's transaction. The table-specific statements come from [`stored!`](crate::stored); the
//! flow is written once here.

use chrono::NaiveDateTime;

use crate::changes::{Actor, Recorded, record_row};
use crate::db::AnyConnection;
use crate::problem::ApiError;
use crate::versions::{Replace, check_updated};

/// A row of a table with `id`, `version` and `updated_at` columns, as [`stored!`](crate::stored)
/// implements it.
pub trait Stored: Recorded + Clone {
    /// Inserts the row as it is (its first version).
    fn insert(&self, conn: &mut AnyConnection) -> diesel::QueryResult<usize>;
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
/// `stored!(BusinessRow, businesses)`. The row derives `Insertable`, `AsChangeset` and `PartialEq`
/// and has `id`, `version`, `created_at` and `updated_at` fields.
#[macro_export]
macro_rules! stored {
    ($row:ty, $table:ident) => {
        impl $crate::resource::Stored for $row {
            fn insert(&self, conn: &mut $crate::db::AnyConnection) -> diesel::QueryResult<usize> {
                diesel::RunQueryDsl::execute(diesel::insert_into($table::table).values(self), conn)
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

/// What an upsert by natural key found and what it does with it.
pub struct Upsert<'a, R> {
    /// The row stored under the key, if any (the writer may lead it: checked by the caller).
    pub existing: Option<R>,
    /// When it may replace an existing row.
    pub replace: &'a Replace,
    /// Where a clash on the natural key points, and what it says (a concurrent creation).
    pub duplicate: (&'a str, String),
}

impl<R: Stored> Upsert<'_, R> {
    /// Creates the row (`fresh`, then `fill`) when none is stored, else fills a copy of the stored
    /// one and saves it as its next version as `replace` allows; an identical resend writes
    /// nothing. Answers the row as stored and whether it was created.
    pub fn run(
        self,
        conn: &mut AnyConnection,
        actor: &Actor,
        fresh: impl FnOnce() -> R,
        fill: impl FnOnce(&mut R),
    ) -> Result<(R, bool), ApiError> {
        let Some(existing) = self.existing else {
            let mut row = fresh();
            fill(&mut row);
            let (pointer, message) = self.duplicate;
            return create(conn, actor, row, pointer, message).map(|row| (row, true));
        };
        let mut row = existing.clone();
        fill(&mut row);
        if !self.replace.allows(row.same_content(&existing), existing.record_version())? {
            return Ok((existing, false));
        }
        save(conn, actor, "updated", &existing, &mut row)?;
        Ok((row, false))
    }
}
