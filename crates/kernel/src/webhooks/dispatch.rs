//! The dispatcher: follows the change feed for every subscription and enqueues a delivery for each
//! change the subscription wants and its client may read. One transaction per subscription moves
//! its `after_seq` only from the value it read, so two instances never enqueue the same changes
//! twice (the loser's transaction rolls back), and a crash loses nothing (the deliveries and the
//! new position commit together).

use diesel::prelude::*;

use super::model::WebhookEvent;
use super::store::{KIND, SubscriptionRow, feed_head};
use crate::access::Reader;
use crate::columns::parsed;
use crate::db::schema::{api_clients, webhook_subscriptions as ws};
use crate::db::{AnyConnection, now};
use crate::problem::ApiError;

/// The most changes one subscription's turn looks at.
pub const DISPATCH_BATCH: i64 = 500;

/// How the subscription's client reads the feed today (`None`: the client is disabled or gone).
fn reader_of(conn: &mut AnyConnection, client_id: &str) -> Result<Option<Reader>, ApiError> {
    let client: Option<(String, String, bool)> = api_clients::table
        .find(client_id)
        .select((api_clients::agency_code, api_clients::roles, api_clients::disabled))
        .first(conn)
        .optional()?;
    Ok(client.filter(|c| !c.2).map(|(code, roles, _)| {
        let roles: Vec<String> = parsed(&roles);
        Reader::Agency { code, admin: roles.iter().any(|r| r == "admin") }
    }))
}

/// One turn of subscription `id`, in a write transaction: enqueues what it wants of the next
/// changes and moves its position; answers whether it stopped at a full batch (more are waiting).
fn dispatch_one(conn: &mut AnyConnection, id: &str) -> Result<bool, ApiError> {
    let sub: Option<SubscriptionRow> =
        ws::table.find(id).filter(ws::active.eq(true)).select(SubscriptionRow::as_select()).first(conn).optional()?;
    let Some(sub) = sub else { return Ok(false) };
    let Some(reader) = reader_of(conn, &sub.client_id)? else { return Ok(false) };
    let head = feed_head(conn)?;
    if head <= sub.after_seq {
        return Ok(false);
    }
    let events = crate::changes::feed(conn, &reader, sub.after_seq, DISPATCH_BATCH, None)?;
    let full = events.len() as i64 == DISPATCH_BATCH;
    let last_seen = events.last().map_or(sub.after_seq, |e| e.seq);
    for event in events.into_iter().filter(|e| sub.wants(&e.entity, &e.action)) {
        let key = format!("{}/{}", sub.id, event.seq);
        let body =
            WebhookEvent { event_type: format!("{}.{}", event.entity, event.action), timestamp: event.at, data: event };
        let text = serde_json::to_string(&body).map_err(|e| ApiError::Internal(e.to_string()))?;
        crate::queue::enqueue(conn, KIND, &key, &text)?;
    }
    // When the page was not full every change up to `head` was looked at (the feed is gapless).
    let position = if full { last_seen } else { head.max(last_seen) };
    let unchanged = ws::table.find(&sub.id).filter(ws::active.eq(true)).filter(ws::after_seq.eq(sub.after_seq));
    let moved = diesel::update(unchanged).set((ws::after_seq.eq(position), ws::updated_at.eq(now()))).execute(conn)?;
    if moved == 0 {
        let detail = "another instance dispatched this subscription";
        return Err(ApiError::conflict("dispatched_elsewhere", detail));
    }
    Ok(full)
}

/// The active subscriptions behind the feed's head.
fn behind(conn: &mut AnyConnection) -> Result<Vec<String>, ApiError> {
    let head = feed_head(conn)?;
    let active = ws::table.filter(ws::active.eq(true)).filter(ws::after_seq.lt(head));
    Ok(active.order(ws::id.asc()).select(ws::id).load(conn)?)
}

/// The most turns one subscription takes in a round (a long replay continues in the next).
const TURNS_PER_ROUND: usize = 20;

/// One round: every subscription behind the head gets its turn (each its own transaction).
pub async fn round(pool: &crate::db::DbPool) {
    let subscriptions = match crate::db::read(pool, behind).await {
        Ok(subs) => subs,
        Err(e) => {
            tracing::warn!(error = %e, "listing webhook subscriptions failed; the next round repeats it");
            return;
        }
    };
    for id in subscriptions {
        for _ in 0..TURNS_PER_ROUND {
            let turn = id.clone();
            match crate::db::write(pool, move |c| dispatch_one(c, &turn)).await {
                Ok(true) => continue,
                Ok(false) => break,
                Err(e) => {
                    tracing::debug!(subscription = %id, error = %e, "a webhook dispatch did not land; the next round repeats it");
                    break;
                }
            }
        }
    }
}
