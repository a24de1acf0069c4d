//! `Idempotency-Key`: replay, reuse with another body, a request still running, per-client keys,
//! and answers carrying secrets that are never kept.

use diesel::prelude::*;
use serde_json::json;
use sha2::{Digest, Sha256};
use tdc_kernel::db::schema::{agencies, changes, idempotency_keys};

use crate::support::{Hub, Resp};

fn post_with_key(hub: &Hub, token: &str, path: &str, key: &str, body: &serde_json::Value) -> Resp {
    let auth = format!("Bearer {token}");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json"), ("Idempotency-Key", key)];
    hub.send("POST", path, &headers, Some(&body.to_string()))
}

fn count_agencies(hub: &Hub, code: &str) -> i64 {
    agencies::table.filter(agencies::code.eq(code)).count().get_result(&mut hub.db()).unwrap()
}

#[test]
fn the_same_key_and_body_replays_the_first_answer_and_writes_once() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let body = json!({"code": "SNN", "name_vi": "Sở Nông nghiệp và Môi trường", "kind": "department"});
    let first = post_with_key(&hub, &admin, "/api/v1/agencies", "key-1", &body);
    assert_eq!(first.status, 201, "{}", first.body);
    assert!(first.header("idempotent-replayed").is_none());
    let again = post_with_key(&hub, &admin, "/api/v1/agencies", "key-1", &body);
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("location"), first.header("location"));
    assert_eq!(again.header("etag"), Some("\"1\""));
    assert_eq!(count_agencies(&hub, "SNN"), 1);
    let recorded: i64 = changes::table.filter(changes::entity.eq("agency")).count().get_result(&mut hub.db()).unwrap();
    assert_eq!(recorded, 2, "the DOST agency at first start, and SNN once");
}

#[test]
fn the_same_key_with_another_body_is_422() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    post_with_key(&hub, &admin, "/api/v1/agencies", "k", &json!({"code": "A1", "name_vi": "a", "kind": "other"}));
    let r =
        post_with_key(&hub, &admin, "/api/v1/agencies", "k", &json!({"code": "A2", "name_vi": "a", "kind": "other"}));
    let p = r.assert_problem(422, "idempotency_key_reused");
    assert_eq!(p["errors"][0]["code"], "idempotency_key_reused");
    assert_eq!(p["errors"][0]["pointer"], "/header/Idempotency-Key");
    assert_eq!(count_agencies(&hub, "A2"), 0);
}

#[test]
fn a_refusal_is_kept_and_replayed_too() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let body = json!({"code": "x", "name_vi": "a", "kind": "other"});
    let first = post_with_key(&hub, &admin, "/api/v1/agencies", "bad-1", &body);
    first.assert_problem(422, "validation_failed");
    let again = post_with_key(&hub, &admin, "/api/v1/agencies", "bad-1", &body);
    assert_eq!((again.status, again.header("idempotent-replayed")), (422, Some("true")));
}

#[test]
fn keys_belong_to_their_client() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let (other, _) = hub.client_with_role("SKHCN", "second-admin", "admin");
    let r1 = post_with_key(
        &hub,
        &admin,
        "/api/v1/agencies",
        "shared-key",
        &json!({"code": "B1", "name_vi": "b", "kind": "other"}),
    );
    let r2 = post_with_key(
        &hub,
        &other,
        "/api/v1/agencies",
        "shared-key",
        &json!({"code": "B2", "name_vi": "b", "kind": "other"}),
    );
    assert_eq!((r1.status, r2.status), (201, 201));
    assert!(r2.header("idempotent-replayed").is_none());
}

/// Claims `key` as if a request with `body` had started `seconds_ago` and was still running.
fn running_claim(hub: &Hub, key: &str, body: &serde_json::Value, seconds_ago: i64) {
    let mut hash = Sha256::new();
    hash.update(format!("/api/v1/agencies?\n{body}").as_bytes());
    let hash: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let started = chrono::Utc::now().naive_utc() - chrono::Duration::seconds(seconds_ago);
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::client_id.eq("admin"),
            idempotency_keys::idem_key.eq(key),
            idempotency_keys::request_hash.eq(hash),
            idempotency_keys::state.eq("running"),
            idempotency_keys::created_at.eq(started),
            idempotency_keys::expires_at.eq(started + chrono::Duration::hours(24)),
        ))
        .execute(&mut hub.db())
        .unwrap();
}

#[test]
fn a_key_whose_first_request_still_runs_is_409_after_a_wait() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let body = json!({"code": "C1", "name_vi": "c", "kind": "other"});
    running_claim(&hub, "busy", &body, -60);
    let started = std::time::Instant::now();
    post_with_key(&hub, &admin, "/api/v1/agencies", "busy", &body).assert_problem(409, "idempotency_in_progress");
    assert!(started.elapsed() >= std::time::Duration::from_secs(4), "the resend waited for the first");
    assert_eq!(count_agencies(&hub, "C1"), 0);
}

#[test]
fn identical_resends_sent_at_once_all_get_the_first_answer() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let body = json!({"code": "C3", "name_vi": "c", "kind": "other"});
    let answers: Vec<(u16, Option<String>)> = std::thread::scope(|s| {
        let sends: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let r = post_with_key(&hub, &admin, "/api/v1/agencies", "together", &body);
                    (r.status, r.header("location").map(str::to_owned))
                })
            })
            .collect();
        sends.into_iter().map(|t| t.join().unwrap()).collect()
    });
    assert!(answers.iter().all(|(status, _)| *status == 201), "{answers:?}");
    assert!(answers.windows(2).all(|w| w[0].1 == w[1].1), "one record, one location: {answers:?}");
    assert_eq!(count_agencies(&hub, "C3"), 1);
}

#[test]
fn a_key_whose_request_died_with_its_instance_is_free_again_within_seconds() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let body = json!({"code": "C2", "name_vi": "c", "kind": "other"});
    running_claim(&hub, "orphan", &body, 11);
    let retried = post_with_key(&hub, &admin, "/api/v1/agencies", "orphan", &body);
    assert_eq!(retried.status, 201, "a claim not renewed for 10 s is abandoned: {}", retried.body);
    assert_eq!(
        post_with_key(&hub, &admin, "/api/v1/agencies", "orphan", &body).header("idempotent-replayed"),
        Some("true")
    );
    assert_eq!(count_agencies(&hub, "C2"), 1);
}

#[test]
fn identical_upserts_racing_all_succeed_and_create_once() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let body = json!({"name": "Công ty Đua", "sharing": "shared"});
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let racers: Vec<_> = (0..8)
            .map(|_| s.spawn(|| hub.put(&admin, "/api/v1/businesses/by-tax-code/0100233488", None, &body).status))
            .collect();
        racers.into_iter().map(|r| r.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 201 || *s == 200), "{statuses:?}");
}

#[test]
fn answers_with_secrets_are_never_kept() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let body = json!({"client_id": "kept-not", "name": "n", "agency_code": "SKHCN", "roles": ["viewer"]});
    let first = post_with_key(&hub, &admin, "/api/v1/clients", "client-key", &body);
    assert_eq!(first.status, 201);
    let stored: i64 = idempotency_keys::table.count().get_result(&mut hub.db()).unwrap();
    assert_eq!(stored, 0, "the secret-bearing answer was not stored");
    let again = post_with_key(&hub, &admin, "/api/v1/clients", "client-key", &body);
    again.assert_problem(409, "duplicate_key");
}

#[test]
fn a_malformed_key_is_400() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let long = "k".repeat(300);
    let r =
        post_with_key(&hub, &admin, "/api/v1/agencies", &long, &json!({"code": "D1", "name_vi": "d", "kind": "other"}));
    assert_eq!(r.assert_problem(400, "malformed_request")["errors"][0]["pointer"], "/header/Idempotency-Key");
}

#[test]
fn a_refusal_of_the_caller_is_not_kept() {
    let hub = Hub::start();
    let (viewer, _) = hub.client_with_role("SCT", "sct-viewer", "viewer");
    let body = json!({"code": "E1", "name_vi": "e", "kind": "other"});
    post_with_key(&hub, &viewer, "/api/v1/agencies", "k-403", &body).assert_problem(403, "insufficient_scope");
    let admin = hub.admin_token();
    let admin_key = post_with_key(&hub, &admin, "/api/v1/agencies", "k-403", &body);
    assert_eq!(admin_key.status, 201, "another client's key space");
    let stored: i64 = idempotency_keys::table
        .filter(idempotency_keys::client_id.eq("sct-viewer"))
        .count()
        .get_result(&mut hub.db())
        .unwrap();
    assert_eq!(stored, 0, "the 403 was not kept, so a retry after the role is fixed runs");
}
