//! The push to the national traceability portal, against a fake portal this test starts: every
//! capture's events and lots arrive once although two hub instances share the outbox and the
//! portal fails at first; a push the portal keeps refusing ends in the dead-letter list, from which
//! it is tried again on request.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::Hub;
use crate::traceability::{FRESH, amount, capture, event};

/// A request the fake portal received: its path, idempotency key, body and the status it answered.
#[derive(Debug, Clone)]
struct Received {
    path: String,
    key: String,
    body: String,
    status: u16,
}

/// A portal that answers 500 to its first `failing` requests (all of them with `usize::MAX`),
/// 202 afterwards, and keeps what it received.
struct FakePortal {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

fn serve(stream: std::net::TcpStream, failing: &AtomicUsize, received: &Mutex<Vec<Received>>) -> Option<()> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_owned();
    let (mut length, mut key) = (0, String::new());
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "idempotency-key" => key = value.trim().to_owned(),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let fail = failing.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
    let status = if fail { 500 } else { 202 };
    let body = String::from_utf8_lossy(&body).into_owned();
    received.lock().unwrap().push(Received { path, key, body, status });
    let mut stream = stream;
    write!(stream, "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").ok()
}

impl FakePortal {
    fn start(failing: usize) -> FakePortal {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let (kept, failing) = (received.clone(), Arc::new(AtomicUsize::new(failing)));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                serve(stream, &failing, &kept);
            }
        });
        FakePortal { url, received }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

fn with_portal(url: &str, attempts: i32) -> impl Fn(&mut tdc_gateway::config::Config) + '_ {
    move |c| {
        c.portal_url = Some(url.to_owned());
        c.portal_lot_fields = "gtin=ma_gtin,lot=so_lo".into();
        c.portal_interval_ms = 50;
        c.portal_retry_ms = 50;
        c.portal_max_attempts = attempts;
    }
}

fn document(n: usize) -> Value {
    let events: Vec<Value> = (0..3)
        .map(|i| {
            event(
                "ObjectEvent",
                &format!("2{n}T0{i}:00"),
                "commissioning",
                crate::traceability::FARM,
                json!({"action": "ADD", "quantityList": [amount(FRESH, &format!("P{n}"), 10)]}),
            )
        })
        .collect();
    json!({"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
           "schemaVersion": "2.0", "creationDate": "2026-08-10T08:00:00+07:00", "epcisBody": {"eventList": events}})
}

fn outbox(hub: &Hub, token: &str, state: &str) -> Vec<Value> {
    let r = hub.get(token, &format!("/api/v1/traceability/portal/outbox?state={state}&limit=1000"));
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["items"].as_array().unwrap().clone()
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(60), "waited a minute for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn every_capture_reaches_the_portal_once_though_two_instances_share_the_outbox() {
    let portal = FakePortal::start(4);
    let hub = Hub::start_with(with_portal(&portal.url, 10));
    let twin = hub.twin_with(with_portal(&portal.url, 10));
    let officer = hub.client_with_role("SKHCN", "trace-officer", "agency_officer").0;
    for n in 0..6 {
        capture(if n % 2 == 0 { &hub } else { &twin }, &officer, &document(n));
    }
    wait_for("six pushes done", || outbox(&hub, &officer, "done").len() == 6);
    let received = portal.received();
    let accepted: Vec<&Received> = received.iter().filter(|r| r.status == 202 && r.path == "/events").collect();
    let mut keys: Vec<&str> = accepted.iter().map(|r| r.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!((accepted.len(), keys.len()), (6, 6), "each capture's events accepted once: {received:?}");
    assert!(received.iter().any(|r| r.status == 500), "the portal failed at first, and the pushes were retried");
    let sent: Value = serde_json::from_str(&accepted[0].body).unwrap();
    assert_eq!(sent["epcisBody"]["eventList"].as_array().unwrap().len(), 3);
    let lots = received.iter().find(|r| r.path == "/lots" && r.status == 202).expect("lots pushed");
    let lots: Value = serde_json::from_str(&lots.body).unwrap();
    assert_eq!(lots["lots"][0]["ma_gtin"], FRESH, "the lot's fields renamed as configured");
    assert!(lots["lots"][0].get("so_lo").is_some() && lots["lots"][0].get("gtin").is_none());
    let items = outbox(&hub, &officer, "done");
    assert!(items.iter().any(|i| i["attempts"].as_i64().unwrap() > 1), "some pushes needed more than one attempt");
}

#[test]
fn a_push_the_portal_keeps_refusing_ends_dead_and_is_tried_again_on_request() {
    let portal = FakePortal::start(usize::MAX);
    let hub = Hub::start_with(with_portal(&portal.url, 2));
    let officer = hub.client_with_role("SKHCN", "trace-officer", "agency_officer").0;
    capture(&hub, &officer, &document(0));
    wait_for("the push to die", || outbox(&hub, &officer, "dead").len() == 1);
    let dead = outbox(&hub, &officer, "dead").remove(0);
    assert_eq!(dead["attempts"], 2);
    assert!(dead["last_error"].as_str().unwrap().contains("answered 500"), "{dead}");
    let id = dead["id"].as_str().unwrap();
    let r = hub.post(&officer, &format!("/api/v1/traceability/portal/outbox/{id}/retry"), &json!({}));
    assert_eq!((r.status, r.json()["state"].clone()), (200, json!("pending")));
    wait_for("it to die again", || outbox(&hub, &officer, "dead").len() == 1);
    assert_eq!(portal.received().len(), 4, "two attempts, then two more");
    let pending = hub.post(&officer, "/api/v1/traceability/portal/outbox/nothing/retry", &json!({}));
    pending.assert_problem(404, "not_found");
    let viewer = hub.client_with_role("SYT", "syt-viewer", "viewer").0;
    hub.get(&viewer, "/api/v1/traceability/portal/outbox").assert_problem(403, "insufficient_scope");
}
