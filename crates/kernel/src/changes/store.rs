//! Recording and reading changes.

use diesel::prelude::*;
use serde_json::{Map, Value};

use super::model::{Actor, Change, ChangeEvent, HistoryEntry};
use crate::access::{Access, Reader};
use crate::db::{AnyConnection, now, schema::changes};
use crate::problem::ApiError;

/// What a change says and who may read it: everything but its number and its hashes.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = changes, treat_none_as_default_value = false)]
pub(super) struct ChangeBody {
    pub(super) entity: String,
    pub(super) entity_id: String,
    pub(super) action: String,
    pub(super) version: i32,
    pub(super) at: chrono::NaiveDateTime,
    pub(super) client_id: String,
    pub(super) agency_code: String,
    pub(super) lead_agency: String,
    pub(super) sharing: String,
    pub(super) coordinating: String,
    pub(super) before_data: Option<String>,
    pub(super) after_data: Option<String>,
}

/// A change as stored: its body, its number in the feed and its hashes.
#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = changes, treat_none_as_default_value = false)]
pub(super) struct ChangeRow {
    pub(super) seq: i64,
    #[diesel(embed)]
    pub(super) body: ChangeBody,
    pub(super) hash: String,
    pub(super) record_hash: String,
}

/// Records a change of the write transaction running on this thread (`db::write`): it is held
/// until the transaction's work ends, then numbered and written in it (see
/// [`numbering`](super::numbering)); undone work forgets it (`db::savepoint`).
pub fn record(actor: &Actor, change: Change<'_>) {
    record_many(actor, vec![(change, false)]);
}

/// [`record`] for many changes, in order: each with `true` when it is its record's first (no
/// history to chain to, so none is looked up).
pub(super) fn record_many(actor: &Actor, changes: Vec<(Change<'_>, bool)>) {
    let at = now();
    let bodies = changes.into_iter().map(|(change, first)| (change_body(at, actor, change), first)).collect();
    super::numbering::hold(bodies);
}

fn change_body(at: chrono::NaiveDateTime, actor: &Actor, change: Change<'_>) -> ChangeBody {
    ChangeBody {
        entity: change.entity.into(),
        entity_id: change.entity_id.into(),
        action: change.action.into(),
        version: change.version,
        at,
        client_id: actor.client_id.clone(),
        agency_code: actor.agency_code.clone(),
        lead_agency: change.access.lead_agency.clone(),
        sharing: change.access.sharing.as_str().into(),
        coordinating: serde_json::to_string(&change.access.coordinating).unwrap_or_else(|_| "[]".into()),
        before_data: change.before,
        after_data: change.after,
    }
}

/// Gives every earlier event of a record the access the record has now: a record restricted after
/// it was shared takes its past with it, so the feed and its history show nobody what they could
/// not read today (and a record made public shows its past to the public).
pub fn follow_access(conn: &mut AnyConnection, entity: &str, entity_id: &str, access: &Access) -> Result<(), ApiError> {
    let coordinating = serde_json::to_string(&access.coordinating).unwrap_or_else(|_| "[]".into());
    diesel::update(changes::table.filter(changes::entity.eq(entity)).filter(changes::entity_id.eq(entity_id)))
        .set((
            changes::lead_agency.eq(&access.lead_agency),
            changes::sharing.eq(access.sharing.as_str()),
            changes::coordinating.eq(&coordinating),
        ))
        .execute(conn)?;
    super::numbering::follow_held(entity, entity_id, |held| {
        held.lead_agency.clone_from(&access.lead_agency);
        held.sharing = access.sharing.as_str().into();
        held.coordinating.clone_from(&coordinating);
    });
    Ok(())
}

/// What an event of the feed reads of its change (not the record before it, nor its hashes).
#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = changes)]
struct FeedRow {
    seq: i64,
    entity: String,
    entity_id: String,
    action: String,
    version: i32,
    at: chrono::NaiveDateTime,
    client_id: String,
    agency_code: String,
    after_data: Option<String>,
}

/// Events after `after` that the reader may see, in sequence order (at most `limit`).
pub fn feed(
    conn: &mut AnyConnection,
    reader: &Reader,
    after: i64,
    limit: i64,
    entity: Option<&str>,
) -> Result<Vec<ChangeEvent>, ApiError> {
    let mut query = changes::table.select(FeedRow::as_select()).filter(changes::seq.gt(after)).into_boxed();
    if let Some(entity) = entity {
        query = query.filter(changes::entity.eq(entity.to_owned()));
    }
    if let Some(condition) = crate::access::visible::<changes::table>(reader, crate::access::Coordinated::Changes) {
        query = query.filter(condition);
    }
    let rows: Vec<FeedRow> = query.order(changes::seq.asc()).limit(limit).load(conn)?;
    Ok(rows.into_iter().map(to_event).collect())
}

/// Whether record `entity_id` of kind `entity` exists for `reader`: some change to it is recorded
/// that the reader may see. Lets one domain check a reference to another's record without
/// depending on it (the change log names every shared record).
pub fn recorded(conn: &mut AnyConnection, reader: &Reader, entity: &str, entity_id: &str) -> Result<bool, ApiError> {
    let mut query = changes::table
        .select(changes::seq)
        .filter(changes::entity.eq(entity.to_owned()))
        .filter(changes::entity_id.eq(entity_id.to_owned()))
        .into_boxed();
    if let Some(condition) = crate::access::visible::<changes::table>(reader, crate::access::Coordinated::Changes) {
        query = query.filter(condition);
    }
    Ok(query.first::<i64>(conn).optional()?.is_some())
}

/// How many changes `entity.action` each agency made (`agency_code`, its clients') between `from`
/// and `to` (UTC, `to` excluded): what reports count of every domain's recorded work.
pub fn counts(
    conn: &mut AnyConnection,
    (entity, action): (&str, &str),
    from: chrono::NaiveDateTime,
    to: chrono::NaiveDateTime,
) -> Result<std::collections::HashMap<String, i64>, ApiError> {
    let rows: Vec<(String, i64)> = changes::table
        .filter(changes::entity.eq(entity.to_owned()))
        .filter(changes::action.eq(action.to_owned()))
        .filter(changes::at.ge(from))
        .filter(changes::at.lt(to))
        .group_by(changes::agency_code)
        .select((changes::agency_code, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// A change as reports and indices read it: whose record, who made it, when, and the record after.
#[derive(Debug, Clone, Queryable)]
pub struct CountedChange {
    /// The record's id.
    pub entity_id: String,
    /// The action.
    pub action: String,
    /// The record's lead agency at the change.
    pub lead_agency: String,
    /// The agency whose client made the change.
    pub agency_code: String,
    /// When it was committed (UTC).
    pub at: chrono::NaiveDateTime,
    /// The record as it became (JSON), without personal data.
    pub after_data: Option<String>,
}

/// The changes `entity.action` (for any of `actions`) committed between `from` and `to` (UTC, `to`
/// excluded), in commit order: what an index of the agencies' work is computed from, the same
/// later as today.
pub fn changes_of(
    conn: &mut AnyConnection,
    entity: &str,
    actions: &[&str],
    from: chrono::NaiveDateTime,
    to: chrono::NaiveDateTime,
) -> Result<Vec<CountedChange>, ApiError> {
    let rows = changes::table
        .filter(changes::entity.eq(entity.to_owned()))
        .filter(changes::action.eq_any(actions.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>()))
        .filter(changes::at.ge(from))
        .filter(changes::at.lt(to))
        .order(changes::seq.asc())
        .select((
            changes::entity_id,
            changes::action,
            changes::lead_agency,
            changes::agency_code,
            changes::at,
            changes::after_data,
        ))
        .load(conn)?;
    Ok(rows)
}

/// How many changes of each kind each agency made in a period, and in which of Vietnam's months
/// (`YYYY-MM`, UTC+7), counted by the database in one pass.
#[derive(Debug, Clone, QueryableByName)]
pub struct ChangeTally {
    /// The kind of record.
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub entity: String,
    /// The action.
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub action: String,
    /// The agency whose client made the changes.
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub agency_code: String,
    /// The month, in Vietnam's time.
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub month: String,
    /// How many.
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    pub count: i64,
}

/// Every change committed between `from` and `to` (UTC, `to` excluded), counted by entity, action,
/// agency and month: the statistics of every domain's recorded work.
pub fn tally(
    conn: &mut AnyConnection,
    from: chrono::NaiveDateTime,
    to: chrono::NaiveDateTime,
) -> Result<Vec<ChangeTally>, ApiError> {
    use diesel::sql_types::Timestamp;
    let month = match conn.backend() {
        crate::db::Backend::Postgres => "to_char((at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM')",
        crate::db::Backend::Sqlite => "strftime('%Y-%m', at, '+7 hours')",
    };
    let query = format!(
        "SELECT entity, action, agency_code, {month} AS month, COUNT(*) AS count FROM changes \
         WHERE at >= $1 AND at < $2 GROUP BY entity, action, agency_code, {month} ORDER BY month, entity, action, agency_code"
    );
    let query = match conn.backend() {
        crate::db::Backend::Postgres => query,
        crate::db::Backend::Sqlite => query.replace("$1", "?").replace("$2", "?"),
    };
    Ok(diesel::sql_query(query).bind::<Timestamp, _>(from).bind::<Timestamp, _>(to).load(conn)?)
}

/// The history of one record after `after_seq`, oldest first (at most `limit`).
pub fn history(
    conn: &mut AnyConnection,
    reader: &Reader,
    entity: &str,
    entity_id: &str,
    after_seq: i64,
    limit: i64,
) -> Result<Vec<HistoryEntry>, ApiError> {
    let mut query = changes::table
        .select(ChangeRow::as_select())
        .filter(changes::entity.eq(entity.to_owned()))
        .filter(changes::entity_id.eq(entity_id.to_owned()))
        .filter(changes::seq.gt(after_seq))
        .into_boxed();
    if let Some(condition) = crate::access::visible::<changes::table>(reader, crate::access::Coordinated::Changes) {
        query = query.filter(condition);
    }
    let rows: Vec<ChangeRow> = query.order(changes::seq.asc()).limit(limit).load(conn)?;
    Ok(rows.into_iter().map(to_history).collect())
}

fn parse(text: Option<&str>) -> Option<Value> {
    text.and_then(|t| serde_json::from_str(t).ok())
}

fn to_event(row: FeedRow) -> ChangeEvent {
    ChangeEvent {
        seq: row.seq,
        data: row.after_data.and_then(|text| serde_json::value::RawValue::from_string(text).ok()),
        entity: row.entity,
        entity_id: row.entity_id,
        action: row.action,
        version: row.version,
        at: chrono::DateTime::from_naive_utc_and_offset(row.at, chrono::Utc),
        agency_code: row.agency_code,
        client_id: row.client_id,
    }
}

fn to_history(row: ChangeRow) -> HistoryEntry {
    let (seq, body) = (row.seq, row.body);
    let before = parse(body.before_data.as_deref());
    let after = parse(body.after_data.as_deref());
    let (changed_fields, before, after) = diff(before.as_ref(), after.as_ref());
    HistoryEntry {
        seq,
        action: body.action,
        version: body.version,
        at: chrono::DateTime::from_naive_utc_and_offset(body.at, chrono::Utc),
        client_id: body.client_id,
        agency_code: body.agency_code,
        changed_fields,
        before,
        after,
    }
}

/// Fields that bookkeeping changes on every write; not worth listing as changes.
const BOOKKEEPING: &[&str] = &["version", "updated_at"];

type FieldValues = Option<Map<String, Value>>;

/// The top-level fields that differ between two snapshots, with their values on each side.
fn diff(before: Option<&Value>, after: Option<&Value>) -> (Vec<String>, FieldValues, FieldValues) {
    let empty = Map::new();
    let b = before.and_then(Value::as_object).unwrap_or(&empty);
    let a = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut fields: Vec<String> =
        b.keys().chain(a.keys()).filter(|k| !BOOKKEEPING.contains(&k.as_str())).cloned().collect();
    fields.sort();
    fields.dedup();
    fields.retain(|k| b.get(k) != a.get(k));
    let pick = |side: &Map<String, Value>| -> Map<String, Value> {
        fields.iter().filter_map(|k| side.get(k).map(|v| (k.clone(), v.clone()))).collect()
    };
    let before_values = before.map(|_| pick(b));
    let after_values = after.map(|_| pick(a));
    (fields, before_values, after_values)
}

/// The newest change's sequence number (0 before the first).
pub fn head(conn: &mut AnyConnection) -> Result<i64, ApiError> {
    let newest: Option<i64> = changes::table.select(diesel::dsl::max(changes::seq)).first(conn)?;
    Ok(newest.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_lists_only_changed_fields() {
        let before = json!({"name": "a", "code": "X", "version": 1, "updated_at": "t1"});
        let after = json!({"name": "b", "code": "X", "version": 2, "updated_at": "t2", "email": "e"});
        let (fields, b, a) = diff(Some(&before), Some(&after));
        assert_eq!(fields, vec!["email", "name"]);
        assert_eq!(b.unwrap(), json!({"name": "a"}).as_object().unwrap().clone());
        assert_eq!(a.unwrap(), json!({"name": "b", "email": "e"}).as_object().unwrap().clone());
        let (fields, b, _) = diff(None, Some(&after));
        assert!(b.is_none() && fields.contains(&"code".to_string()));
    }
}
