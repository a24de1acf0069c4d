//! Webhooks per Standard Webhooks: a change pushed, signed and verified; a failing receiver retried
//! until it answers, or given up as dead and retried on request; a replay under the same
//! `webhook-id`; a rotated secret signing beside the old one; only what the client may read; and
//! two instances that push each change once. With `TDC_WEBHOOK_EVIDENCE=path`, the deliveries and
//! their secrets are written there for `.ci/check-webhook-signatures`, which verifies them with the
//! `standardwebhooks` package.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::receiver::{Got, Receiver};
use crate::support::{Hub, valid_tax_codes};

/// A push's `webhook-id`.
fn webhook_id(g: &Got) -> &str {
    &g.headers["webhook-id"]
}

/// Whether one of a push's signatures is `secret`'s.
fn signed_by(g: &Got, secret: &str) -> bool {
    let at: i64 = g.headers["webhook-timestamp"].parse().unwrap();
    let expected = tdc_kernel::webhooks::signature(secret, webhook_id(g), at, &g.body).unwrap();
    g.headers["webhook-signature"].split(' ').any(|s| s == expected)
}

fn quick(c: &mut tdc_gateway::config::Config) {
    c.webhook_interval_ms = 50;
    c.webhook_retry_ms = 100;
    c.webhook_max_attempts = 3;
}

fn business(hub: &Hub, token: &str, tax: &str) -> String {
    let r = hub.post(token, "/api/v1/businesses", &json!({"tax_code": tax, "name": format!("Công ty {tax}")}));
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()["id"].as_str().unwrap().to_owned()
}

/// Writes what was received, with the secrets it should verify under, for the Python check.
fn keep_evidence(got: &[Got], secrets: &[&str]) {
    let Ok(path) = std::env::var("TDC_WEBHOOK_EVIDENCE") else { return };
    let items: Vec<Value> = got.iter().map(|g| json!({"headers": g.headers, "body": g.body})).collect();
    std::fs::write(path, json!({"secrets": secrets, "deliveries": items}).to_string()).unwrap();
}

#[test]
fn changes_are_pushed_signed_retried_replayed_and_signed_under_a_rotated_secret() {
    let hub = Hub::start_with(quick);
    let receiver = Receiver::start();
    let sct = hub.client_with_role("SCT", "sct-system", "agency_officer").0;
    let syt = hub.client_with_role("SYT", "syt-system", "agency_officer").0;
    let bad = json!({"url": "ftp://x", "event_types": ["Business!"]});
    let p = hub.post(&sct, "/api/v1/webhooks", &bad).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"].as_array().unwrap().len(), 2, "{p}");
    let made = hub.post(&sct, "/api/v1/webhooks", &json!({"url": receiver.url, "event_types": ["business"]}));
    assert_eq!(made.status, 201, "{}", made.body);
    let (id, secret) =
        (made.json()["webhook"]["id"].as_str().unwrap().to_owned(), made.json()["secret"].as_str().unwrap().to_owned());
    assert!(secret.starts_with("whsec_"));
    let read = hub.get(&sct, &format!("/api/v1/webhooks/{id}"));
    assert!(read.status == 200 && !read.body.contains(&secret), "{}", read.body);
    hub.get(&syt, &format!("/api/v1/webhooks/{id}")).assert_problem(404, "not_found");

    receiver.fail.store(1, Ordering::SeqCst);
    let taxes = valid_tax_codes(3);
    let first = business(&hub, &sct, &taxes[0]);
    let got = receiver.wait("a retry after the failure", |g| g.len() >= 2);
    assert_eq!(webhook_id(&got[0]), webhook_id(&got[1]), "a retry keeps its webhook-id");
    assert!(got.iter().all(|g| signed_by(g, &secret)), "{got:#?}");
    let event = got[1].json();
    assert_eq!(
        (event["type"].as_str(), event["data"]["entity_id"].as_str()),
        (Some("business.created"), Some(first.as_str()))
    );
    let log = hub.get(&sct, &format!("/api/v1/webhooks/{id}/deliveries")).json();
    assert_eq!(
        (log["items"][0]["state"].as_str(), log["items"][0]["attempts"].as_i64()),
        (Some("done"), Some(2)),
        "{log}"
    );

    receiver.fail.store(usize::MAX, Ordering::SeqCst);
    business(&hub, &sct, &taxes[1]);
    let deadline = Instant::now() + Duration::from_secs(20);
    let dead = loop {
        let dead = hub.get(&sct, &format!("/api/v1/webhooks/{id}/deliveries?state=dead")).json();
        if let Some(item) = dead["items"].as_array().unwrap().first() {
            break item.clone();
        }
        assert!(Instant::now() < deadline, "never given up");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(dead["attempts"], 3);
    receiver.fail.store(0, Ordering::SeqCst);
    let retry = format!("/api/v1/webhooks/{id}/deliveries/{}/retry", dead["id"].as_str().unwrap());
    assert_eq!(hub.post(&sct, &retry, &json!({})).status, 200);
    hub.post(&sct, &retry, &json!({})).assert_problem(409, "not_dead");
    let dead_id = dead["id"].as_str().unwrap().to_owned();
    receiver.wait("the dead delivery, sent again", |g| g.last().is_some_and(|l| webhook_id(l) == dead_id));

    let before = receiver.got().len();
    let replayed = hub.post(&sct, &format!("/api/v1/webhooks/{id}/replay"), &json!({"after_seq": 0}));
    assert_eq!(replayed.status, 200, "{}", replayed.body);
    let got = receiver.wait("the replay", |g| g.len() >= before + 2);
    let again: Vec<&str> = got[before..].iter().map(webhook_id).collect();
    assert!(
        again.contains(&webhook_id(&got[0])) && again.contains(&dead_id.as_str()),
        "a replay keeps the webhook-ids"
    );

    let rotated = hub.post(&sct, &format!("/api/v1/webhooks/{id}/secret"), &json!({}));
    let new_secret = rotated.json()["secret"].as_str().unwrap().to_owned();
    assert!(rotated.json()["webhook"]["previous_secret_until"].is_string(), "{}", rotated.body);
    let count = receiver.got().len();
    business(&hub, &sct, &taxes[2]);
    let got = receiver.wait("a push after the rotation", |g| g.len() > count);
    let last = got.last().unwrap();
    assert!(signed_by(last, &new_secret) && signed_by(last, &secret), "both sign for a day: {last:?}");
    keep_evidence(&got, &[&secret, &new_secret]);

    assert_eq!(
        hub.send("DELETE", &format!("/api/v1/webhooks/{id}"), &[("Authorization", &format!("Bearer {sct}"))], None)
            .status,
        204
    );
    hub.get(&sct, &format!("/api/v1/webhooks/{id}")).assert_problem(404, "not_found");
}

#[test]
fn a_client_is_pushed_only_what_it_may_read_and_two_instances_push_each_change_once() {
    let hub = Hub::start_with(quick);
    let twin = hub.twin_with(quick);
    let receiver = Receiver::start();
    let sct = hub.client_with_role("SCT", "sct-system", "agency_officer").0;
    let syt = hub.client_with_role("SYT", "syt-system", "agency_officer").0;
    hub.client_with_role("SNN", "snn-system", "agency_officer");
    let made = hub.post(
        &syt,
        "/api/v1/webhooks",
        &json!({"url": receiver.url, "event_types": ["coordination_request.created", "business"]}),
    );
    assert_eq!(made.status, 201, "{}", made.body);

    let ask = |to: &str| {
        let body = json!({"subject": "Phối hợp", "body": "Đề nghị phối hợp.", "addressees": [{"agency": to}]});
        let r = hub.post(&sct, "/api/v1/coordination-requests", &body);
        assert_eq!(r.status, 201, "{}", r.body);
        r.json()["id"].as_str().unwrap().to_owned()
    };
    let hidden = ask("SNN");
    let shown = ask("SYT");
    for tax in valid_tax_codes(40) {
        let server = if tax.ends_with(['0', '2', '4', '6', '8']) { &hub } else { &twin };
        business(server, &sct, &tax);
    }
    receiver.wait("41 pushes", |g| g.len() >= 41);
    std::thread::sleep(Duration::from_millis(500));
    let got = receiver.got();
    let ids: std::collections::HashSet<&str> = got.iter().map(webhook_id).collect();
    assert_eq!((got.len(), ids.len()), (41, 41), "each change pushed once by two instances");
    let requests: Vec<String> = got
        .iter()
        .map(Got::json)
        .filter(|e| e["data"]["entity"] == "coordination_request")
        .map(|e| e["data"]["entity_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(requests, [shown], "not the request it may not read ({hidden})");
}
