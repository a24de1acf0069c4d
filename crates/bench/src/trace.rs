//! Trace figures: chains of five transformations (a lot made into another, five times over, each
//! lot shipped and received between two places), captured among the EPCIS volume, then traced
//! forward from each chain's first lot — five identifier changes, every event of the chain —
//! beside `/healthz` at one connection (the trace's own latency) and at 16.

use serde_json::{Value, json};

/// GTINs of the six products a chain's lots are lots of (valid check digits).
const GTINS: [&str; 6] =
    ["08934567892001", "08934567892018", "08934567892025", "08934567892032", "08934567892049", "08934567892056"];

/// Chains captured.
pub const CHAINS: usize = 500;

fn class(hop: usize, chain: usize) -> String {
    format!("https://id.gs1.org/01/{}/10/C{chain}H{hop}", GTINS[hop])
}

fn event(kind: &str, minute: usize, step: &str, place: usize, fields: Value) -> Value {
    let mut e = json!({"type": kind, "eventTime": format!("2026-04-01T{:02}:{:02}:00+07:00", minute / 60, minute % 60),
        "eventTimeZoneOffset": "+07:00", "bizStep": step, "bizLocation": {"id": format!("urn:epc:id:sgln:8934567.{place:05}.0")}});
    e.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
    e
}

fn amount(class: String) -> Value {
    json!([{"epcClass": class, "quantity": 100, "uom": "KGM"}])
}

/// One chain's 16 events: the first lot made; then, five times, the lot shipped, received and
/// made into the next.
fn chain(c: usize) -> Vec<Value> {
    let mut events = vec![event(
        "ObjectEvent",
        0,
        "commissioning",
        c % 50,
        json!({"action": "ADD", "quantityList": amount(class(0, c))}),
    )];
    for hop in 0..5 {
        let (from, to) = ((c + hop) % 50, (c + hop + 1) % 50);
        let t = hop * 60 + 10;
        events.push(event(
            "ObjectEvent",
            t,
            "shipping",
            from,
            json!({"action": "OBSERVE", "quantityList": amount(class(hop, c)),
            "destinationList": [{"type": "location", "destination": format!("urn:epc:id:sgln:8934567.{to:05}.0")}]}),
        ));
        events.push(event(
            "ObjectEvent",
            t + 20,
            "receiving",
            to,
            json!({"action": "OBSERVE", "quantityList": amount(class(hop, c))}),
        ));
        events.push(event(
            "TransformationEvent",
            t + 40,
            "commissioning",
            to,
            json!({"inputQuantityList": amount(class(hop, c)), "outputQuantityList": amount(class(hop + 1, c))}),
        ));
    }
    events
}

/// The chains as documents of 1,000 events or fewer (whole chains each).
pub fn documents() -> Vec<String> {
    let per = 1000 / 16;
    (0..CHAINS.div_ceil(per))
        .map(|d| {
            let list: Vec<Value> = (d * per..((d + 1) * per).min(CHAINS)).flat_map(chain).collect();
            json!({"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
                   "schemaVersion": "2.0", "creationDate": "2026-04-01T08:00:00+07:00", "epcisBody": {"eventList": list}})
            .to_string()
        })
        .collect()
}

/// The trace paths: each chain forward from its first lot.
pub fn traces() -> Vec<String> {
    (0..CHAINS).map(|c| format!("/api/v1/traceability/trace?gtin={}&lot=C{c}H0&direction=forward", GTINS[0])).collect()
}
