//! What text the hub accepts (`tdc_kernel::text`): control characters are refused wherever they
//! come — path, query, body, a batch's item — with a problem and nothing written; long query
//! values are refused; natural keys compare in their compatibility-normalized form.

use serde_json::json;

use crate::support::Hub;

fn business_count(hub: &Hub, admin: &str) -> usize {
    hub.get(admin, "/api/v1/businesses?limit=1000").json()["items"].as_array().unwrap().len()
}

#[test]
fn a_nul_or_control_character_in_a_path_or_query_is_400() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let p = hub.get(&admin, "/api/v1/businesses/by-tax-code/0100%00233488").assert_problem(400, "malformed_request");
    assert_eq!(p["errors"][0]["code"], "control_character");
    let p = hub.get(&admin, "/api/v1/businesses?q=h%00i").assert_problem(400, "malformed_request");
    assert_eq!(p["errors"][0]["pointer"], "/query/q");
    assert_eq!(p["errors"][0]["code"], "control_character");
    let unit = json!({"name": "Xã Thử", "kind": "commune"});
    let p = hub.put(&admin, "/api/v1/administrative-units/by-code/111%0B22", None, &unit);
    assert_eq!(p.assert_problem(400, "malformed_request")["errors"][0]["code"], "control_character");
    assert_eq!(hub.get(&admin, "/api/v1/administrative-units/by-code/111%0B22").status, 400);
}

#[test]
fn a_control_character_in_a_body_is_422_pointing_at_it_and_nothing_is_written() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let before = business_count(&hub, &admin);
    let body = json!({"tax_code": "0100233488", "name": "Công ty\u{0}A"});
    let p = hub.post(&admin, "/api/v1/businesses", &body).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/name");
    assert_eq!(p["errors"][0]["code"], "control_character");
    let body = json!({"tax_code": "0100233488", "name": "Công ty A", "sectors": ["thực\u{b}phẩm"]});
    let p = hub.post(&admin, "/api/v1/businesses", &body).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/sectors/0");
    assert_eq!(business_count(&hub, &admin), before, "nothing was stored");
    let fine = json!({"tax_code": "0100233488", "name": "Công ty A", "address": "Số 1\r\nLê Lợi\tHải Phòng"});
    assert_eq!(hub.post(&admin, "/api/v1/businesses", &fine).status, 201, "tab and line breaks are text");
}

#[test]
fn a_batch_refuses_only_the_item_with_a_control_character() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let items = json!([
        {"code": "11311", "name": "Phường Một", "kind": "commune"},
        {"code": "113\u{b}12", "name": "Phường Hai", "kind": "commune"},
        {"code": "11313", "name": "Phường\u{0} Ba", "kind": "commune"},
    ]);
    let auth = format!("Bearer {admin}");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    let r = hub.send("POST", "/api/v1/administrative-units/batch", &headers, Some(&items.to_string()));
    assert_eq!(r.status, 200, "{}", r.body);
    let results = r.json()["results"].clone();
    assert_eq!(results[0]["status"], 201);
    assert_eq!(results[1]["problem"]["errors"][0]["pointer"], "/1/code");
    assert_eq!(results[1]["problem"]["errors"][0]["code"], "control_character");
    assert_eq!(results[2]["problem"]["errors"][0]["pointer"], "/2/name");
    assert_eq!(hub.get(&admin, "/api/v1/administrative-units/by-code/11311").status, 200);
}

#[test]
fn a_very_long_query_value_is_refused() {
    let hub = Hub::start();
    let long = "a".repeat(tdc_kernel::text::MAX_PARAMETER_CHARS + 1);
    let p =
        hub.send("GET", &format!("/api/v1/businesses?q={long}"), &[], None).assert_problem(400, "malformed_request");
    assert_eq!(p["errors"][0]["code"], "parameter_too_long");
    let fits = "a".repeat(tdc_kernel::text::MAX_PARAMETER_CHARS);
    assert_eq!(hub.send("GET", &format!("/api/v1/businesses?q={fits}"), &[], None).status, 200);
}

#[test]
fn a_designation_typed_in_full_width_forms_finds_the_standard() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let standard = json!({"designation": "TCVN 6260:2020", "title_vi": "Xi măng poóc lăng hỗn hợp"});
    assert_eq!(hub.post(&admin, "/api/v1/standards", &standard).status, 201);
    let wide = "/api/v1/standards/by-designation/%EF%BC%B4%EF%BC%A3%EF%BC%B6%EF%BC%AE%206260%EF%BC%9A2020";
    let found = hub.send("GET", wide, &[], None);
    assert_eq!(found.status, 200, "{}", found.body);
    assert_eq!(found.json()["designation"], "TCVN 6260:2020");
    let again = json!({"designation": "ＴＣＶＮ 6260：2020", "title_vi": "Xi măng"});
    hub.post(&admin, "/api/v1/standards", &again).assert_problem(409, "duplicate_key");
    let search = hub.send("GET", "/api/v1/standards?q=%EF%BC%B4%EF%BC%A3%EF%BC%B6%EF%BC%AE", &[], None).json();
    assert_eq!(search["items"].as_array().unwrap().len(), 1);
}
