//! Two hub instances on one PostgreSQL database behind nginx, as `deploy/` runs them: under
//! concurrent load nothing fails, the feed stays gapless and in order across both, a retry that
//! lands on the other instance is answered once, and a client's budget holds across both.

use std::collections::HashSet;

use serde_json::json;
use tdc_gateway::config::Config;

use crate::support::proxy::Proxy;
use crate::support::{Client, Hub, valid_tax_codes};

fn seqs_and_ids(page: &serde_json::Value) -> Vec<(i64, String)> {
    let items = page["items"].as_array().unwrap();
    items.iter().map(|e| (e["seq"].as_i64().unwrap(), e["entity_id"].as_str().unwrap().to_owned())).collect()
}

/// Two instances and nginx in front of them, on PostgreSQL (SQLite serves one process); `None`
/// where that cannot run.
fn pair(adjust: fn(&mut Config)) -> Option<(Hub, Hub, Proxy)> {
    let first = Hub::start_with(adjust);
    if !first.database_url.starts_with("postgres") {
        return None;
    }
    let second = first.twin_with(adjust);
    let proxy = Proxy::start(&[&first.base, &second.base])?;
    Some((first, second, proxy))
}

fn two_instances(config: &mut Config) {
    config.instances = 2;
}

#[test]
fn two_instances_behind_a_proxy_serve_concurrent_writers_with_one_gapless_feed() {
    let Some((first, second, proxy)) = pair(two_instances) else { return };
    let via = Client::new(&proxy.base);
    let admin = via.admin_token();
    let head = via.get(&admin, "/api/v1/changes").json()["next_after"].as_i64().unwrap();
    let codes = valid_tax_codes(160);
    std::thread::scope(|s| {
        for (u, chunk) in codes.chunks(40).enumerate() {
            let (via, admin) = (&via, &admin);
            s.spawn(move || {
                for batch in chunk.chunks(10) {
                    let items: Vec<_> =
                        batch.iter().map(|c| json!({"tax_code": c, "name": format!("Công ty {c}")})).collect();
                    let r = via.post(admin, "/api/v1/businesses/batch", &json!(items));
                    assert_eq!(r.status, 200, "uploader {u}: {}", r.body);
                    assert!(r.json()["results"].as_array().unwrap().iter().all(|i| i["status"] == 201), "{}", r.body);
                }
            });
        }
        for w in 0..4 {
            let (first, second, admin) = (&first, &second, &admin);
            s.spawn(move || {
                for i in 0..8 {
                    let body = json!({"code": format!("P{w}-{i}"), "name_vi": "Phòng", "kind": "other"});
                    let key = format!("agency-P{w}-{i}");
                    let sent = send_with_key(first, admin, &body, &key);
                    let resent = send_with_key(second, admin, &body, &key);
                    assert_eq!((sent.status, resent.status), (201, 201), "{} / {}", sent.body, resent.body);
                    assert_eq!(
                        sent.json()["id"],
                        resent.json()["id"],
                        "the retry on the other instance is the same creation"
                    );
                    assert_eq!(resent.header("idempotent-replayed"), Some("true"), "answered once, replayed once");
                }
            });
        }
    });
    let mut seen = Vec::new();
    let mut after = head;
    loop {
        let page = via.get(&admin, &format!("/api/v1/changes?after={after}&limit=50")).json();
        let events = seqs_and_ids(&page);
        if events.is_empty() {
            break;
        }
        after = events.last().unwrap().0;
        seen.extend(events);
    }
    let numbers: Vec<i64> = seen.iter().map(|(seq, _)| *seq).collect();
    assert_eq!(
        numbers,
        (head + 1..=head + 192).collect::<Vec<_>>(),
        "160 businesses and 32 agencies, gapless, in order"
    );
    let records: HashSet<&String> = seen.iter().map(|(_, id)| id).collect();
    assert_eq!(records.len(), 192, "each write recorded once");
    assert_eq!(via.get(&admin, "/api/v1/audit/verify").json()["intact"], true, "one hash chain across both");
}

fn send_with_key(to: &Client, token: &str, body: &serde_json::Value, key: &str) -> crate::support::Resp {
    let auth = format!("Bearer {token}");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json"), ("Idempotency-Key", key)];
    to.send("POST", "/api/v1/agencies", &headers, Some(&body.to_string()))
}

fn small_budget(config: &mut Config) {
    config.instances = 2;
    config.rate_limit_client_per_minute = 40;
}

#[test]
fn a_clients_budget_holds_across_two_instances_behind_a_proxy() {
    let Some((first, _second, proxy)) = pair(small_budget) else { return };
    let (_, secret) = first.client_with_role("SCT", "sct-meter", "viewer");
    let token = first.token_for("sct-meter", &secret);
    let via = Client::new(&proxy.base);
    let statuses: Vec<u16> = (0..60).map(|_| via.get(&token, "/api/v1/agencies").status).collect();
    let served = statuses.iter().filter(|s| **s == 200).count();
    assert_eq!(served, 40, "40 a minute across both instances, not 40 each: {statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 429), "{statuses:?}");
}
