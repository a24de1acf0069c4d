//! Sending one delivery: the body as enqueued, POSTed to the subscription's address with the
//! Standard Webhooks headers — `webhook-id` (the delivery's id, the same on every retry and
//! replay), `webhook-timestamp` (seconds, at sending) and `webhook-signature` (`v1,…` under the
//! current secret, and under the previous one while a rotation's overlap lasts). A 2xx answer is
//! done; anything else is retried by the queue with a growing delay, then given up as dead.

use std::sync::Arc;
use std::time::Duration;

use diesel::prelude::*;

use super::sign::signature;
use super::store::SubscriptionRow;
use crate::db::schema::webhook_subscriptions as ws;
use crate::db::{DbPool, now};
use crate::queue::{Claimed, Retry, Worker};
use crate::seal::Sealer;

/// How the hub pushes webhooks.
#[derive(Debug, Clone, Copy)]
pub struct WebhookSettings {
    /// How often the dispatcher follows the feed and the worker looks for due deliveries.
    pub every: Duration,
    /// How failed deliveries are retried.
    pub retry: Retry,
}

/// The subscription a delivery belongs to (its key is `<subscription>/<seq>`).
fn subscription(pool: &DbPool, item: &Claimed) -> Result<SubscriptionRow, String> {
    let id = item.key.split_once('/').map_or(item.key.as_str(), |(id, _)| id);
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let row: Option<SubscriptionRow> = ws::table
        .find(id)
        .filter(ws::active.eq(true))
        .select(SubscriptionRow::as_select())
        .first(&mut conn)
        .optional()
        .map_err(|e| e.to_string())?;
    row.ok_or_else(|| "the subscription was ended".to_owned())
}

/// The `webhook-signature` header: the current secret's signature, then the previous one's while
/// it still holds.
fn signatures(sealer: &Sealer, sub: &SubscriptionRow, id: &str, at: i64, body: &str) -> Result<String, String> {
    let open = |sealed: &str| {
        let plain = sealer.open(sealed, &sub.id).map_err(|e| e.to_string())?;
        String::from_utf8(plain).map_err(|e| e.to_string())
    };
    let mut all = vec![signature(&open(&sub.secret)?, id, at, body)?];
    if let (Some(previous), Some(until)) = (&sub.previous_secret, sub.previous_until)
        && until > now()
    {
        all.push(signature(&open(previous)?, id, at, body)?);
    }
    Ok(all.join(" "))
}

/// Sends one delivery.
fn send(pool: &DbPool, sealer: &Sealer, item: &Claimed) -> Result<(), String> {
    let sub = subscription(pool, item)?;
    let at = chrono::Utc::now().timestamp();
    let signed = signatures(sealer, &sub, &item.id, at, &item.payload)?;
    let request = ureq::post(&sub.url)
        .timeout(Duration::from_secs(15))
        .set("Content-Type", "application/json")
        .set("webhook-id", &item.id)
        .set("webhook-timestamp", &at.to_string())
        .set("webhook-signature", &signed);
    match request.send_string(&item.payload) {
        Ok(_) => Ok(()),
        Err(ureq::Error::Status(status, _)) => Err(format!("{} answered {status}", sub.url)),
        Err(e) => Err(format!("{}: {e}", sub.url)),
    }
}

/// The worker that sends due deliveries.
pub fn worker(pool: DbPool, sealer: Arc<Sealer>, settings: WebhookSettings) -> Worker {
    Worker {
        kind: super::store::KIND,
        batch: 50,
        lease: Duration::from_secs(60),
        every: settings.every,
        retry: settings.retry,
        handle: Arc::new(move |item: &Claimed| send(&pool, &sealer, item)),
    }
}

/// Runs the dispatcher and the delivery worker on the current actix system (they stop with it).
pub fn spawn(pool: DbPool, sealer: Arc<Sealer>, settings: WebhookSettings) {
    let dispatching = pool.clone();
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(settings.every);
        loop {
            tick.tick().await;
            super::dispatch::round(&dispatching).await;
        }
    });
    crate::queue::spawn(pool.clone(), worker(pool, sealer, settings));
}
