//! One way to record a row's change: the row says what it is ([`Recorded`]); [`record_row`] writes
//! history and the change feed.

use super::model::{Actor, Change};
use crate::access::Access;
use crate::db::AnyConnection;
use crate::problem::ApiError;

/// A stored row whose changes history and the change feed keep.
pub trait Recorded {
    /// The entity name in history, transitions and the feed, e.g. `business`.
    const ENTITY: &'static str;

    /// The record's id.
    fn record_id(&self) -> &str;

    /// The record's version after the change.
    fn record_version(&self) -> i32;

    /// Who may see the change: the record's lead agency and sharing (`actor` is the writer, for
    /// records that have no lead of their own, like public reference data).
    fn record_access(&self, actor: &Actor) -> Access;

    /// What history and the feed keep of the record, as JSON text: never personal data.
    fn snapshot(&self) -> String;
}

/// Implements [`Recorded`] for a row with `id` and `version` fields and an `access()` method:
/// `recorded!(BusinessRow, ENTITY, |row| row.to_api(&Reader::Public))` — the closure gives what
/// history and the feed keep (serialized). `recorded!(UnitRow, ENTITY, public, |row| row.to_api())`
/// for public reference data, which the writer's agency leads; `…, access = |row| expr` when the
/// row's access is not its `access()`.
#[macro_export]
macro_rules! recorded {
    ($row:ty, $entity:expr, |$r:ident| $snapshot:expr) => {
        $crate::recorded!(@impl $row, $entity, |$r| $snapshot, |row, _actor| row.access());
    };
    ($row:ty, $entity:expr, |$r:ident| $snapshot:expr, access = |$a:ident| $access:expr) => {
        $crate::recorded!(@impl $row, $entity, |$r| $snapshot, |$a, _actor| $access);
    };
    ($row:ty, $entity:expr, public, |$r:ident| $snapshot:expr) => {
        $crate::recorded!(@impl $row, $entity, |$r| $snapshot, |_row, actor| $crate::access::Access::public_by(&actor.agency_code));
    };
    (@impl $row:ty, $entity:expr, |$r:ident| $snapshot:expr, |$row_:ident, $actor:ident| $access:expr) => {
        impl $crate::changes::Recorded for $row {
            const ENTITY: &'static str = $entity;
            fn record_id(&self) -> &str {
                &self.id
            }
            fn record_version(&self) -> i32 {
                self.version
            }
            fn record_access(&self, $actor: &$crate::changes::Actor) -> $crate::access::Access {
                let $row_ = self;
                $access
            }
            fn snapshot(&self) -> String {
                let $r = self;
                serde_json::to_string(&$snapshot).unwrap_or_else(|_| "null".into())
            }
        }
    };
}

/// Records `action` on `after` (and what it was `before`, for an update) in the caller's
/// transaction: the record's history and the change feed.
pub fn record_row<R: Recorded>(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    before: Option<&R>,
    after: &R,
) -> Result<(), ApiError> {
    record_rows(conn, actor, &[(action, before, after)], false)
}

/// Records many writes of one kind of row, in order, in the caller's transaction with one insert
/// into the feed: each `(action, before, after)`, `before` absent for a creation. With
/// `new_ids`, a creation's record has no history yet (its id was just drawn), so none is looked up.
pub fn record_rows<R: Recorded>(
    conn: &mut AnyConnection,
    actor: &Actor,
    writes: &[(&str, Option<&R>, &R)],
    new_ids: bool,
) -> Result<(), ApiError> {
    let accesses: Vec<Access> = writes.iter().map(|(_, _, after)| after.record_access(actor)).collect();
    let changes = writes.iter().zip(&accesses).map(|(&(action, before, after), access)| {
        let change = Change {
            entity: R::ENTITY,
            entity_id: after.record_id(),
            action,
            version: after.record_version(),
            access,
            before: before.map(Recorded::snapshot),
            after: Some(after.snapshot()),
        };
        (change, new_ids && before.is_none())
    });
    super::store::record_many(actor, changes.collect());
    for (&(_, before, after), access) in writes.iter().zip(&accesses) {
        if let Some(before) = before
            && before.record_access(actor) != *access
        {
            super::store::follow_access(conn, R::ENTITY, after.record_id(), access)?;
        }
    }
    Ok(())
}
