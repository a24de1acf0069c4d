//! The connector to the national TĐC database: what the province shares reaches a fake national
//! server that fails every other call, each change accepted once though two instances follow the
//! feed, its fields renamed as configured; another agency's restricted record never leaves.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::json;

use crate::support::receiver::Receiver;
use crate::support::{Hub, valid_tax_codes};

#[test]
fn shared_changes_reach_the_national_database_once_through_failures_and_two_instances() {
    let national = Receiver::start();
    national.flaky.store(true, std::sync::atomic::Ordering::SeqCst);
    let published = |seq: i64| {
        json!({"seq": seq, "entity": "cab_certificate", "entity_id": format!("VN-{seq}"),
        "action": "revoke", "province": "01", "record": {"number": format!("{seq}/GCN")}})
    };
    national.feed.lock().unwrap().extend([
        published(1),
        published(2),
        json!({"seq": 3, "nonsense": true}),
        published(4),
    ]);
    let connect = |c: &mut tdc_gateway::config::Config| {
        c.national_url = Some(national.url.clone());
        c.national_events = "business,coordination_request".into();
        c.national_fields = "lead_agency=co_quan_chu_tri".into();
        c.national_feed = Some("/changes".into());
        c.webhook_interval_ms = 50;
        c.webhook_retry_ms = 50;
    };
    let hub = Hub::start_with(connect);
    let twin = hub.twin_with(connect);
    let sct = hub.client_with_role("SCT", "sct-system", "agency_officer").0;
    hub.client_with_role("SYT", "syt-system", "agency_officer");
    for (i, tax) in valid_tax_codes(24).iter().enumerate() {
        let server = if i % 2 == 0 { &hub } else { &twin };
        let r = server.post(&sct, "/api/v1/businesses", &json!({"tax_code": tax, "name": format!("Công ty {i}")}));
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let restricted = json!({"subject": "Nội bộ", "body": "Giữa hai Sở.", "addressees": [{"agency": "SYT"}]});
    assert_eq!(hub.post(&sct, "/api/v1/coordination-requests", &restricted).status, 201);

    let accepted = |got: &[crate::support::receiver::Got]| got.iter().filter(|g| g.answered == 204).count();
    national.wait("24 businesses accepted", |g| accepted(g) >= 24);
    std::thread::sleep(Duration::from_millis(600));
    let got = national.got();
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for g in got.iter().filter(|g| g.answered == 204) {
        *by_key.entry(g.headers["idempotency-key"].as_str()).or_default() += 1;
    }
    assert_eq!((by_key.len(), by_key.values().max().copied()), (24, Some(1)), "each change accepted once");
    assert!(got.iter().any(|g| g.answered == 500), "the fake server failed calls");
    let record = got.iter().find(|g| g.answered == 204).unwrap().json();
    assert_eq!(
        (record["type"].as_str(), record["province"].as_str()),
        (Some("business.created"), Some("31")),
        "{record}"
    );
    assert_eq!(
        (record["record"]["co_quan_chu_tri"].as_str(), record["record"].get("lead_agency")),
        (Some("SCT"), None)
    );
    assert!(got.iter().all(|g| g.json()["type"] != "coordination_request.created"), "a restricted record never leaves");

    let admin = hub.admin_token();
    let outbox = hub.get(&admin, "/api/v1/national/outbox?state=done&limit=100").json();
    assert_eq!(outbox["items"].as_array().unwrap().len(), 24, "{outbox}");
    assert_eq!(hub.get(&admin, "/api/v1/national/outbox?state=dead").json()["items"], json!([]));
    let jobs = hub.get(&admin, "/api/v1/jobs").json();
    let queue = jobs.as_array().unwrap().iter().find(|q| q["kind"] == "national").unwrap();
    assert_eq!(
        (queue["done"].as_i64(), queue["dead"].as_i64(), queue["pending"].as_i64()),
        (Some(24), Some(0), Some(0))
    );
    hub.get(&sct, "/api/v1/jobs").assert_problem(403, "insufficient_scope");
    let kept = hub.get(&sct, "/api/v1/national/changes?entity=cab_certificate").json();
    let seqs: Vec<i64> = kept["items"].as_array().unwrap().iter().map(|i| i["seq"].as_i64().unwrap()).collect();
    assert_eq!((seqs, kept["next_after"].as_i64()), (vec![1, 2, 4], Some(4)), "read once by two instances; {kept}");
    assert_eq!(kept["items"][0]["body"]["record"]["number"], "1/GCN");
    national.feed.lock().unwrap().push(published(5));
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while hub.get(&sct, "/api/v1/national/changes?after=4").json()["items"].as_array().unwrap().is_empty() {
        assert!(std::time::Instant::now() < deadline, "the next item was never read");
        std::thread::sleep(Duration::from_millis(50));
    }
    let metrics = hub.send("GET", "/metrics", &[], None).body;
    assert!(metrics.contains("tdc_hub_queue_items{kind=\"national\",state=\"done\"} 24"), "{metrics}");
}
