//! Webhook subscriptions in the database: each client's own, their secrets sealed with the key in
//! the data directory (bound to the subscription), their deliveries in the job queue.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{Webhook, WebhookInput, WebhookWithSecret};
use super::sign::new_secret;
use crate::auth::Principal;
use crate::columns::{json, parsed};
use crate::db::schema::{changes, webhook_subscriptions as ws};
use crate::db::{AnyConnection, now};
use crate::problem::ApiError;
use crate::queue::{self, QueueListQuery, QueuedItem};
use crate::seal::Sealer;
use crate::versions::{Expected, check_updated, check_version};

/// The queue deliveries wait in.
pub const KIND: &str = "webhook";

/// How long a rotated secret keeps signing beside the new one.
pub const ROTATION_OVERLAP_HOURS: i64 = 24;

/// A subscription as stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = ws, treat_none_as_null = true)]
pub(crate) struct SubscriptionRow {
    pub(crate) id: String,
    pub(crate) client_id: String,
    pub(crate) url: String,
    pub(crate) event_types: String,
    description: Option<String>,
    pub(crate) secret: String,
    pub(crate) previous_secret: Option<String>,
    pub(crate) previous_until: Option<NaiveDateTime>,
    pub(crate) after_seq: i64,
    active: bool,
    version: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl SubscriptionRow {
    fn to_api(&self) -> Webhook {
        Webhook {
            id: self.id.clone(),
            client_id: self.client_id.clone(),
            url: self.url.clone(),
            event_types: parsed(&self.event_types),
            description: self.description.clone(),
            after_seq: self.after_seq,
            previous_secret_until: self.previous_until.filter(|u| *u > now()).map(|u| u.and_utc()),
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }

    /// Whether the change `entity.action` is one this subscription pushes.
    pub(crate) fn wants(&self, entity: &str, action: &str) -> bool {
        let types: Vec<String> = parsed(&self.event_types);
        types.is_empty()
            || types.iter().any(|t| match t.split_once('.') {
                Some((e, a)) => e == entity && a == action,
                None => t == entity,
            })
    }
}

/// Which subscriptions `caller` sees: its client's own; DOST's administrators see every one.
fn visible(caller: &Principal) -> Option<String> {
    (!caller.is_admin()).then(|| caller.client_id.clone())
}

/// The last sequence number of the change feed (0 when empty).
pub(crate) fn feed_head(conn: &mut AnyConnection) -> Result<i64, ApiError> {
    let head: Option<i64> = changes::table.select(diesel::dsl::max(changes::seq)).first(conn)?;
    Ok(head.unwrap_or(0))
}

/// Records a subscription of the caller's client; answers it with its secret, shown this once.
pub fn create(
    conn: &mut AnyConnection,
    sealer: &Sealer,
    caller: &Principal,
    input: &WebhookInput,
) -> Result<WebhookWithSecret, ApiError> {
    let head = feed_head(conn)?;
    let after_seq = input.after_seq.unwrap_or(head).min(head);
    let (id, at, secret) = (crate::ids::new_id(), now(), new_secret()?);
    let row = SubscriptionRow {
        secret: sealer.seal(secret.as_bytes(), &id)?,
        id,
        client_id: caller.client_id.clone(),
        url: input.url.clone(),
        event_types: json(&input.event_types),
        description: input.description.as_deref().map(crate::text::clean),
        previous_secret: None,
        previous_until: None,
        after_seq,
        active: true,
        version: 1,
        created_at: at,
        updated_at: at,
    };
    diesel::insert_into(ws::table).values(&row).execute(conn)?;
    Ok(WebhookWithSecret { webhook: row.to_api(), secret })
}

/// Subscription `id` if `caller` may see it (404 otherwise).
pub(crate) fn load(conn: &mut AnyConnection, caller: &Principal, id: &str) -> Result<SubscriptionRow, ApiError> {
    let mut query = ws::table.find(id).filter(ws::active.eq(true)).select(SubscriptionRow::as_select()).into_boxed();
    if let Some(client) = visible(caller) {
        query = query.filter(ws::client_id.eq(client));
    }
    let row: Option<SubscriptionRow> = query.first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no webhook subscription {id}")))
}

/// One subscription.
pub fn get(conn: &mut AnyConnection, caller: &Principal, id: &str) -> Result<Webhook, ApiError> {
    load(conn, caller, id).map(|r| r.to_api())
}

/// A page of the subscriptions the caller sees, by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    caller: &Principal,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Webhook>, ApiError> {
    let mut query =
        ws::table.filter(ws::active.eq(true)).select(SubscriptionRow::as_select()).order(ws::id.asc()).into_boxed();
    if let Some(client) = visible(caller) {
        query = query.filter(ws::client_id.eq(client));
    }
    if let Some(after) = after {
        query = query.filter(ws::id.gt(after));
    }
    let rows: Vec<SubscriptionRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(SubscriptionRow::to_api).collect())
}

/// Saves `row` over version `read` (412 when another writer got there first).
fn save(conn: &mut AnyConnection, row: &mut SubscriptionRow, read: i32) -> Result<(), ApiError> {
    row.version = read + 1;
    row.updated_at = now();
    let target = ws::table.find(&row.id).filter(ws::version.eq(read));
    check_updated(diesel::update(target).set(&*row).execute(conn)?)
}

/// Ends a subscription: nothing more is pushed, and deliveries still waiting are dropped.
pub fn delete(
    conn: &mut AnyConnection,
    caller: &Principal,
    id: &str,
    expected: Option<Expected>,
) -> Result<(), ApiError> {
    let mut row = load(conn, caller, id)?;
    if let Some(expected) = &expected {
        check_version(expected, row.version)?;
    }
    let read = row.version;
    row.active = false;
    save(conn, &mut row, read)?;
    queue::drop_pending(conn, KIND, &format!("{id}/"))
}

/// A new secret for subscription `id`; the one before keeps signing beside it for a day.
pub fn rotate(
    conn: &mut AnyConnection,
    sealer: &Sealer,
    caller: &Principal,
    id: &str,
    expected: Option<Expected>,
) -> Result<WebhookWithSecret, ApiError> {
    let mut row = load(conn, caller, id)?;
    if let Some(expected) = &expected {
        check_version(expected, row.version)?;
    }
    let (read, secret) = (row.version, new_secret()?);
    row.previous_secret = Some(std::mem::replace(&mut row.secret, sealer.seal(secret.as_bytes(), id)?));
    row.previous_until = Some(now() + chrono::Duration::hours(ROTATION_OVERLAP_HOURS));
    save(conn, &mut row, read)?;
    Ok(WebhookWithSecret { webhook: row.to_api(), secret })
}

/// Pushes again every matching change after `after_seq` (an earlier delivery of the same change
/// is sent again under its `webhook-id`).
pub fn replay(
    conn: &mut AnyConnection,
    caller: &Principal,
    id: &str,
    after_seq: i64,
    expected: Option<Expected>,
) -> Result<Webhook, ApiError> {
    let mut row = load(conn, caller, id)?;
    if let Some(expected) = &expected {
        check_version(expected, row.version)?;
    }
    let head = feed_head(conn)?;
    if after_seq > head {
        let message = format!("the feed ends at {head}");
        return Err(ApiError::invalid_field("/after_seq", "beyond_feed", &message));
    }
    let read = row.version;
    row.after_seq = after_seq;
    save(conn, &mut row, read)?;
    Ok(row.to_api())
}

/// A page of subscription `id`'s deliveries, oldest first.
pub fn deliveries(
    conn: &mut AnyConnection,
    caller: &Principal,
    id: &str,
    filter: &QueueListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<QueuedItem>, ApiError> {
    load(conn, caller, id)?;
    queue::list_keyed(conn, KIND, &format!("{id}/"), filter, after, limit)
}

/// Sends a dead delivery of subscription `id` again.
pub fn retry(conn: &mut AnyConnection, caller: &Principal, id: &str, delivery: &str) -> Result<QueuedItem, ApiError> {
    load(conn, caller, id)?;
    queue::revive_keyed(conn, KIND, &format!("{id}/"), delivery)
}

/// How far each active subscription's dispatcher has looked into the feed, by subscription id
/// (the metrics' lag of each follower).
pub fn positions(conn: &mut AnyConnection) -> Result<Vec<(String, i64)>, ApiError> {
    let active = ws::table.filter(ws::active.eq(true));
    Ok(active.select((ws::id, ws::after_seq)).order(ws::id.asc()).load(conn)?)
}
