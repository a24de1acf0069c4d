//! The push to the national traceability portal (seed 000 Art. 10.1.a, seed 001 Art. 9.1.c): each
//! capture that stores events enqueues one item (the events and the lots they name) in the
//! kernel's job queue, in the capture's transaction; the portal worker sends it — the events as an
//! EPCIS 2.0 document to `<portal>/events`, the lots (their fields renamed as configured) to
//! `<portal>/lots` — each with the item's id as `Idempotency-Key`, retrying with a growing delay
//! and giving up (dead letters, listed and retried through the API) after the last attempt.

use std::time::Duration;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tdc_kernel::ApiError;
use tdc_kernel::db::{AnyConnection, DbPool};
use tdc_kernel::queue::{self, Claimed, Retry, Worker};

use crate::epcis::json::Json;
use crate::schema::trace_lots as lots;

/// The queue of pushes to the portal.
pub const KIND: &str = "traceability_portal";

/// Where and how the province's events reach the portal.
#[derive(Debug, Clone)]
pub struct PortalSettings {
    /// The portal's base address: events go to `<url>/events`, lots to `<url>/lots`.
    pub url: String,
    /// The bearer token the portal gave the province, if it asks for one.
    pub token: Option<String>,
    /// Lot fields renamed for the portal, e.g. `gtin=ma_gtin,lot=so_lo`; the others keep their names.
    pub lot_fields: Vec<(String, String)>,
    /// How often the worker looks for due items.
    pub every: Duration,
    /// How failures are retried.
    pub retry: Retry,
}

impl PortalSettings {
    /// Reads `gtin=ma_gtin,lot=so_lo` into pairs (an entry without `=` is refused).
    pub fn lot_fields(text: &str) -> Result<Vec<(String, String)>, String> {
        tdc_kernel::text::renames(text)
    }
}

/// What one item carries: the events a capture stored and the lots they name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Push {
    /// The events' IDs.
    pub events: Vec<String>,
    /// The lots' canonical classes.
    pub lots: Vec<String>,
}

/// Enqueues the push of a capture's fresh events, in the capture's transaction.
pub fn enqueue(conn: &mut AnyConnection, capture_id: &str, push: &Push) -> Result<(), ApiError> {
    if push.events.is_empty() {
        return Ok(());
    }
    queue::enqueue(conn, KIND, capture_id, &serde_json::to_string(push).unwrap_or_default())
}

/// The EPCIS document of the events as captured, with the `@context` their documents gave them.
fn document(conn: &mut AnyConnection, ids: &[String]) -> Result<String, String> {
    let (events, context) = crate::store::events::by_ids(conn, ids).map_err(|e| e.to_string())?;
    let text = |s: &str| Json::String(s.to_owned());
    let body = Json::Object(vec![("eventList".into(), Json::Array(events))]);
    let document = Json::Object(vec![
        ("@context".into(), context),
        ("type".into(), text("EPCISDocument")),
        ("schemaVersion".into(), text("2.0")),
        ("creationDate".into(), text(&chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true))),
        ("epcisBody".into(), body),
    ]);
    Ok(document.to_text())
}

/// The lots, their fields renamed as configured.
fn lot_records(conn: &mut AnyConnection, classes: &[String], renames: &[(String, String)]) -> Result<String, String> {
    let columns = (
        lots::gtin,
        lots::lot,
        lots::produced_at,
        lots::producer_location,
        lots::quantity,
        lots::uom,
        lots::expiry_date,
    );
    type Line = (
        String,
        String,
        Option<chrono::NaiveDateTime>,
        Option<String>,
        Option<f64>,
        Option<String>,
        Option<chrono::NaiveDate>,
    );
    let rows: Vec<Line> =
        lots::table.filter(lots::epc_class.eq_any(classes)).select(columns).load(conn).map_err(|e| e.to_string())?;
    let named =
        |field: &str| renames.iter().find(|(from, _)| from == field).map_or(field.to_owned(), |(_, to)| to.clone());
    let records: Vec<Value> = rows
        .into_iter()
        .map(|(gtin, lot, produced, place, quantity, uom, expiry)| {
            let fields = [
                ("gtin", json!(gtin)),
                ("lot", json!(lot)),
                ("produced_at", json!(produced.map(|t| t.and_utc()))),
                ("producer_location", json!(place)),
                ("quantity", json!(quantity)),
                ("uom", json!(uom)),
                ("expiry_date", json!(expiry)),
            ];
            Value::Object(fields.into_iter().map(|(k, v)| (named(k), v)).collect())
        })
        .collect();
    Ok(json!({ "lots": records }).to_string())
}

fn post(settings: &PortalSettings, path: &str, key: &str, content_type: &str, body: &str) -> Result<(), String> {
    let url = format!("{}{path}", settings.url.trim_end_matches('/'));
    let mut request =
        ureq::post(&url).timeout(Duration::from_secs(30)).set("Content-Type", content_type).set("Idempotency-Key", key);
    if let Some(token) = &settings.token {
        request = request.set("Authorization", &format!("Bearer {token}"));
    }
    match request.send_string(body) {
        Ok(_) => Ok(()),
        Err(ureq::Error::Status(status, _)) => Err(format!("{url} answered {status}")),
        Err(e) => Err(format!("{url}: {e}")),
    }
}

/// Sends one item: its events, then its lots.
fn send(pool: &DbPool, settings: &PortalSettings, item: &Claimed) -> Result<(), String> {
    let push: Push = serde_json::from_str(&item.payload).map_err(|e| format!("a malformed item: {e}"))?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let document = document(&mut conn, &push.events)?;
    let lots = lot_records(&mut conn, &push.lots, &settings.lot_fields)?;
    drop(conn);
    post(settings, "/events", &format!("{}-events", item.id), "application/ld+json", &document)?;
    if !push.lots.is_empty() {
        post(settings, "/lots", &format!("{}-lots", item.id), "application/json", &lots)?;
    }
    Ok(())
}

/// The worker that pushes the queue to the portal.
pub fn worker(pool: DbPool, settings: PortalSettings) -> Worker {
    let (every, retry) = (settings.every, settings.retry);
    Worker {
        kind: KIND,
        batch: 20,
        lease: Duration::from_secs(120),
        every,
        retry,
        handle: std::sync::Arc::new(move |item: &Claimed| send(&pool, &settings, item)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lot_fields_are_renamed_pairs() {
        let pairs = PortalSettings::lot_fields("gtin=ma_gtin, lot = so_lo,").unwrap();
        assert_eq!(pairs, [("gtin".to_owned(), "ma_gtin".to_owned()), ("lot".to_owned(), "so_lo".to_owned())]);
        assert!(PortalSettings::lot_fields("gtin").is_err());
    }
}
