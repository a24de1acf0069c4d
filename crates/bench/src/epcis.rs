//! EPCIS 2.0 figures: documents of 1,000 events captured through `/epcis/v2/capture` beside
//! `COPY` of the same events into a copy of `epcis_events` (PostgreSQL), and a page of 100 by
//! `MATCH_epcClass` beside `/healthz`.

use std::io::Write;

use serde_json::{Value, json};

/// Lots the events spread over (a query by class finds `events / LOTS` of them).
pub const LOTS: usize = 1000;

fn event(i: usize) -> Value {
    let steps = ["commissioning", "packing", "shipping", "receiving", "retail_selling"];
    json!({
        "type": "ObjectEvent", "eventTime": format!("2026-03-01T08:{:02}:{:02}.{:03}+07:00", (i / 60000) % 60, (i / 1000) % 60, i % 1000),
        "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "bizStep": steps[i % steps.len()],
        "bizLocation": {"id": format!("urn:epc:id:sgln:8934567.{:05}.0", i % 97)},
        "epcList": [format!("https://id.gs1.org/01/08934567890120/21/S{i}")],
        "quantityList": [{"epcClass": format!("https://id.gs1.org/01/08934567890120/10/L{}", i % LOTS), "quantity": 10, "uom": "KGM"}]
    })
}

/// `events` events in documents of 1,000, as JSON-LD bodies.
pub fn documents(events: usize) -> Vec<String> {
    (0..events.div_ceil(1000))
        .map(|d| {
            let list: Vec<Value> = (d * 1000..((d + 1) * 1000).min(events)).map(event).collect();
            json!({"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
                   "schemaVersion": "2.0", "creationDate": "2026-03-01T08:00:00+07:00", "epcisBody": {"eventList": list}})
            .to_string()
        })
        .collect()
}

/// Captures `bodies` from `uploaders` threads; answers the events stored a second.
pub fn capture(base: &str, token: &str, bodies: &[String], uploaders: usize) -> f64 {
    crate::load::posts(base, "/epcis/v2/capture", token, "application/ld+json", bodies, uploaders, |job| {
        assert_eq!(job["success"], true, "a capture failed: {job}");
        job["stored"].as_u64().unwrap_or(0)
    })
}

/// The query paths: a page of 100 by each lot's class.
pub fn class_queries() -> Vec<String> {
    (0..LOTS)
        .map(|l| format!("/epcis/v2/events?perPage=100&MATCH_epcClass=urn:epc:class:lgtin:8934567.089012.L{l}"))
        .collect()
}

/// Rows a second that `COPY` stores of the events of `bodies` (their columns as the hub stores
/// them, the event JSON whole) into an empty copy of `epcis_events` with its indexes.
pub fn copy_rate(database_url: &str, bodies: &[String]) -> f64 {
    let mut csv = Vec::new();
    let mut n = 0;
    for body in bodies {
        let document: Value = serde_json::from_str(body).expect("a document");
        for e in document["epcisBody"]["eventList"].as_array().into_iter().flatten() {
            let text = e.to_string().replace('"', "\"\"");
            let _ = writeln!(
                csv,
                "ni:///sha-256;{n:064x}?ver=CBV2.0,ObjectEvent,{},2026-12-01 00:00:00+00,OBSERVE,https://ref.gs1.org/cbv/BizStep-{},,,{},false,true,bench,SKHCN,null,\"{text}\"",
                e["eventTime"].as_str().unwrap_or_default(),
                e["bizStep"].as_str().unwrap_or_default(),
                e["bizLocation"]["id"].as_str().unwrap_or_default(),
            );
            n += 1;
        }
    }
    crate::copy::timed(database_url, "epcis_events", ("bench_epcis", bench_epcis::table), &csv)
}

diesel::table! {
    /// A copy of `epcis_events`' shape, for the floor only.
    bench_epcis (event_id) {
        event_id -> Text,
        event_type -> Text,
        event_time -> Timestamptz,
        record_time -> Timestamptz,
        action -> Nullable<Text>,
        biz_step -> Nullable<Text>,
        disposition -> Nullable<Text>,
        read_point -> Nullable<Text>,
        biz_location -> Nullable<Text>,
        declared -> Bool,
        id_assigned -> Bool,
        capture_id -> Text,
        agency_code -> Text,
        context -> Text,
        body -> Text,
    }
}
