//! API clients over HTTP: creation with a one-time secret, rotation, changes, refusals.

use serde_json::json;

use crate::support::Hub;

#[test]
fn a_created_client_gets_its_secret_once_and_can_use_it() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let body = json!({"client_id": "skhcn-portal", "name": "Cổng dữ liệu", "agency_code": "SKHCN", "roles": ["agency_officer"]});
    let r = hub.post(&admin, "/api/v1/clients", &body);
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.header("location"), Some("/api/v1/clients/skhcn-portal"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let created = r.json();
    let secret = created["client_secret"].as_str().unwrap();
    assert!(secret.len() >= 40);
    assert_eq!(created["roles"], json!(["agency_officer"]));
    let granted = [
        "agencies:read",
        "businesses:read",
        "businesses:write",
        "changes:read",
        "conformity:read",
        "conformity:write",
        "inspections:read",
        "inspections:write",
        "products:read",
        "products:write",
        "regulations:read",
        "regulations:write",
        "reporting:read",
        "reporting:write",
        "surveillance:identity",
        "surveillance:read",
        "surveillance:write",
        "traceability:capture",
        "traceability:read",
        "webhooks:manage",
    ];
    assert_eq!(created["scopes"], json!(granted), "the client carries the scopes its roles get from every domain");
    let scopes: Vec<&str> = created["scopes"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert!(scopes.contains(&"businesses:write") && !scopes.iter().any(|s| s.starts_with("clients:")));
    let shown = hub.get(&admin, "/api/v1/clients/skhcn-portal").json();
    assert!(shown.get("client_secret").is_none(), "the secret is never shown again");
    assert!(!hub.get(&admin, "/api/v1/clients").body.contains(secret));
    let token = hub.token_for("skhcn-portal", secret);
    assert_eq!(hub.get(&token, "/api/v1/agencies").status, 200);
}

#[test]
fn rotating_a_secret_retires_the_old_one() {
    let hub = Hub::start();
    let (_, old) = hub.client_with_role("SCT", "sct-one", "viewer");
    let admin = hub.admin_token();
    let r = hub.post(&admin, "/api/v1/clients/sct-one/secret", &json!({}));
    assert_eq!(r.status, 200, "{}", r.body);
    let new = r.json()["client_secret"].as_str().unwrap().to_owned();
    assert_ne!(new, old);
    let form = format!("grant_type=client_credentials&client_id=sct-one&client_secret={old}");
    let r =
        hub.send("POST", "/api/v1/auth/token", &[("Content-Type", "application/x-www-form-urlencoded")], Some(&form));
    assert_eq!(r.status, 401);
    hub.token_for("sct-one", &new);
}

#[test]
fn client_refusals_name_the_field_and_store_nothing() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let r = hub.post(
        &admin,
        "/api/v1/clients",
        &json!({"client_id": "x1y", "name": "n", "agency_code": "NOPE", "roles": ["viewer"]}),
    );
    let p = r.assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/agency_code");
    assert_eq!(p["errors"][0]["code"], "unknown_agency");
    hub.get(&admin, "/api/v1/clients/x1y").assert_problem(404, "not_found");
    let r = hub.post(
        &admin,
        "/api/v1/clients",
        &json!({"client_id": "Bad Id", "name": "n", "agency_code": "SKHCN", "roles": []}),
    );
    let p = r.assert_problem(422, "validation_failed");
    let pointers: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap()).collect();
    assert_eq!(pointers, vec!["/client_id", "/roles"]);
    let r = hub.post(
        &admin,
        "/api/v1/clients",
        &json!({"client_id": "admin", "name": "n", "agency_code": "SKHCN", "roles": ["viewer"]}),
    );
    assert_eq!(r.assert_problem(409, "duplicate_key")["errors"][0]["pointer"], "/client_id");
    let r = hub.post(
        &admin,
        "/api/v1/clients",
        &json!({"client_id": "abc", "name": "n", "agency_code": "SKHCN", "roles": ["root"]}),
    );
    assert_eq!(r.assert_problem(422, "validation_failed")["errors"][0]["pointer"], "/roles/0");
}

#[test]
fn illegal_and_self_disabling_transitions_are_conflicts() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let r = hub.post(&admin, "/api/v1/clients/admin/transitions", &json!({"action": "enable"}));
    assert_eq!(r.assert_problem(409, "illegal_transition")["allowed_actions"], json!(["disable"]));
    let r = hub.post(&admin, "/api/v1/clients/admin/transitions", &json!({"action": "disable"}));
    r.assert_problem(409, "self_disable");
    assert_eq!(hub.get(&admin, "/api/v1/clients/admin").json()["disabled"], false);
    hub.client_with_role("SCT", "sct-system", "agency_officer");
    for action in ["disable", "enable"] {
        let r = hub.post(&admin, "/api/v1/clients/sct-system/transitions", &json!({"action": action}));
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let log = hub.get(&admin, "/api/v1/clients/sct-system/transitions").json();
    let moves: Vec<(&str, &str)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["action"].as_str().unwrap(), t["to_state"].as_str().unwrap()))
        .collect();
    assert_eq!(moves, [("disable", "disabled"), ("enable", "enabled")]);
}

#[test]
fn clients_change_with_if_match_and_page_by_id() {
    let hub = Hub::start();
    for id in ["c-one", "c-two", "c-three"] {
        hub.client_with_role("SCT", id, "viewer");
    }
    let admin = hub.admin_token();
    let r = hub.get(&admin, "/api/v1/clients?agency_code=SCT&limit=2");
    let page = r.json();
    let ids: Vec<&str> = page["items"].as_array().unwrap().iter().map(|c| c["client_id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["c-one", "c-three"]);
    let next = page["next_cursor"].as_str().unwrap();
    let r = hub.get(&admin, &format!("/api/v1/clients?agency_code=SCT&limit=2&cursor={next}"));
    assert_eq!(r.json()["items"][0]["client_id"], "c-two");
    assert!(r.json().get("next_cursor").is_none());

    let r = hub.patch(&admin, "/api/v1/clients/c-two", Some("\"1\""), &json!({"roles": ["connector", "viewer"]}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("etag"), Some("\"2\""));
    assert_eq!(r.json()["roles"], json!(["connector", "viewer"]));
    hub.patch(&admin, "/api/v1/clients/c-two", Some("\"1\""), &json!({"name": "x"}))
        .assert_problem(412, "version_mismatch");
    hub.patch(&admin, "/api/v1/clients/c-two", None, &json!({"name": "x"}))
        .assert_problem(428, "precondition_required");
}
