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

    /// What history and the feed keep of the record: never personal data.
    fn snapshot(&self) -> serde_json::Value;
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
    let change = Change {
        entity: R::ENTITY,
        entity_id: after.record_id(),
        action,
        version: after.record_version(),
        access: &after.record_access(actor),
        before: before.map(Recorded::snapshot),
        after: Some(after.snapshot()),
    };
    super::record(conn, actor, change).map(|_| ())
}
