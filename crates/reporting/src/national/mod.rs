//! The connector to the national TĐC database (seed 000 Art. 7, seed 001 Art. 6.1): what the
//! province must synchronise — by default conformity data, published and resolved warnings, QCĐPs
//! and accepted quarterly results — follows the change feed as DOST reads it (what the province
//! shares, never another agency's restricted records) and goes through the kernel's job queue: one
//! item per change, enqueued in the transaction that moves the connector's position only from the
//! position it read (two instances never enqueue a change twice), sent with the item's id as
//! `Idempotency-Key` (the national side recognises a resend), retried with a growing delay, then
//! dead — listed and retried through the API.

pub mod feed_in;

use std::time::Duration;

use diesel::prelude::*;
use serde_json::{Value, json};

use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::db::{AnyConnection, DbPool, now};
use tdc_kernel::queue::{self, Claimed, Retry, Worker};

use crate::schema::connector_positions as cp;

/// The queue of pushes to the national database.
pub const KIND: &str = "national";

/// The most changes one round looks at.
const BATCH: i64 = 500;

/// Where and what the province sends to the national database.
#[derive(Debug, Clone)]
pub struct NationalSettings {
    /// The national side's base address: records go to `<url>/records`.
    pub url: String,
    /// The bearer token the national side gave the province.
    pub token: Option<String>,
    /// The kinds of change sent: an entity (`cab_certificate`) or an entity and an action
    /// (`warning.publish`).
    pub events: Vec<String>,
    /// Record fields renamed for the national side, e.g. `lead_agency=co_quan_chu_tri`.
    pub fields: Vec<(String, String)>,
    /// The province's code, sent with every record.
    pub province: String,
    /// The path of the national side's own feed, e.g. `/changes`, when it offers one: its
    /// changes are read into the hub (`GET /api/v1/national/changes`).
    pub feed: Option<String>,
    /// How often the connector follows the feed and sends due items.
    pub every: Duration,
    /// How failures are retried.
    pub retry: Retry,
}

/// What is sent by default: conformity data, warnings once public, QCĐPs and the standards they
/// cite, accepted reports.
pub const DEFAULT_EVENTS: &str = "conformity_body,cab_certificate,cab_designation,conformity_declaration,warning.publish,warning.resolve,technical_regulation,standard,report_submission.accept";

impl NationalSettings {
    /// Reads `a=b,c=d` into pairs (an entry without `=` is refused).
    pub fn pairs(text: &str) -> Result<Vec<(String, String)>, String> {
        tdc_kernel::text::renames(text)
    }

    fn wants(&self, entity: &str, action: &str) -> bool {
        self.events.iter().any(|t| match t.split_once('.') {
            Some((e, a)) => e == entity && a == action,
            None => t == entity,
        })
    }

    /// The body sent for a change: its kind, sequence number and province, and the record as it
    /// became, its fields renamed.
    fn body(&self, event: &tdc_kernel::changes::ChangeEvent) -> String {
        let mut record: Value =
            event.data.as_ref().and_then(|d| serde_json::from_str(d.get()).ok()).unwrap_or(Value::Null);
        if let Value::Object(fields) = &mut record {
            for (from, to) in &self.fields {
                if let Some(v) = fields.remove(from) {
                    fields.insert(to.clone(), v);
                }
            }
        }
        let body = json!({"type": format!("{}.{}", event.entity, event.action), "seq": event.seq, "province": self.province,
            "entity_id": event.entity_id, "version": event.version, "at": event.at, "record": record});
        body.to_string()
    }
}

const POSITION: &str = "national";

/// One round of following the feed, in a write transaction: enqueues what is sent of the next
/// changes and moves the position; answers whether a full batch was read (more wait).
fn follow(conn: &mut AnyConnection, settings: &NationalSettings) -> Result<bool, ApiError> {
    let Some(dost) = tdc_directory::api::first_agency_of_kind(conn, tdc_directory::model::AgencyKind::Dost)? else {
        return Ok(false);
    };
    let at: Option<i64> = cp::table.find(POSITION).select(cp::after_seq).first(conn).optional()?;
    let after = at.unwrap_or(0);
    let reader = Reader::Agency { code: dost, admin: false };
    let events = tdc_kernel::changes::feed(conn, &reader, after, BATCH, None)?;
    let Some(last) = events.last().map(|e| e.seq) else { return Ok(false) };
    for event in events.iter().filter(|e| settings.wants(&e.entity, &e.action)) {
        queue::enqueue(conn, KIND, &event.seq.to_string(), &settings.body(event))?;
    }
    let moved = match at {
        None => diesel::insert_into(cp::table)
            .values((cp::name.eq(POSITION), cp::after_seq.eq(last), cp::updated_at.eq(now())))
            .execute(conn)?,
        Some(read) => diesel::update(cp::table.find(POSITION).filter(cp::after_seq.eq(read)))
            .set((cp::after_seq.eq(last), cp::updated_at.eq(now())))
            .execute(conn)?,
    };
    if moved == 0 {
        let detail = "another instance moved the connector";
        return Err(ApiError::conflict("followed_elsewhere", detail));
    }
    Ok(events.len() as i64 == BATCH)
}

/// Sends one item to `<url>/records`.
fn send(settings: &NationalSettings, item: &Claimed) -> Result<(), String> {
    let url = format!("{}/records", settings.url.trim_end_matches('/'));
    let mut request = ureq::post(&url)
        .timeout(Duration::from_secs(30))
        .set("Content-Type", "application/json")
        .set("Idempotency-Key", &item.id);
    if let Some(token) = &settings.token {
        request = request.set("Authorization", &format!("Bearer {token}"));
    }
    match request.send_string(&item.payload) {
        Ok(_) => Ok(()),
        Err(ureq::Error::Status(status, _)) => Err(format!("{url} answered {status}")),
        Err(e) => Err(format!("{url}: {e}")),
    }
}

/// Runs the connector on the current actix system (it stops with it): follows the feed every
/// `every`, its worker sends due items, and it reads the national side's feed when it has one.
pub fn spawn(pool: DbPool, settings: NationalSettings) {
    let (following, rules) = (pool.clone(), settings.clone());
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(rules.every);
        loop {
            tick.tick().await;
            for _ in 0..20 {
                let round = rules.clone();
                match tdc_kernel::db::write(&following, move |c| follow(c, &round)).await {
                    Ok(true) => continue,
                    Ok(false) => break,
                    Err(e) => {
                        tracing::debug!(error = %e, "following the feed for the national database did not land; the next round repeats it");
                        break;
                    }
                }
            }
        }
    });
    if let Some(feed) = settings.feed.clone() {
        let (reading, rules) = (pool.clone(), settings.clone());
        actix_web::rt::spawn(async move {
            let mut tick = actix_web::rt::time::interval(rules.every);
            loop {
                tick.tick().await;
                feed_in::round(&reading, &rules, &feed).await;
            }
        });
    }
    let (every, retry) = (settings.every, settings.retry);
    let worker = Worker {
        kind: KIND,
        batch: 50,
        lease: Duration::from_secs(120),
        every,
        retry,
        handle: std::sync::Arc::new(move |item: &Claimed| send(&settings, item)),
    };
    queue::spawn(pool, worker);
}
