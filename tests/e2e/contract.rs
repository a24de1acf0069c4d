//! The contract: the served OpenAPI document is the committed one, and the docs UI is served.

use crate::support::Hub;

#[test]
fn the_served_document_equals_the_committed_one() {
    let hub = Hub::start();
    let served = hub.send("GET", "/api/v1/openapi.json", &[], None).json();
    let committed_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    let committed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(committed_path).unwrap()).unwrap();
    assert_eq!(served, committed, "run `cargo run -- openapi > openapi/openapi.json` and commit it");
    assert_eq!(served["openapi"], "3.1.0");
}

#[test]
fn every_operation_has_an_id_a_tag_a_summary_and_described_responses() {
    let doc: serde_json::Value = serde_json::from_str(&tdc_gateway::openapi::document_json()).unwrap();
    let mut ids = std::collections::HashSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(ids.insert(id.to_owned()), "operationId {id} repeats");
            assert!(op["tags"].as_array().is_some_and(|t| !t.is_empty()), "{id} has no tag");
            assert!(op["summary"].as_str().is_some_and(|s| !s.is_empty()), "{id} has no summary");
            for (status, res) in op["responses"].as_object().unwrap() {
                assert!(res["description"].as_str().is_some_and(|d| !d.is_empty()), "{id} {status} undescribed");
            }
            if op
                .get("security")
                .is_some_and(|s| s.as_array().unwrap().iter().any(|r| !r.as_object().unwrap().is_empty()))
            {
                assert!(op["responses"]["401"].is_object() && op["responses"]["403"].is_object(), "{id} lacks 401/403");
            }
        }
    }
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["oauth2"]["flows"]["clientCredentials"]["tokenUrl"], "/api/v1/auth/token");
}

#[test]
fn the_docs_ui_is_served_offline() {
    let hub = Hub::start();
    let r = hub.send("GET", "/docs/", &[], None);
    assert_eq!(r.status, 200);
    assert!(r.body.contains("swagger"), "{}", &r.body[..200.min(r.body.len())]);
    let r = hub.send("GET", "/docs", &[], None);
    assert_eq!((r.status, r.header("location")), (308, Some("/docs/")));
}

#[test]
fn every_documented_operation_is_routed() {
    let hub = Hub::start();
    let doc = hub.send("GET", "/api/v1/openapi.json", &[], None).json();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let concrete = path
            .replace("{id}", "01a2080e-a99a-74fb-9475-d86a87dcb050")
            .replace("{client_id}", "nobody")
            .replace("{tax_code}", "0100233488")
            .replace("{gtin}", "8934563138165")
            .replace("{code}", "helmets")
            .replace("{designation}", "TCVN%206238-1%3A2017")
            .replace("{comment_id}", "01a2080e-a99a-74fb-9475-d86a87dcb051")
            .replace("{task_id}", "01a2080e-a99a-74fb-9475-d86a87dcb052")
            .replace("{target_id}", "01a2080e-a99a-74fb-9475-d86a87dcb053")
            .replace("{period}", "2026-Q3");
        for method in item.as_object().unwrap().keys() {
            let r = hub.send(&method.to_uppercase(), &concrete, &[("Content-Type", "application/json")], Some("{}"));
            let unrouted = r.status == 405 || (r.status == 404 && r.body.contains("no such resource; see"));
            assert!(!unrouted, "{method} {path} is documented but not routed ({})", r.status);
        }
    }
}

/// The router's own answer to an unknown route (the edge middleware's detail).
const UNROUTED: &str = "no such resource; see /api/v1/openapi.json for the routes";

#[test]
fn every_documented_operation_is_routed_and_no_other_method_of_its_path_is() {
    let hub = Hub::start();
    let doc: serde_json::Value = serde_json::from_str(&tdc_gateway::openapi::document_json()).unwrap();
    let dummy = "01a00000-0000-7000-8000-000000000000";
    let methods = ["get", "post", "put", "patch", "delete"];
    for (template, item) in doc["paths"].as_object().unwrap() {
        let path = template
            .split('/')
            .map(|part| if part.starts_with('{') { dummy } else { part })
            .collect::<Vec<_>>()
            .join("/");
        for method in methods {
            let r = hub.send(&method.to_uppercase(), &path, &[("Content-Type", "application/json")], Some("{}"));
            let unrouted = r.status == 405 || (r.status == 404 && r.body.contains(UNROUTED));
            match item.get(method) {
                Some(_) => {
                    assert!(!unrouted, "{method} {template} is documented but not routed: {} {}", r.status, r.body)
                }
                None => assert!(unrouted, "{method} {template} is routed but not documented: {} {}", r.status, r.body),
            }
        }
    }
}

/// Every `$ref` in `value`, with the path it stands at.
fn refs<'a>(value: &'a serde_json::Value, at: String, found: &mut Vec<(String, &'a str)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v.as_str()) {
                    ("$ref", Some(target)) => found.push((at.clone(), target)),
                    _ => refs(v, format!("{at}/{k}"), found),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                refs(v, format!("{at}/{i}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn every_reference_in_the_document_resolves() {
    let committed_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(committed_path).unwrap()).unwrap();
    let mut found = Vec::new();
    refs(&doc, String::new(), &mut found);
    let dangling: Vec<String> = found
        .iter()
        .filter(|(_, target)| doc.pointer(target.trim_start_matches('#')).is_none())
        .map(|(at, target)| format!("{at} → {target}"))
        .collect();
    assert!(found.len() > 100 && dangling.is_empty(), "dangling references: {dangling:#?}");
}

#[test]
fn every_kind_of_record_in_the_feed_is_enumerated_and_checked() {
    let hub = Hub::start();
    let doc = hub.send("GET", "/api/v1/openapi.json", &[], None).json();
    let listed: std::collections::BTreeSet<String> =
        doc["components"]["schemas"]["ChangeEvent"]["properties"]["entity"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
    let constant = regex::Regex::new(r#"ENTITY: &str = "([a-z_]+)""#).unwrap();
    let mut declared = std::collections::BTreeSet::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../crates"))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                declared.extend(constant.captures_iter(&text).map(|c| c[1].to_owned()));
            }
        }
    }
    assert_eq!(listed, declared, "each domain lists the entities it writes to the feed (`Domain::entities`)");
    let admin = hub.admin_token();
    let p = hub.get(&admin, "/api/v1/changes?entity=businesses").assert_problem(400, "malformed_request");
    assert_eq!(p["errors"][0]["code"], "unknown_entity");
    let hook = serde_json::json!({"url": "http://127.0.0.1:9/hook", "event_types": ["warning.publish", "warnings"]});
    let p = hub.post(&admin, "/api/v1/webhooks", &hook).assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/event_types/1"), Some("unknown_event_type"))
    );
}
