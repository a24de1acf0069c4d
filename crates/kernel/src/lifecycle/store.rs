//! Recording and reading the transition log.

use diesel::dsl::max;
use diesel::prelude::*;

use super::model::Transition;
use crate::changes::Actor;
use crate::db::{AnyConnection, now, schema::transitions};
use crate::problem::ApiError;

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = transitions)]
struct TransitionRow {
    id: String,
    entity: String,
    entity_id: String,
    position: i32,
    action: String,
    from_state: String,
    to_state: String,
    details: String,
    agency_code: String,
    client_id: String,
    at: chrono::NaiveDateTime,
}

impl TransitionRow {
    fn into_api(self) -> Transition {
        Transition {
            position: self.position,
            action: self.action,
            from_state: self.from_state,
            to_state: self.to_state,
            details: serde_json::from_str(&self.details).unwrap_or_default(),
            agency_code: self.agency_code,
            client_id: self.client_id,
            at: chrono::DateTime::from_naive_utc_and_offset(self.at, chrono::Utc),
        }
    }
}

/// One move, for [`record`].
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    /// The kind of record, as in the change feed.
    pub entity: &'a str,
    /// The record's id.
    pub entity_id: &'a str,
    /// The action taken.
    pub action: &'a str,
    /// The state before.
    pub from: &'a str,
    /// The state after.
    pub to: &'a str,
}

/// Logs a move in the caller's transaction (which has already changed the record, so moves of
/// one record are serialized by its version check); returns it.
pub fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    step: Step<'_>,
    details: &serde_json::Value,
) -> Result<Transition, ApiError> {
    let last: Option<i32> = transitions::table
        .filter(transitions::entity.eq(step.entity))
        .filter(transitions::entity_id.eq(step.entity_id))
        .select(max(transitions::position))
        .first(conn)?;
    let row = TransitionRow {
        id: crate::ids::new_id(),
        entity: step.entity.into(),
        entity_id: step.entity_id.into(),
        position: last.unwrap_or(0) + 1,
        action: step.action.into(),
        from_state: step.from.into(),
        to_state: step.to.into(),
        details: details.to_string(),
        agency_code: actor.agency_code.clone(),
        client_id: actor.client_id.clone(),
        at: now(),
    };
    diesel::insert_into(transitions::table).values(&row).execute(conn)?;
    Ok(row.into_api())
}

/// The moves of one record after position `after`, oldest first (at most `limit`).
pub fn list(
    conn: &mut AnyConnection,
    entity: &str,
    entity_id: &str,
    after: i32,
    limit: i64,
) -> Result<Vec<Transition>, ApiError> {
    let rows: Vec<TransitionRow> = transitions::table
        .filter(transitions::entity.eq(entity))
        .filter(transitions::entity_id.eq(entity_id))
        .filter(transitions::position.gt(after))
        .order(transitions::position.asc())
        .limit(limit)
        .select(TransitionRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(TransitionRow::into_api).collect())
}
