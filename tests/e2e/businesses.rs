//! Businesses: tax codes, upsert by tax code, lead agency and sharing, personal data, search.

use serde_json::json;

use crate::support::{Hub, Resp};

const TAX: &str = "0100233488";
const BRANCH: &str = "0312687878-001";

fn business(name: &str) -> serde_json::Value {
    json!({"name": name, "sectors": ["aquaculture"], "representative": "Nguyễn Văn A", "phone": "0912345678",
           "email": "lienhe@cathai.vn"})
}

fn put(hub: &Hub, token: &str, tax: &str, if_match: Option<&str>, body: &serde_json::Value) -> Resp {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    if let Some(tag) = if_match {
        headers.push(("If-Match", tag));
    }
    hub.send("PUT", &format!("/api/v1/businesses/by-tax-code/{tax}"), &headers, Some(&body.to_string()))
}

#[test]
fn a_business_is_created_by_an_agency_which_then_leads_it() {
    let hub = Hub::start();
    let (sct, _) = hub.client_with_role("SCT", "sct-officer", "agency_officer");
    let mut body = business("Công ty TNHH Thủy sản Cát Hải");
    body["tax_code"] = json!(TAX);
    let r = hub.post(&sct, "/api/v1/businesses", &body);
    assert_eq!(r.status, 201, "{}", r.body);
    let created = r.json();
    assert_eq!((created["lead_agency"].as_str(), created["sharing"].as_str()), (Some("SCT"), Some("shared")));
    assert_eq!(created["representative"], "Nguyễn Văn A", "the lead agency sees personal data");
    hub.post(&sct, "/api/v1/businesses", &body).assert_problem(409, "duplicate_key");
    let feed = hub.get(&hub.admin_token(), "/api/v1/changes?entity=business").json();
    let data = &feed["items"][0]["data"];
    assert_eq!(data["tax_code"], TAX);
    assert!(data.get("phone").is_none() && data.get("representative").is_none(), "no personal data in the feed");
}

#[test]
fn malformed_tax_codes_are_refused_naming_the_rule() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let mut body = business("X");
    body["tax_code"] = json!("0100233487");
    let p = hub.post(&admin, "/api/v1/businesses", &body).assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/tax_code"), Some("tax_code_checksum"))
    );
    body["tax_code"] = json!("12345");
    let p = hub.post(&admin, "/api/v1/businesses", &body).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "tax_code_format");
    let p = put(&hub, &admin, "0312687878-000", None, &business("X")).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/path/tax_code");
    let p = hub.post(&admin, "/api/v1/businesses", &business("no tax code")).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/tax_code");
    let count = hub.get(&admin, "/api/v1/businesses").json()["items"].as_array().unwrap().len();
    assert_eq!(count, 0, "nothing was stored");
}

#[test]
fn put_by_tax_code_creates_resends_safely_and_replaces_with_if_match() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let first = put(&hub, &admin, BRANCH, None, &business("Chi nhánh Đồ Sơn"));
    assert_eq!(first.status, 201, "{}", first.body);
    let again = put(&hub, &admin, BRANCH, None, &business("Chi nhánh Đồ Sơn"));
    assert_eq!((again.status, again.header("etag")), (200, Some("\"1\"")), "an identical resend changes nothing");
    put(&hub, &admin, BRANCH, None, &business("Chi nhánh mới")).assert_problem(428, "precondition_required");
    let replaced = put(&hub, &admin, BRANCH, Some("\"1\""), &business("Chi nhánh mới"));
    assert_eq!((replaced.status, replaced.header("etag")), (200, Some("\"2\"")), "{}", replaced.body);
    put(&hub, &admin, BRANCH, Some("\"1\""), &business("Lại")).assert_problem(412, "version_mismatch");
    let mut mismatch = business("x");
    mismatch["tax_code"] = json!(TAX);
    put(&hub, &admin, BRANCH, None, &mismatch).assert_problem(422, "validation_failed");
    let shown = hub.get(&admin, &format!("/api/v1/businesses/by-tax-code/{BRANCH}")).json();
    assert_eq!(shown["name"], "Chi nhánh mới");
    let history = hub.get(&admin, &format!("/api/v1/businesses/{}/history", shown["id"].as_str().unwrap())).json();
    assert_eq!(history["items"].as_array().unwrap().len(), 2, "created, then replaced once");
    assert_eq!(history["items"][1]["changed_fields"], json!(["name"]));
}

#[test]
fn only_the_lead_agency_changes_a_business_and_others_see_no_personal_data() {
    let hub = Hub::start();
    let (sct, _) = hub.client_with_role("SCT", "sct-officer", "agency_officer");
    let (syt, _) = hub.client_with_role("SYT", "syt-officer", "agency_officer");
    assert_eq!(put(&hub, &sct, TAX, None, &business("Cát Hải")).status, 201);
    let seen = hub.get(&syt, &format!("/api/v1/businesses/by-tax-code/{TAX}")).json();
    assert!(seen.get("phone").is_none() && seen.get("representative").is_none());
    assert_eq!(seen["email"], "lienhe@cathai.vn");
    put(&hub, &syt, TAX, Some("\"1\""), &business("Đổi tên")).assert_problem(403, "not_lead_agency");
    let mut other_lead = business("Cát Hải");
    other_lead["lead_agency"] = json!("SYT");
    let mut with_tax = other_lead.clone();
    with_tax["tax_code"] = json!(BRANCH);
    hub.post(&sct, "/api/v1/businesses", &with_tax).assert_problem(403, "not_lead_agency");
    assert_eq!(hub.get(&sct, &format!("/api/v1/businesses/by-tax-code/{TAX}")).json()["version"], 1);
}

#[test]
fn sharing_levels_are_enforced_in_lists_and_reads() {
    let hub = Hub::start();
    let (sct, _) = hub.client_with_role("SCT", "sct-officer", "agency_officer");
    let (syt, _) = hub.client_with_role("SYT", "syt-officer", "agency_officer");
    let (sxd, _) = hub.client_with_role("SXD", "sxd-officer", "agency_officer");
    let mut restricted = business("Bí mật");
    restricted["sharing"] = json!("restricted");
    restricted["coordinating_agencies"] = json!(["SYT"]);
    let id = put(&hub, &sct, TAX, None, &restricted).json()["id"].as_str().unwrap().to_owned();
    let mut public = business("Công khai");
    public["sharing"] = json!("public");
    put(&hub, &sct, BRANCH, None, &public);
    let names = |r: Resp| -> Vec<String> {
        r.json()["items"].as_array().unwrap().iter().map(|b| b["name"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(
        names(hub.get(&syt, "/api/v1/businesses")),
        vec!["Bí mật", "Công khai"],
        "a coordinating agency sees it"
    );
    assert_eq!(names(hub.get(&sxd, "/api/v1/businesses")), vec!["Công khai"]);
    hub.get(&sxd, &format!("/api/v1/businesses/{id}")).assert_problem(404, "not_found");
    assert_eq!(
        names(hub.send("GET", "/api/v1/businesses", &[], None)),
        vec!["Công khai"],
        "the public reads public ones"
    );
    let anonymous = hub.send("GET", &format!("/api/v1/businesses/by-tax-code/{BRANCH}"), &[], None).json();
    assert!(anonymous.get("phone").is_none());
    hub.send("GET", &format!("/api/v1/businesses/{id}"), &[], None).assert_problem(404, "not_found");
    let feed_for_sxd = hub.get(&sxd, "/api/v1/changes?entity=business").json();
    assert_eq!(
        feed_for_sxd["items"].as_array().unwrap().len(),
        1,
        "the restricted change is not in another agency's feed"
    );
    let mut unknown = business("x");
    unknown["coordinating_agencies"] = json!(["NOPE"]);
    let p = put(&hub, &sct, "0100233488-002", None, &unknown).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/coordinating_agencies/0");
}

#[test]
fn search_ignores_case_and_vietnamese_diacritics() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    put(&hub, &admin, TAX, None, &business("Công ty Cổ phần Đồ Sơn Hải Phòng"));
    put(&hub, &admin, BRANCH, None, &business("Hợp tác xã Cát Bà"));
    for q in ["hai phong", "HẢI PHÒNG", "Hải Phòng", "do son", "0100233"] {
        let page = hub.get(&admin, &format!("/api/v1/businesses?q={}", q.replace(' ', "%20"))).json();
        let items = page["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "q={q}");
        assert_eq!(items[0]["tax_code"], TAX);
    }
    let none = hub.get(&admin, "/api/v1/businesses?q=100%25").json();
    assert!(none["items"].as_array().unwrap().is_empty(), "% is taken literally");
}

#[test]
fn paging_stays_correct_while_rows_are_inserted() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let codes = ["0100233488-001", "0100233488-002", "0100233488-003", "0100233488-004", "0100233488-005"];
    for code in &codes[..3] {
        assert_eq!(put(&hub, &admin, code, None, &business(code)).status, 201);
    }
    let first = hub.get(&admin, "/api/v1/businesses?limit=2").json();
    for code in &codes[3..] {
        put(&hub, &admin, code, None, &business(code));
    }
    let mut seen: Vec<String> =
        first["items"].as_array().unwrap().iter().map(|b| b["tax_code"].as_str().unwrap().to_owned()).collect();
    let mut cursor = first["next_cursor"].as_str().map(str::to_owned);
    while let Some(c) = cursor {
        let page = hub.get(&admin, &format!("/api/v1/businesses?limit=2&cursor={c}")).json();
        seen.extend(page["items"].as_array().unwrap().iter().map(|b| b["tax_code"].as_str().unwrap().to_owned()));
        cursor = page["next_cursor"].as_str().map(str::to_owned);
    }
    assert_eq!(seen, codes, "every row once, in order, including those inserted meanwhile");
}

fn batch(hub: &Hub, token: &str, query: &str, items: &serde_json::Value) -> Resp {
    let auth = format!("Bearer {token}");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    hub.send("POST", &format!("/api/v1/businesses/batch{query}"), &headers, Some(&items.to_string()))
}

fn with_tax(tax: &str, name: &str) -> serde_json::Value {
    let mut b = business(name);
    b["tax_code"] = json!(tax);
    b
}

#[test]
fn a_batch_reports_each_item_and_resending_it_creates_nothing_new() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let items = json!([with_tax(TAX, "Một"), with_tax("0100233487", "Sai mã"), with_tax(BRANCH, "Hai")]);
    let r = batch(&hub, &admin, "", &items);
    assert_eq!(r.status, 200, "{}", r.body);
    let body = r.json();
    assert_eq!((body["succeeded"].as_i64(), body["failed"].as_i64()), (Some(2), Some(1)));
    let statuses: Vec<i64> =
        body["results"].as_array().unwrap().iter().map(|x| x["status"].as_i64().unwrap()).collect();
    assert_eq!(statuses, vec![201, 422, 201]);
    assert_eq!(body["results"][1]["problem"]["errors"][0]["pointer"], "/1/tax_code");
    assert!(body["results"][0]["id"].is_string());
    let again = batch(&hub, &admin, "", &json!([with_tax(TAX, "Một"), with_tax(BRANCH, "Hai")])).json();
    let statuses: Vec<i64> =
        again["results"].as_array().unwrap().iter().map(|x| x["status"].as_i64().unwrap()).collect();
    assert_eq!(statuses, vec![200, 200]);
    let stored = hub.get(&admin, "/api/v1/businesses").json();
    assert_eq!(stored["items"].as_array().unwrap().len(), 2);
    assert!(
        stored["items"].as_array().unwrap().iter().all(|b| b["version"] == 1),
        "identical resends made no new version"
    );
}

fn statuses(body: &serde_json::Value) -> Vec<i64> {
    body["results"].as_array().unwrap().iter().map(|x| x["status"].as_i64().unwrap()).collect()
}

#[test]
fn a_mixed_batch_is_stored_set_wise_with_its_history_in_item_order() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    batch(&hub, &admin, "", &json!([with_tax(TAX, "Một"), with_tax(BRANCH, "Hai")]));
    let start = hub.get(&admin, "/api/v1/changes").json()["next_after"].as_i64().unwrap();
    let codes = crate::support::valid_tax_codes(2);
    let items = json!([with_tax(&codes[0], "Ba"), with_tax(TAX, "Một đổi tên"), with_tax(BRANCH, "Hai"),
                       {"tax_code": &codes[1], "name": "Bốn", "commune_code": "99999"}, with_tax(&codes[1], "Năm")]);
    let body = batch(&hub, &admin, "", &items).json();
    assert_eq!(statuses(&body), vec![201, 200, 200, 422, 201], "{body}");
    assert_eq!(body["results"][3]["problem"]["errors"][0]["code"], "unknown_unit");
    let feed = hub.get(&admin, &format!("/api/v1/changes?after={start}")).json();
    let events: Vec<(i64, String, String)> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["seq"].as_i64().unwrap(),
                e["action"].as_str().unwrap().into(),
                e["data"]["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected = [(start + 1, "created", "Ba"), (start + 2, "updated", "Một đổi tên"), (start + 3, "created", "Năm")];
    let expected: Vec<(i64, String, String)> =
        expected.iter().map(|(s, a, n)| (*s, (*a).into(), (*n).into())).collect();
    assert_eq!(events, expected, "one event per stored change, gapless, in item order; the identical item wrote none");
    let renamed = hub.get(&admin, &format!("/api/v1/businesses/by-tax-code/{TAX}")).json();
    assert_eq!((renamed["name"].as_str(), renamed["version"].as_i64()), (Some("Một đổi tên"), Some(2)));
    let audit = hub.get(&admin, "/api/v1/audit/verify").json();
    assert_eq!(audit["intact"], true, "the set-wise feed insert keeps the hash chains: {audit}");
}

#[test]
fn a_batch_naming_a_tax_code_twice_is_applied_item_by_item() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let body = batch(&hub, &admin, "", &json!([with_tax(TAX, "Một"), with_tax(TAX, "Một bis")])).json();
    assert_eq!(statuses(&body), vec![201, 200], "the second item replaces what the first created: {body}");
    assert_eq!(body["results"][0]["id"], body["results"][1]["id"]);
    let stored = hub.get(&admin, &format!("/api/v1/businesses/by-tax-code/{TAX}")).json();
    assert_eq!((stored["name"].as_str(), stored["version"].as_i64()), (Some("Một bis"), Some(2)));
}

#[test]
fn an_atomic_batch_stores_all_or_nothing() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let first_start = hub.get(&admin, "/api/v1/changes").json()["next_after"].as_i64().unwrap();
    let items = json!([with_tax(TAX, "Một"), {"tax_code": BRANCH, "name": ""}]);
    let p = batch(&hub, &admin, "?atomic=true", &items).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/1/name");
    assert!(hub.get(&admin, "/api/v1/businesses").json()["items"].as_array().unwrap().is_empty(), "nothing stored");
    let feed = hub.get(&admin, "/api/v1/changes?entity=business").json();
    assert!(feed["items"].as_array().unwrap().is_empty(), "nothing in the feed either");
    let ok = batch(&hub, &admin, "?atomic=true", &json!([with_tax(TAX, "Một"), with_tax(BRANCH, "Hai")]));
    assert_eq!(ok.json()["succeeded"], 2);
    let seqs: Vec<i64> = hub.get(&admin, "/api/v1/changes").json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, (1..=first_start + 2).collect::<Vec<i64>>(), "the rolled-back batch left no gap");
}

#[test]
fn oversized_or_malformed_batches_are_refused() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let many: Vec<serde_json::Value> = (0..1001).map(|_| json!({})).collect();
    batch(&hub, &admin, "", &json!(many)).assert_problem(413, "payload_too_large");
    batch(&hub, &admin, "", &json!({"items": []})).assert_problem(400, "malformed_request");
    let (sct, _) = hub.client_with_role("SCT", "sct-officer", "agency_officer");
    batch(&hub, &admin, "", &json!([with_tax(TAX, "Của admin")]));
    let r = batch(&hub, &sct, "", &json!([with_tax(TAX, "Đổi của người khác")])).json();
    assert_eq!(r["results"][0]["status"], 403, "another agency's business is refused item by item");
    assert_eq!(r["results"][0]["problem"]["code"], "not_lead_agency");
}

#[test]
fn a_household_business_is_identified_by_its_owners_personal_number_and_never_public() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    const PERSONAL: &str = "031095001234";
    let path = format!("/api/v1/businesses/by-tax-code/{PERSONAL}");
    let body = json!({"name": "Hộ kinh doanh Nguyễn Thị Hoa", "representative": "Nguyễn Thị Hoa", "sharing": "public"});
    let p = hub.put(&admin, &path, None, &body).assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/sharing"), Some("personal_identifier_public"))
    );
    let p = hub.put(&admin, "/api/v1/businesses/by-tax-code/099095001234", None, &json!({"name": "X"}));
    assert_eq!(p.assert_problem(422, "validation_failed")["errors"][0]["code"], "personal_id_format");
    let r = hub.put(&admin, &path, None, &json!({"name": "Hộ kinh doanh Nguyễn Thị Hoa"}));
    assert_eq!(
        (r.status, r.json()["household"].as_bool(), r.json()["sharing"].as_str()),
        (201, Some(true), Some("shared")),
        "{}",
        r.body
    );
    let batch = json!([{"tax_code": PERSONAL, "name": "Hộ kinh doanh Nguyễn Thị Hoa", "sharing": "public"}]);
    let b = hub.post(&admin, "/api/v1/businesses/batch", &batch).json();
    assert_eq!(b["results"][0]["status"], 422, "{b}");
    assert_eq!(hub.send("GET", &path, &[], None).status, 404);
    let feed = hub.send("GET", "/api/v1/changes?entity=business", &[], None);
    assert!(!feed.body.contains(PERSONAL), "{}", feed.body);
}

#[test]
fn search_follows_every_rename_and_takes_wildcards_literally() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let path = "/api/v1/businesses/by-tax-code/0100233488";
    let created = hub.put(&admin, path, None, &json!({"name": "Công ty Thủy sản Cát Hải 50%"})).json();
    let found = |q: &str| -> usize {
        let page = hub.get(&admin, &format!("/api/v1/businesses?q={q}")).json();
        page["items"].as_array().map_or(0, Vec::len)
    };
    assert_eq!(found("C%C3%81T%20H%E1%BA%A2I"), 1, "folded: case and diacritics aside");
    assert_eq!(found("50%25"), 1, "a percent sign is a percent sign");
    assert_eq!(found("5%25"), 0, "…not a wildcard");
    assert_eq!(found("ca"), 1, "two characters still search");
    let tag = format!("\"{}\"", created["version"]);
    assert_eq!(hub.put(&admin, path, Some(&tag), &json!({"name": "Công ty Cơ khí Hồng Bàng"})).status, 200);
    assert_eq!((found("cat hai"), found("hong bang")), (0, 1), "the index follows the rename");
}
