//! Administrative units: loading the reorganised province, and old codes resolving to today's.

use serde_json::json;

use crate::support::{Hub, Resp};

fn batch(hub: &Hub, token: &str, items: &serde_json::Value) -> Resp {
    let auth = format!("Bearer {token}");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    hub.send("POST", "/api/v1/administrative-units/batch?atomic=true", &headers, Some(&items.to_string()))
}

/// Hải Phòng today, one of its new communes, and the Hải Dương units it replaced.
pub fn load(hub: &Hub, admin: &str) {
    let units = json!([
        {"code": "31", "name": "Thành phố Hải Phòng", "kind": "province", "valid_from": "2025-07-01"},
        {"code": "11800", "name": "Phường Hải Dương", "kind": "ward", "parent_code": "31", "valid_from": "2025-07-01",
         "former_province": "Hải Dương", "former_district": "Thành phố Hải Dương"},
        {"code": "10507", "name": "Phường Trần Hưng Đạo", "kind": "former_commune", "former_province": "Hải Dương",
         "former_district": "Thành phố Hải Dương", "valid_to": "2025-06-30", "successor_codes": ["11800"]},
        {"code": "288", "name": "Thành phố Hải Dương", "kind": "former_district", "former_province": "Hải Dương",
         "valid_to": "2025-06-30", "successor_codes": ["10507"]},
    ]);
    let r = batch(hub, admin, &units);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["succeeded"], 4);
}

#[test]
fn an_old_hai_duong_code_resolves_to_todays_hai_phong_unit() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    load(&hub, &admin);
    let old = hub.send("GET", "/api/v1/administrative-units/by-code/10507", &[], None).json();
    assert_eq!(old["current"], false);
    assert_eq!(old["current_codes"], json!(["11800"]));
    let district = hub.send("GET", "/api/v1/administrative-units/by-code/288", &[], None).json();
    assert_eq!(district["current_codes"], json!(["11800"]), "followed through two reorganisations");
    let today = hub.send("GET", "/api/v1/administrative-units/by-code/11800", &[], None).json();
    assert_eq!((today["current"].as_bool(), today["current_codes"].clone()), (Some(true), json!(["11800"])));
    let from_hd =
        hub.send("GET", "/api/v1/administrative-units?former_province=hai%20duong&current=false", &[], None).json();
    let codes: Vec<&str> = from_hd["items"].as_array().unwrap().iter().map(|u| u["code"].as_str().unwrap()).collect();
    assert_eq!(codes, vec!["10507", "288"]);
    let found = hub.send("GET", "/api/v1/administrative-units?q=tran%20hung%20dao", &[], None).json();
    assert_eq!(found["items"][0]["code"], "10507");
}

#[test]
fn unit_refusals_name_the_field_and_only_administrators_write() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let r = batch(
        &hub,
        &admin,
        &json!([{"code": "99", "name": "X", "kind": "former_commune", "successor_codes": ["404"]}]),
    );
    let p = r.assert_problem(422, "validation_failed");
    let pointers: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap()).collect();
    assert_eq!(pointers, vec!["/0/valid_to", "/0/successor_codes/0"]);
    let (officer, _) = hub.client_with_role("SCT", "sct-officer", "agency_officer");
    batch(&hub, &officer, &json!([])).assert_problem(403, "insufficient_scope");
    hub.send("GET", "/api/v1/administrative-units/by-code/99", &[], None).assert_problem(404, "not_found");
}

#[test]
fn a_business_names_a_known_commune() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    load(&hub, &admin);
    let auth = format!("Bearer {admin}");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    let put = |code: &str| {
        let body = json!({"name": "Công ty Gốm Chu Đậu", "commune_code": code}).to_string();
        hub.send("PUT", "/api/v1/businesses/by-tax-code/0100233488", &headers, Some(&body))
    };
    let p = put("00000").assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/commune_code"), Some("unknown_unit"))
    );
    assert_eq!(put("10507").status, 201, "an old record's former commune is accepted");
    let listed = hub.get(&admin, "/api/v1/businesses?commune_code=10507").json();
    assert_eq!(listed["items"][0]["commune_code"], "10507");
}

#[test]
fn every_enumeration_has_vietnamese_and_english_labels() {
    let hub = Hub::start();
    let body = hub.send("GET", "/api/v1/reference/enumerations", &[], None).json();
    let risk = body["enumerations"].as_array().unwrap().iter().find(|e| e["name"] == "risk_class").unwrap();
    assert_eq!(risk["values"][2], json!({"value": "high", "label_vi": "Rủi ro cao", "label_en": "High risk"}));
    for e in body["enumerations"].as_array().unwrap() {
        for v in e["values"].as_array().unwrap() {
            assert!(!v["label_vi"].as_str().unwrap().is_empty() && !v["label_en"].as_str().unwrap().is_empty());
        }
    }
}

#[test]
fn legacy_codes_work_everywhere() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    load(&hub, &admin);
    let put = |tax: &str, body: serde_json::Value| {
        hub.put(&admin, &format!("/api/v1/businesses/by-tax-code/{tax}"), None, &body)
    };
    assert_eq!(put("0100233488", json!({"name": "Công ty Gốm Chu Đậu", "commune_code": "10507"})).status, 201);
    assert_eq!(put("0200123457", json!({"name": "Công ty Bánh đậu xanh", "commune_code": "11800"})).status, 201);
    let listed = hub.get(&admin, "/api/v1/businesses?commune_code=11800").json();
    let mut codes: Vec<&str> =
        listed["items"].as_array().unwrap().iter().map(|b| b["commune_code"].as_str().unwrap()).collect();
    codes.sort();
    assert_eq!(codes, ["10507", "11800"], "today's ward finds the records filed under the commune it succeeded");
    let by_district = hub.get(&admin, "/api/v1/businesses?commune_code=288").json();
    assert_eq!(
        by_district["items"].as_array().unwrap().len(),
        0,
        "a former unit does not find its successors' records"
    );

    let p = put("0200987658", json!({"name": "Xí nghiệp cũ", "commune_code": "288"}))
        .assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/commune_code"), Some("not_a_commune"))
    );
    let p = put("0200987658", json!({"name": "Xí nghiệp cũ", "commune_code": "31"}))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "not_a_commune");
    let r = put("0200987658", json!({"name": "Xí nghiệp cũ", "commune_code": "288", "historical": true}));
    assert_eq!((r.status, r.json()["historical"].as_bool()), (201, Some(true)), "{}", r.body);

    let under_old = json!([{"code": "11900", "name": "Phường Mới", "kind": "ward", "parent_code": "288"}]);
    let p = batch(&hub, &admin, &under_old).assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/0/parent_code"), Some("parent_abolished"))
    );
    let former = json!([{"code": "10508", "name": "Phường Cũ", "kind": "former_commune", "parent_code": "288", "valid_to": "2025-06-30", "successor_codes": ["11800"]}]);
    assert_eq!(batch(&hub, &admin, &former).status, 200, "a former unit keeps its former parent");
}

#[test]
fn the_official_units_load_and_a_rerun_changes_nothing() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let (officer, _) = hub.client_with_role("SCT", "sct-officer", "agency_officer");
    let path = "/api/v1/administrative-units/load-official";
    hub.post(&officer, path, &json!({})).assert_problem(403, "insufficient_scope");
    let first = hub.post(&admin, path, &json!({}));
    assert_eq!(first.status, 200, "{}", first.body);
    let report = first.json();
    assert!(report["created"].as_u64().unwrap() > 400, "{report}");
    assert_eq!(report["updated"], 1, "the province recorded at first start gets its official name: {report}");
    assert!(report["source"].as_str().unwrap().contains("vietnam-provinces 2026.9.0"));
    let again = hub.post(&admin, path, &json!({})).json();
    assert_eq!((again["created"].as_u64(), again["updated"].as_u64()), (Some(0), Some(0)), "{again}");
    assert_eq!(again["unchanged"], report["created"].as_u64().unwrap() + 1);

    // The seeds' own names: the former city of Thủy Nguyên and the Hải Dương units resolve to today's.
    let get = |code: &str| hub.send("GET", &format!("/api/v1/administrative-units/by-code/{code}"), &[], None).json();
    assert_eq!(
        (get("11560")["name"].as_str(), get("11560")["current"].as_bool()),
        (Some("Phường Thủy Nguyên"), Some(true))
    );
    assert!(get("311")["current_codes"].as_array().unwrap().contains(&json!("11560")), "{}", get("311"));
    assert_eq!(get("30")["current_codes"], json!(["31"]), "Tỉnh Hải Dương is today's Hải Phòng");
    assert!(
        get("288")["current_codes"].as_array().unwrap().contains(&json!("10525")),
        "TP Hải Dương → Phường Hải Dương"
    );
    let found = hub.send("GET", "/api/v1/administrative-units?q=thuy%20nguyen&current=false", &[], None).json();
    assert!(found["items"].as_array().unwrap().iter().any(|u| u["code"] == "311"), "{found}");
    let communes = hub.send("GET", "/api/v1/administrative-units?current=true&limit=1000", &[], None).json();
    let hai_phong = communes["items"].as_array().unwrap().iter().filter(|u| u["parent_code"] == "31").count();
    assert_eq!(hai_phong, 114, "Hải Phòng has 114 communes, wards and special zones since 2025-07-01");
}
