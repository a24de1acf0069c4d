//! Tokens: the three ways to ask for one, and every way a token or a request is refused.

use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;

use crate::support::{ADMIN_SECRET, Hub};

fn hub_key(hub: &Hub) -> (String, EncodingKey) {
    let dir = hub.data_dir.join("keys");
    let entry = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().ends_with(".pem"))
        .unwrap();
    let kid = entry.file_name().to_string_lossy().trim_end_matches(".pem").to_owned();
    let pem = std::fs::read(entry.path()).unwrap();
    (kid, EncodingKey::from_ed_pem(&pem).unwrap())
}

fn claims(aud: &str, exp_offset: i64) -> serde_json::Value {
    let now = chrono::Utc::now().timestamp();
    json!({"iss": "tdc-hub", "aud": aud, "sub": "admin", "agency": "SKHCN", "roles": ["admin"],
           "scope": "agencies:read agencies:write clients:read clients:write",
           "exp": now + exp_offset, "iat": now - 10, "nbf": now - 10, "jti": "t"})
}

fn sign(kid: &str, key: &EncodingKey, claims: &serde_json::Value) -> String {
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(kid.to_owned());
    jsonwebtoken::encode(&header, claims, key).unwrap()
}

fn assert_refused(hub: &Hub, token: &str) {
    let r = hub.get(token, "/api/v1/agencies");
    r.assert_problem(401, "unauthorized");
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
}

#[test]
fn form_basic_and_json_requests_all_give_a_working_token() {
    let hub = Hub::start();
    let form = hub.admin_token();
    assert_eq!(hub.get(&form, "/api/v1/agencies").status, 200);

    let basic = base64::engine::general_purpose::STANDARD.encode(format!("admin:{ADMIN_SECRET}"));
    let r = hub.send(
        "POST",
        "/api/v1/auth/token",
        &[("Authorization", &format!("Basic {basic}")), ("Content-Type", "application/x-www-form-urlencoded")],
        Some("grant_type=client_credentials"),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let body = r.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    assert!(body["scope"].as_str().unwrap().contains("clients:write"));

    let json_body = json!({"grant_type": "client_credentials", "client_id": "admin", "client_secret": ADMIN_SECRET});
    let r =
        hub.send("POST", "/api/v1/auth/token", &[("Content-Type", "application/json")], Some(&json_body.to_string()));
    assert_eq!(r.status, 200, "{}", r.body);
    let token = r.json()["access_token"].as_str().unwrap().to_owned();
    let header = jsonwebtoken::decode_header(&token).unwrap();
    assert_eq!(header.alg, Algorithm::EdDSA);
    let kid = header.kid.unwrap();
    let jwks = hub.send("GET", "/.well-known/jwks.json", &[], None).json();
    assert!(jwks["keys"].as_array().unwrap().iter().any(|k| k["kid"] == kid.as_str() && k["crv"] == "Ed25519"));
}

#[test]
fn wrong_secret_unknown_client_and_bad_grant_are_refused_in_oauth_shape() {
    let hub = Hub::start();
    let ct = [("Content-Type", "application/x-www-form-urlencoded")];
    let r = hub.send(
        "POST",
        "/api/v1/auth/token",
        &ct,
        Some("grant_type=client_credentials&client_id=admin&client_secret=nope"),
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["error"], "invalid_client");
    assert!(r.json()["request_id"].is_string());
    let r = hub.send(
        "POST",
        "/api/v1/auth/token",
        &ct,
        Some("grant_type=client_credentials&client_id=ghost&client_secret=x"),
    );
    assert_eq!((r.status, r.json()["error"].as_str()), (401, Some("invalid_client")));
    let r = hub.send("POST", "/api/v1/auth/token", &ct, Some("grant_type=password&client_id=admin&client_secret=x"));
    assert_eq!((r.status, r.json()["error"].as_str()), (400, Some("unsupported_grant_type")));
    let r = hub.send("POST", "/api/v1/auth/token", &ct, Some(&format!("client_id=admin&client_secret={ADMIN_SECRET}")));
    assert_eq!((r.status, r.json()["error"].as_str()), (400, Some("invalid_request")));
    let body = format!("grant_type=client_credentials&client_id=admin&client_secret={ADMIN_SECRET}&scope=everything");
    let r = hub.send("POST", "/api/v1/auth/token", &ct, Some(&body));
    assert_eq!((r.status, r.json()["error"].as_str()), (400, Some("invalid_scope")));
}

#[test]
fn a_narrower_scope_is_honoured() {
    let hub = Hub::start();
    let body =
        format!("grant_type=client_credentials&client_id=admin&client_secret={ADMIN_SECRET}&scope=agencies:read");
    let r =
        hub.send("POST", "/api/v1/auth/token", &[("Content-Type", "application/x-www-form-urlencoded")], Some(&body));
    assert_eq!(r.json()["scope"], "agencies:read");
    let token = r.json()["access_token"].as_str().unwrap().to_owned();
    assert_eq!(hub.get(&token, "/api/v1/agencies").status, 200);
    let r = hub.get(&token, "/api/v1/clients");
    r.assert_problem(403, "insufficient_scope");
    assert_eq!(r.header("www-authenticate"), Some(r#"Bearer error="insufficient_scope""#));
}

#[test]
fn missing_and_malformed_tokens_are_401_with_a_challenge() {
    let hub = Hub::start();
    let r = hub.send("GET", "/api/v1/agencies", &[], None);
    r.assert_problem(401, "unauthorized");
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    let r = hub.send("GET", "/api/v1/agencies", &[("Authorization", "Token abc")], None);
    r.assert_problem(401, "unauthorized");
    assert_refused(&hub, "not.a.jwt");
}

#[test]
fn expired_tokens_are_refused() {
    let hub = Hub::start();
    let (kid, key) = hub_key(&hub);
    assert_eq!(hub.get(&sign(&kid, &key, &claims("tdc-hub-api", 600)), "/api/v1/agencies").status, 200);
    assert_refused(&hub, &sign(&kid, &key, &claims("tdc-hub-api", -3600)));
}

#[test]
fn wrong_audience_is_refused() {
    let hub = Hub::start();
    let (kid, key) = hub_key(&hub);
    assert_refused(&hub, &sign(&kid, &key, &claims("another-system", 600)));
}

#[test]
fn a_token_with_a_critical_extension_is_refused() {
    let hub = Hub::start();
    let (kid, key) = hub_key(&hub);
    assert_eq!(hub.get(&sign(&kid, &key, &claims("tdc-hub-api", 300)), "/api/v1/agencies").status, 200);
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(kid);
    header.crit = Some(vec!["exp-extension".into()]);
    assert_refused(&hub, &jsonwebtoken::encode(&header, &claims("tdc-hub-api", 300), &key).unwrap());
}

#[test]
fn alg_none_is_refused() {
    let hub = Hub::start();
    let (kid, _) = hub_key(&hub);
    let b64 = |v: &serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let header = json!({"alg": "none", "typ": "JWT", "kid": kid});
    assert_refused(&hub, &format!("{}.{}.", b64(&header), b64(&claims("tdc-hub-api", 600))));
}

#[test]
fn a_token_signed_by_another_key_is_refused_even_with_a_known_kid() {
    let hub = Hub::start();
    let (kid, _) = hub_key(&hub);
    let foreign = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    use ed25519_dalek::pkcs8::{EncodePrivateKey, spki::der::pem::LineEnding};
    let pem = foreign.to_pkcs8_pem(LineEnding::LF).unwrap();
    let key = EncodingKey::from_ed_pem(pem.as_bytes()).unwrap();
    assert_refused(&hub, &sign(&kid, &key, &claims("tdc-hub-api", 600)));
    assert_refused(&hub, &sign("unknown-kid", &key, &claims("tdc-hub-api", 600)));
}

#[test]
fn a_tampered_token_is_refused() {
    let hub = Hub::start();
    let token = hub.admin_token();
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut payload: serde_json::Value =
        serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap();
    payload["agency"] = json!("SCT");
    parts[1] = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(payload.to_string());
    assert_refused(&hub, &parts.join("."));
}

#[test]
fn disabling_a_client_stops_its_tokens_at_once_and_enabling_restores_it() {
    let hub = Hub::start();
    let (token, secret) = hub.client_with_role("SCT", "sct-system", "viewer");
    assert_eq!(hub.get(&token, "/api/v1/agencies").status, 200);
    let admin = hub.admin_token();
    let r = hub.post(&admin, "/api/v1/clients/sct-system/transitions", &json!({"action": "disable"}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["disabled"], true);
    assert_refused(&hub, &token);
    let form = format!("grant_type=client_credentials&client_id=sct-system&client_secret={secret}");
    let r =
        hub.send("POST", "/api/v1/auth/token", &[("Content-Type", "application/x-www-form-urlencoded")], Some(&form));
    assert_eq!((r.status, r.json()["error"].as_str()), (401, Some("invalid_client")));
    let r = hub.post(&admin, "/api/v1/clients/sct-system/transitions", &json!({"action": "enable"}));
    assert_eq!(r.status, 200);
    assert_eq!(hub.get(&token, "/api/v1/agencies").status, 200);
}

#[test]
fn roles_limit_what_a_client_may_do() {
    let hub = Hub::start();
    let (viewer, _) = hub.client_with_role("SYT", "syt-viewer", "viewer");
    let r =
        hub.post(&viewer, "/api/v1/agencies", &json!({"code": "SXD", "name_vi": "Sở Xây dựng", "kind": "department"}));
    r.assert_problem(403, "insufficient_scope");
    hub.get(&viewer, "/api/v1/clients").assert_problem(403, "insufficient_scope");
    let admin = hub.admin_token();
    let r = hub.get(&admin, "/api/v1/agencies?code=SXD");
    assert_eq!(r.json()["items"].as_array().unwrap().len(), 0, "the refused write stored nothing");
}

/// Disables a client behind the hub's back, as another instance of the hub would.
fn disable_in_database(hub: &Hub, client_id: &str) {
    use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
    use tdc_kernel::db::schema::api_clients;
    let target = api_clients::table.filter(api_clients::client_id.eq(client_id));
    let n = diesel::update(target).set(api_clients::disabled.eq(true)).execute(&mut hub.db()).unwrap();
    assert_eq!(n, 1);
}

#[test]
fn a_client_disabled_by_another_instance_is_refused_once_the_check_period_lapses() {
    let hub = Hub::start_with(|c| c.client_check_seconds = 1);
    let (token, _) = hub.client_with_role("SCT", "sct-system", "viewer");
    assert_eq!(hub.get(&token, "/api/v1/agencies").status, 200, "the client's state is now remembered");
    disable_in_database(&hub, "sct-system");
    std::thread::sleep(std::time::Duration::from_millis(1200));
    assert_refused(&hub, &token);
}

#[test]
fn with_no_check_period_every_request_asks_the_database() {
    let hub = Hub::start_with(|c| c.client_check_seconds = 0);
    let (token, _) = hub.client_with_role("SCT", "sct-system", "viewer");
    assert_eq!(hub.get(&token, "/api/v1/agencies").status, 200);
    disable_in_database(&hub, "sct-system");
    assert_refused(&hub, &token);
}
