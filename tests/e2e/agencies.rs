//! Agencies over HTTP: create, read, page, change with versions.

use serde_json::json;

use crate::support::Hub;

#[test]
fn first_start_created_the_dost_agency() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let page = hub.get(&admin, "/api/v1/agencies?kind=dost").json();
    let dost = &page["items"][0];
    assert_eq!(dost["code"], "SKHCN");
    assert_eq!(dost["name_vi"], "Sở Khoa học và Công nghệ Hải Phòng");
    assert_eq!(dost["version"], 1);
}

#[test]
fn an_agency_is_created_read_and_changed_with_versions() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let body = json!({"code": "SCT", "name_vi": "  So\u{302} Co\u{302}ng Thu\u{31b}o\u{31b}ng  ", "kind": "department",
                      "sectors": ["industry_trade"], "contact": {"email": "sct@haiphong.gov.vn"}});
    let r = hub.post(&admin, "/api/v1/agencies", &body);
    assert_eq!(r.status, 201, "{}", r.body);
    let created = r.json();
    let id = created["id"].as_str().unwrap();
    assert_eq!(r.header("location"), Some(format!("/api/v1/agencies/{id}").as_str()));
    assert_eq!(r.header("etag"), Some("\"1\""));
    assert_eq!(created["name_vi"], "Sô Công Thương", "trimmed and NFC-normalized");
    assert!(created.get("name_en").is_none(), "absent optional fields are left out");
    assert_eq!(created["contact"]["email"], "sct@haiphong.gov.vn");

    let path = format!("/api/v1/agencies/{id}");
    let r = hub.get(&admin, &path);
    assert_eq!((r.status, r.header("etag")), (200, Some("\"1\"")));
    let r = hub.send("GET", &path, &[("Authorization", &format!("Bearer {admin}")), ("If-None-Match", "\"1\"")], None);
    assert_eq!(r.status, 304);

    let r = hub.patch(&admin, &path, Some("\"1\""), &json!({"name_en": "Department of Industry and Trade"}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("etag"), Some("\"2\""));
    assert_eq!(r.json()["sectors"], json!(["industry_trade"]), "fields not in the patch are kept");
    hub.patch(&admin, &path, Some("\"1\""), &json!({"name_vi": "x"})).assert_problem(412, "version_mismatch");
    hub.patch(&admin, &path, None, &json!({"name_vi": "x"})).assert_problem(428, "precondition_required");
    assert_eq!(hub.get(&admin, &path).json()["name_vi"], "Sô Công Thương", "refused patches changed nothing");
}

#[test]
fn a_duplicate_code_is_a_conflict_and_stores_nothing() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let r = hub.post(&admin, "/api/v1/agencies", &json!({"code": "SKHCN", "name_vi": "Khác", "kind": "other"}));
    let p = r.assert_problem(409, "duplicate_key");
    assert_eq!(p["errors"][0]["pointer"], "/code");
    let page = hub.get(&admin, "/api/v1/agencies?code=SKHCN").json();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["name_vi"], "Sở Khoa học và Công nghệ Hải Phòng");
}

#[test]
fn agencies_page_with_cursor_and_link_header() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    for code in ["A1", "A2", "A3", "A4"] {
        let r = hub.post(&admin, "/api/v1/agencies", &json!({"code": code, "name_vi": code, "kind": "commune"}));
        assert_eq!(r.status, 201);
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/agencies?kind=commune&limit=3".to_owned();
    loop {
        let r = hub.get(&admin, &path);
        assert_eq!(r.status, 200);
        let page = r.json();
        seen.extend(page["items"].as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap().to_owned()));
        match page["next_cursor"].as_str() {
            Some(_) => {
                let link = r.header("link").expect("Link header on a page with a next page");
                let url = link.trim_start_matches('<').split('>').next().unwrap().to_owned();
                assert!(url.contains("kind=commune") && url.contains("limit=3"), "{url}");
                path = url;
            }
            None => {
                assert!(r.header("link").is_none());
                break;
            }
        }
    }
    assert_eq!(seen, vec!["A1", "A2", "A3", "A4"]);
}

#[test]
fn unknown_or_malformed_agency_ids_are_404() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    hub.get(&admin, "/api/v1/agencies/not-a-uuid").assert_problem(404, "not_found");
    hub.get(&admin, "/api/v1/agencies/01a2080e-a99a-74fb-9475-d86a87dcb050").assert_problem(404, "not_found");
}
