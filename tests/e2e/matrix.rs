//! Every operation the OpenAPI document declares, called by every role and without a token: the
//! scopes it declares are what lets a caller in — the roles that hold them pass the door, the
//! others get 403 `insufficient_scope`, callers without a token 401 unless the operation is
//! public — and nothing answers 500. Built from the served document, so a new endpoint is
//! covered the day it is routed.

use serde_json::Value;

use crate::support::Hub;

const ROLES: [&str; 3] = ["agency_officer", "connector", "viewer"];

struct Caller {
    name: String,
    token: Option<String>,
    scopes: Vec<String>,
}

fn callers(hub: &Hub) -> Vec<Caller> {
    let admin = hub.admin_token();
    let scopes_of = |client: &str| -> Vec<String> {
        let c = hub.get(&admin, &format!("/api/v1/clients/{client}")).json();
        c["scopes"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect()
    };
    let mut all = vec![Caller { name: "admin".into(), token: Some(admin.clone()), scopes: scopes_of("admin") }];
    for role in ROLES {
        let client = format!("matrix-{}", role.replace('_', "-"));
        let (token, _) = hub.client_with_role("SCT", &client, role);
        all.push(Caller { name: role.into(), token: Some(token), scopes: scopes_of(&client) });
    }
    all.push(Caller { name: "anonymous".into(), token: None, scopes: vec![] });
    all
}

fn filled(path: &str) -> String {
    path.split('/')
        .map(|s| if s.starts_with('{') { "0193a3c0-0000-7000-8000-000000000000".to_owned() } else { s.to_owned() })
        .collect::<Vec<_>>()
        .join("/")
}

/// The operation's `bearer` scopes, and whether it may be called without a token.
fn rule(op: &Value) -> Option<(Vec<String>, bool)> {
    let security = op.get("security")?.as_array()?;
    let anonymous = security.iter().any(|r| r.as_object().is_some_and(|o| o.is_empty()));
    let scopes = security.iter().find_map(|r| r.get("bearer"))?.as_array()?;
    Some((scopes.iter().map(|s| s.as_str().unwrap().to_owned()).collect(), anonymous))
}

#[test]
fn every_operation_lets_in_exactly_the_roles_its_scopes_name() {
    let hub = Hub::start_with(|c| c.rate_limit_client_per_minute = 1_000_000);
    let doc = hub.send("GET", "/api/v1/openapi.json", &[], None).json();
    let callers = callers(&hub);
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some((scopes, anonymous)) = rule(op) else { continue };
            for caller in &callers {
                let auth = caller.token.as_ref().map(|t| format!("Bearer {t}"));
                let mut headers = vec![("Content-Type", "application/json")];
                if let Some(a) = &auth {
                    headers.push(("Authorization", a.as_str()));
                }
                let body = (method != "get").then_some("{}");
                let r = hub.send(&method.to_uppercase(), &filled(path), &headers, body);
                let at = format!("{} {path} as {}: {} {}", method.to_uppercase(), caller.name, r.status, r.body);
                assert!(r.status < 500, "{at}");
                let problem: Value = serde_json::from_str(&r.body).unwrap_or_default();
                let code = problem.get("code").and_then(Value::as_str).unwrap_or("").to_owned();
                match &caller.token {
                    None if anonymous => assert_ne!(r.status, 401, "{at}"),
                    None => assert_eq!(r.status, 401, "{at}"),
                    Some(_) if scopes.iter().all(|s| caller.scopes.contains(s)) => {
                        assert!(code != "insufficient_scope" && r.status != 401, "{at}")
                    }
                    Some(_) => assert_eq!((r.status, code.as_str()), (403, "insufficient_scope"), "{at}"),
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} calls");
}
