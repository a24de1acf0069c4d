//! HTTP details integrators rely on: `If-Match` as RFC 9110 says, and JSON in UTF-8 only.

use serde_json::json;

use crate::support::Hub;

fn agency(hub: &Hub, admin: &str) -> String {
    let body = json!({"code": "SYT", "name_vi": "Sở Y tế", "kind": "department"});
    hub.post(admin, "/api/v1/agencies", &body).json()["id"].as_str().unwrap().to_owned()
}

#[test]
fn if_match_compares_strongly_and_takes_a_list_or_a_star() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let path = format!("/api/v1/agencies/{}", agency(&hub, &admin));
    let patch = |tag: &str, name: &str| hub.patch(&admin, &path, Some(tag), &json!({"name_vi": name}));
    let weak = patch("W/\"1\"", "Sở Y tế A").assert_problem(412, "version_mismatch");
    assert!(weak["detail"].as_str().unwrap().contains("weak"), "{weak}");
    assert_eq!(patch("\"7\", \"1\"", "Sở Y tế B").status, 200, "a list matches when one of its tags does");
    assert_eq!(patch("*", "Sở Y tế C").status, 200, "`*` matches the record as it is");
    patch("\"1\"", "Sở Y tế D").assert_problem(412, "version_mismatch");
    assert_eq!(hub.get(&admin, &path).json()["name_vi"], "Sở Y tế C");
}

#[test]
fn a_body_in_another_charset_is_415() {
    let hub = Hub::start();
    let auth = format!("Bearer {}", hub.admin_token());
    let body = json!({"code": "SYT", "name_vi": "Sở Y tế", "kind": "department"}).to_string();
    for (content_type, status) in [
        ("application/json; charset=ISO-8859-1", 415),
        ("application/json; charset=utf-16", 415),
        ("application/json; charset=\"UTF-8\"", 201),
    ] {
        let headers = [("Authorization", auth.as_str()), ("Content-Type", content_type)];
        let r = hub.send("POST", "/api/v1/agencies", &headers, Some(&body));
        assert_eq!(r.status, status, "{content_type}: {}", r.body);
    }
}
