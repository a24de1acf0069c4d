//! Every kind of bad request gets a problem+json answer with the request id.

use serde_json::json;

use crate::support::Hub;

fn post_raw(hub: &Hub, token: &str, content_type: &str, body: &str) -> crate::support::Resp {
    let auth = format!("Bearer {token}");
    hub.send("POST", "/api/v1/agencies", &[("Authorization", &auth), ("Content-Type", content_type)], Some(body))
}

#[test]
fn malformed_json_is_400() {
    let hub = Hub::start();
    let p =
        post_raw(&hub, &hub.admin_token(), "application/json", "{\"code\": ").assert_problem(400, "malformed_request");
    assert!(p["detail"].as_str().unwrap().contains("not valid JSON"));
}

#[test]
fn wrong_content_type_is_415() {
    let hub = Hub::start();
    post_raw(&hub, &hub.admin_token(), "text/plain", "code=X").assert_problem(415, "unsupported_media_type");
}

#[test]
fn a_value_of_the_wrong_type_is_422_pointing_at_it() {
    let hub = Hub::start();
    let body = json!({"code": "SYT", "name_vi": "Sở Y tế", "kind": "department", "sectors": ["health", 7]});
    let p = post_raw(&hub, &hub.admin_token(), "application/json", &body.to_string())
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/sectors/1");
    let body = json!({"code": "SYT", "name_vi": "Sở Y tế", "kind": "ministry"});
    let p = post_raw(&hub, &hub.admin_token(), "application/json", &body.to_string())
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/kind");
}

#[test]
fn broken_rules_are_422_naming_every_field() {
    let hub = Hub::start();
    let body = json!({"code": "s", "name_vi": "", "kind": "department", "contact": {"email": "not-an-email"}});
    let p = post_raw(&hub, &hub.admin_token(), "application/json", &body.to_string())
        .assert_problem(422, "validation_failed");
    let pointers: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap()).collect();
    assert_eq!(pointers, vec!["/code", "/contact/email", "/name_vi"]);
    assert_eq!(p["errors"][0]["code"], "agency_code_format");
    assert_eq!(p["detail"], "3 fields are invalid");
}

#[test]
fn unknown_fields_are_refused() {
    let hub = Hub::start();
    let body = json!({"code": "SYT", "name_vi": "Sở Y tế", "kind": "department", "colour": "blue"});
    post_raw(&hub, &hub.admin_token(), "application/json", &body.to_string()).assert_problem(422, "validation_failed");
}

#[test]
fn bad_query_parameters_are_400_naming_the_parameter() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let p = hub.get(&admin, "/api/v1/agencies?limit=lots").assert_problem(400, "malformed_request");
    assert_eq!(p["errors"][0]["pointer"], "/query/limit");
    let p = hub.get(&admin, "/api/v1/agencies?limit=5000").assert_problem(400, "malformed_request");
    assert_eq!(p["errors"][0]["pointer"], "/query/limit");
    let p = hub.get(&admin, "/api/v1/agencies?cursor=%21%21").assert_problem(400, "malformed_request");
    assert_eq!(p["errors"][0]["pointer"], "/query/cursor");
    let p = hub.get(&admin, "/api/v1/agencies?kind=ministry").assert_problem(400, "malformed_request");
    assert_eq!(p["errors"][0]["pointer"], "/query/kind");
}

#[test]
fn unknown_route_and_wrong_method_are_problems() {
    let hub = Hub::start();
    hub.send("GET", "/api/v1/nothing-here", &[], None).assert_problem(404, "not_found");
    let r = hub.send("DELETE", "/api/v1/agencies", &[], None);
    r.assert_problem(405, "method_not_allowed");
    assert!(r.header("allow").unwrap().contains("GET"));
}

#[test]
fn a_body_over_the_limit_is_413() {
    let hub = Hub::start_with(|c| c.body_limit = 2048);
    let big = json!({"code": "BIG", "name_vi": "x".repeat(5000), "kind": "other"});
    post_raw(&hub, &hub.admin_token(), "application/json", &big.to_string()).assert_problem(413, "payload_too_large");
}

#[test]
fn the_request_id_is_echoed_or_made() {
    let hub = Hub::start();
    let r = hub.send("GET", "/healthz", &[("X-Request-Id", "agency-42-abc")], None);
    assert_eq!(r.header("x-request-id"), Some("agency-42-abc"));
    let r = hub.send("GET", "/healthz", &[], None);
    assert_eq!(r.header("x-request-id").map(str::len), Some(36));
    let r = hub.send("GET", "/nope", &[("X-Request-Id", "trace-7")], None);
    assert_eq!(r.json()["request_id"], "trace-7");
}

#[test]
fn a_stored_value_the_hub_never_wrote_fails_loudly_and_the_hub_keeps_serving() {
    use diesel::RunQueryDsl;
    let hub = Hub::start();
    let admin = hub.admin_token();
    let r =
        hub.put(&admin, "/api/v1/businesses/by-tax-code/0100233488", None, &serde_json::json!({"name": "Công ty A"}));
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let mut db = hub.db();
    let edited = diesel::sql_query("UPDATE businesses SET status = 'zombie'").execute(&mut db);
    if hub.database_url.starts_with("postgres") {
        assert!(edited.is_err(), "PostgreSQL refuses a name the hub does not know (its CHECK constraints)");
        return;
    }
    edited.unwrap();
    let read = hub.get(&admin, &format!("/api/v1/businesses/{id}"));
    let p = read.assert_problem(500, "internal_error");
    assert!(!read.body.contains("zombie"), "a 500 hides its cause: {p}");
    assert_eq!(hub.send("GET", "/healthz", &[], None).status, 200, "the hub keeps serving");
}
