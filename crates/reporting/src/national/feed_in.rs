//! Reading the national TĐC database's own changes, when it offers a feed (`TDC_NATIONAL_FEED`):
//! pages of `{"items": [{"seq", "entity", "entity_id", "action", …}]}` after the last sequence
//! number kept, each item stored as received, the position moved only from the value read — so
//! two instances keep each item once — and read by the agencies at `GET /api/v1/national/changes`.

use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use tdc_kernel::ApiError;
use tdc_kernel::db::{AnyConnection, DbPool, now};

use super::NationalSettings;
use crate::schema::{connector_positions as cp, national_changes as nc};

const POSITION: &str = "national_in";

/// A change the national database published, as the hub received it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Queryable, Selectable, Insertable)]
#[diesel(table_name = nc)]
pub struct NationalChange {
    /// Its sequence number on the national side.
    pub seq: i64,
    /// The kind of record, as the national side names it.
    pub entity: String,
    /// The record's id on the national side.
    pub entity_id: String,
    /// The action.
    pub action: String,
    /// The item as received (JSON text).
    #[schema(value_type = Object)]
    #[serde(serialize_with = "as_json")]
    pub body: String,
    /// When the hub received it.
    pub received_at: NaiveDateTime,
}

fn as_json<S: serde::Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    serde_json::from_str::<Value>(text).unwrap_or(Value::Null).serialize(s)
}

/// A page of the national side's changes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NationalChangePage {
    /// The changes, in the national side's order.
    pub items: Vec<NationalChange>,
    /// Pass this as `after` to continue.
    pub next_after: i64,
}

/// Which of the national side's changes to read.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NationalChangeQuery {
    /// The last sequence number already read (default 0).
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// Items per page, 1 to 1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<i64>,
    /// Only changes of this kind of record.
    pub entity: Option<String>,
}

/// A page of the changes kept, after `after`.
pub fn list(conn: &mut AnyConnection, q: &NationalChangeQuery) -> Result<NationalChangePage, ApiError> {
    let (after, limit) = (q.after.unwrap_or(0), q.limit.unwrap_or(100));
    if after < 0 || !(1..=1000).contains(&limit) {
        let detail = "`after` is 0 or more, `limit` 1 to 1000";
        return Err(ApiError::Malformed { detail: detail.into(), errors: vec![] });
    }
    let mut query = nc::table.filter(nc::seq.gt(after)).order(nc::seq.asc()).limit(limit).into_boxed();
    if let Some(entity) = &q.entity {
        query = query.filter(nc::entity.eq(entity.clone()));
    }
    let items: Vec<NationalChange> = query.select(NationalChange::as_select()).load(conn)?;
    let next_after = items.last().map_or(after, |c| c.seq);
    Ok(NationalChangePage { items, next_after })
}

/// An item of the national feed, checked: its sequence number and names.
fn item(value: &Value) -> Option<(i64, String, String, String)> {
    let text = |k: &str| value.get(k).and_then(Value::as_str).map(str::to_owned);
    Some((value.get("seq")?.as_i64()?, text("entity")?, text("entity_id")?, text("action")?))
}

/// Keeps a fetched page in a write transaction, moving the position only from `read`.
fn keep(conn: &mut AnyConnection, read: Option<i64>, items: &[Value]) -> Result<usize, ApiError> {
    let at: Option<i64> = cp::table.find(POSITION).select(cp::after_seq).first(conn).optional()?;
    if at != read {
        let detail = "another instance read the national feed";
        return Err(ApiError::conflict("read_elsewhere", detail));
    }
    let after = read.unwrap_or(0);
    let mut last = after;
    for value in items {
        let Some((seq, entity, entity_id, action)) = item(value) else { continue };
        if seq <= last {
            continue;
        }
        let row = NationalChange { seq, entity, entity_id, action, body: value.to_string(), received_at: now() };
        diesel::insert_into(nc::table).values(&row).execute(conn)?;
        last = seq;
    }
    if last > after {
        match read {
            None => diesel::insert_into(cp::table)
                .values((cp::name.eq(POSITION), cp::after_seq.eq(last), cp::updated_at.eq(now())))
                .execute(conn)?,
            Some(_) => diesel::update(cp::table.find(POSITION))
                .set((cp::after_seq.eq(last), cp::updated_at.eq(now())))
                .execute(conn)?,
        };
    }
    Ok(usize::try_from(last - after).unwrap_or(0))
}

/// Fetches the page after `after`.
fn fetch(settings: &NationalSettings, feed: &str, after: i64) -> Result<Vec<Value>, String> {
    let url = format!("{}{feed}", settings.url.trim_end_matches('/'));
    let mut request = ureq::get(&url).timeout(Duration::from_secs(30)).query("after", &after.to_string());
    if let Some(token) = &settings.token {
        request = request.set("Authorization", &format!("Bearer {token}"));
    }
    let body: Value =
        request.call().map_err(|e| format!("{url}: {e}"))?.into_json().map_err(|e| format!("{url}: {e}"))?;
    Ok(body.get("items").and_then(Value::as_array).cloned().unwrap_or_default())
}

/// One round: read the position, fetch what follows it, keep it.
pub async fn round(pool: &DbPool, settings: &NationalSettings, feed: &str) {
    let read = tdc_kernel::db::read(pool, |c| {
        Ok(cp::table.find(POSITION).select(cp::after_seq).first::<i64>(c).optional()?)
    })
    .await;
    let Ok(read) = read else { return };
    let (rules, path) = (settings.clone(), feed.to_owned());
    let fetched = actix_web::web::block(move || fetch(&rules, &path, read.unwrap_or(0))).await;
    let items = match fetched {
        Ok(Ok(items)) if !items.is_empty() => items,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "reading the national feed failed; the next round tries again");
            return;
        }
        _ => return,
    };
    if let Err(e) = tdc_kernel::db::write(pool, move |c| keep(c, read, &items)).await {
        tracing::debug!(error = %e, "keeping the national feed's page did not land; the next round repeats it");
    }
}
