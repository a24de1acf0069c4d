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
    let p = post_raw(&hub, &hub.admin_token(), "application/json", &body.to_string())
        .assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/colour"), Some("unknown_field"))
    );
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

/// Every problem code the sources answer with: the literal codes of conflicts, refusals and
/// limits, and the kernel's fixed ones.
fn codes_in_sources() -> std::collections::BTreeSet<String> {
    let patterns = [
        r#"(?:Conflict|Forbidden|TooManyRequests|Unprocessable)\s*\{\s*code:\s*"([a-z_]+)""#,
        r#"conflict\(\s*"([a-z_]+)""#,
        r#"code:\s*"([a-z_]+)",\s*\n\s*detail"#,
    ];
    // The kernel's fixed codes: the arms of its problem and lifecycle tables.
    let fixed = regex::Regex::new(r#"=> \("([a-z_]+)","#).unwrap();
    let patterns: Vec<regex::Regex> = patterns.iter().map(|p| regex::Regex::new(p).unwrap()).collect();
    let mut found = std::collections::BTreeSet::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../crates"))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for p in &patterns {
                    found.extend(p.captures_iter(&text).map(|c| c[1].to_owned()));
                }
                if path.ends_with("problem.rs") || path.ends_with("machine.rs") {
                    found.extend(fixed.captures_iter(&text).map(|c| c[1].to_owned()));
                }
            }
        }
    }
    found
}

#[test]
fn every_problem_type_leads_to_a_page_saying_what_it_means_and_how_to_fix_it() {
    let hub = Hub::start();
    let codes = codes_in_sources();
    assert!(codes.len() > 60, "{codes:?}");
    for code in &codes {
        let r = hub.send("GET", &format!("/problems/{code}"), &[], None);
        assert_eq!(r.status, 200, "no page for `{code}`: {}", r.body);
        let p = r.json();
        assert!(p["meaning"].as_str().unwrap().len() > 20 && p["fix"].as_str().unwrap().len() > 5, "{p}");
    }
    let page = hub.send("GET", "/problems/version_mismatch", &[("Accept", "text/html")], None);
    assert!(
        page.header("content-type").unwrap().starts_with("text/html") && page.body.contains("How to fix it"),
        "{}",
        page.body
    );
    let all = hub.send("GET", "/problems", &[], None).json();
    assert!(all.as_array().unwrap().len() >= codes.len());
    hub.send("GET", "/problems/no_such_code", &[], None).assert_problem(404, "not_found");
    let refusal = hub.send("GET", "/api/v1/coordination-requests", &[], None);
    let p = refusal.assert_problem(401, "unauthorized");
    assert_eq!(p["type"], "/problems/unauthorized", "a type that resolves on the hub that answered");
    assert_eq!(hub.send("GET", p["type"].as_str().unwrap(), &[], None).status, 200);
}
