//! The catalogue of sanctioning provisions, violations under both decrees with their sanctions,
//! a transfer to the competent agency, and a sanction suspending a body's registration.

use serde_json::{Value, json};

use crate::conformity::{LAB_TAX, cement_scope, create_body, issue, laboratory, registry};
use crate::inspection_plans::desk;
use crate::support::{Hub, Resp};

/// Test data shaped like the catalogue: an article of the old decree (as amended) and its
/// successor from 1 July 2026.
fn catalogue() -> Value {
    json!([
        {"code": "119/2017/NĐ-CP Đ.17.1", "decree": "119/2017/NĐ-CP", "amended_by": ["126/2021/NĐ-CP"],
         "article": "Điều 17 khoản 1", "title": "Vi phạm về chất lượng hàng hóa lưu thông trên thị trường",
         "fine_min_vnd": 1_000_000, "fine_max_vnd": 3_000_000, "effective_from": "2017-12-15", "effective_to": "2026-06-30"},
        {"code": "NĐ-2026 Đ.17.1", "decree": "NĐ-2026", "article": "Điều 17 khoản 1",
         "title": "Vi phạm về chất lượng hàng hóa lưu thông trên thị trường",
         "fine_min_vnd": 2_000_000, "fine_max_vnd": 5_000_000, "effective_from": "2026-07-01"},
    ])
}

fn load_catalogue(hub: &Hub, dost: &str) {
    let r = hub.post(dost, "/api/v1/legal-provisions/batch", &catalogue());
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["succeeded"], 2, "{}", r.body);
}

fn record(hub: &Hub, token: &str, tax: &str, code: &str, on: &str) -> Resp {
    let body = json!({"tax_code": tax, "offender": "organisation", "product_name": "Mũ bảo hiểm nửa đầu",
                      "gtin": "8934563138165", "committed_on": on, "provision_code": code,
                      "description": "Kinh doanh mũ bảo hiểm không đạt QCVN 2:2021/BKHCN"});
    hub.post(token, "/api/v1/violations", &body)
}

fn act(hub: &Hub, token: &str, violation: &Value, body: Value) -> Resp {
    hub.post(token, &format!("/api/v1/violations/{}/transitions", violation["id"].as_str().unwrap()), &body)
}

fn acted(hub: &Hub, token: &str, violation: &Value, body: Value) -> Value {
    let r = act(hub, token, violation, body);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["violation"].clone()
}

fn sanction(fine: i64) -> Value {
    json!({"decision": {"number": "12/QĐ-XPHC", "date": "2026-04-01"}, "authority": "Chánh Thanh tra Sở Công Thương",
           "fine_vnd": fine, "additional_penalties": ["Tịch thu tang vật"],
           "remedial_measures": [{"measure": "Buộc thu hồi sản phẩm không đạt", "deadline": "2026-05-01"}]})
}

#[test]
fn the_catalogue_is_dosts_public_and_dated() {
    let hub = Hub::start();
    let d = desk(&hub);
    let entry = catalogue()[0].clone();
    let path = "/api/v1/legal-provisions/by-code/119/2017/NĐ-CP Đ.17.1";
    hub.put(&d.sct, path, None, &entry).assert_problem(403, "dost_only");
    let mut reversed = entry.clone();
    reversed["fine_max_vnd"] = json!(500_000);
    hub.put(&d.dost, path, None, &reversed).assert_problem(422, "validation_failed");
    assert_eq!(hub.put(&d.dost, path, None, &entry).status, 201);
    assert_eq!(hub.put(&d.dost, path, None, &entry).json()["version"], 1, "an identical resend writes nothing");
    load_catalogue(&hub, &d.dost);
    let listed = hub.send("GET", "/api/v1/legal-provisions?in_force_on=2026-03-01", &[], None);
    assert_eq!(listed.status, 200, "public: {}", listed.body);
    let listed = listed.json();
    let codes: Vec<&str> = listed["items"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["119/2017/NĐ-CP Đ.17.1"]);
    let new = hub.send("GET", "/api/v1/legal-provisions/by-code/NĐ-2026 Đ.17.1", &[], None).json();
    assert_eq!((new["fine_min_vnd"].as_i64(), new.get("effective_to")), (Some(2_000_000), None));
}

#[test]
fn violations_under_both_decrees_are_sanctioned_paid_remedied_and_closed() {
    let hub = Hub::start();
    let d = desk(&hub);
    load_catalogue(&hub, &d.dost);
    let a = d.taxes[0].clone();
    let p = record(&hub, &d.sct, &a, "NĐ-2026 Đ.17.1", "2026-03-05").assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "provision_not_in_force");
    let r = record(&hub, &d.sct, &a, "119/2017/NĐ-CP Đ.17.1", "2026-03-05");
    assert_eq!(r.status, 201, "{}", r.body);
    let v = r.json();
    assert_eq!((v["state"].as_str(), v["sharing"].as_str()), (Some("recorded"), Some("shared")));
    let p = act(&hub, &d.sct, &v, json!({"action": "sanction", "sanction": sanction(1_500_000)}))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "fine_out_of_range", "an organisation's fines are twice an individual's");
    act(&hub, &d.syt, &v, json!({"action": "sanction", "sanction": sanction(4_000_000)}))
        .assert_problem(403, "not_lead_agency");
    let v = acted(&hub, &d.sct, &v, json!({"action": "sanction", "sanction": sanction(4_000_000)}));
    act(&hub, &d.sct, &v, json!({"action": "close"})).assert_problem(409, "illegal_transition");
    let p = act(&hub, &d.sct, &v, json!({"action": "become_final", "final_on": "2026-03-01"}))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "before_decision");
    let v = acted(&hub, &d.sct, &v, json!({"action": "become_final", "final_on": "2026-04-12"}));
    act(&hub, &d.sct, &v, json!({"action": "close"})).assert_problem(409, "not_settled");
    let v =
        acted(&hub, &d.sct, &v, json!({"action": "record_payment", "paid_on": "2026-04-20", "paid_vnd": 4_000_000}));
    let p = act(&hub, &d.sct, &v, json!({"action": "complete_measure", "measure": 5, "completed_on": "2026-04-25"}))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "unknown_measure");
    let v = acted(&hub, &d.sct, &v, json!({"action": "complete_measure", "measure": 0, "completed_on": "2026-04-25"}));
    let closed = acted(&hub, &d.sct, &v, json!({"action": "close"}));
    assert_eq!((closed["state"].as_str(), closed["next_actions"].clone()), (Some("closed"), json!([])));

    let later = record(&hub, &d.syt, &a, "NĐ-2026 Đ.17.1", "2026-08-10");
    assert_eq!(later.status, 201, "the new decree applies from July: {}", later.body);
    let history = hub.get(&d.dost, &format!("/api/v1/violations?tax_code={a}")).json();
    assert_eq!(history["items"].as_array().unwrap().len(), 2, "a business's violation history is one call");
    let later = hub.get(&d.dost, &format!("/api/v1/violations?tax_code={a}&from=2026-07-01")).json();
    assert_eq!(later["items"].as_array().unwrap().len(), 1);
    let csv = hub.get(&d.dost, &format!("/api/v1/violations/export?tax_code={a}"));
    assert_eq!((csv.status, csv.header("Content-Type")), (200, Some("text/csv; charset=utf-8")));
    assert_eq!(csv.body.lines().count(), 3, "a header and two rows: {}", csv.body);
    assert!(csv.body.starts_with("id,lead_agency,tax_code") && csv.body.contains("4000000"));
    let ndjson = hub.get(&d.dost, "/api/v1/violations/export?format=ndjson&state=closed");
    assert_eq!(ndjson.body.lines().count(), 1, "{}", ndjson.body);
    let by_decree = hub.get(&d.dost, "/api/v1/violations?decree=119/2017/NĐ-CP&gtin=8934563138165").json();
    assert_eq!(by_decree["items"].as_array().unwrap().len(), 1);
    let moves = hub.get(&d.syt, &format!("/api/v1/violations/{}/transitions", v["id"].as_str().unwrap())).json();
    assert_eq!(moves["items"].as_array().unwrap().len(), 5);
}

#[test]
fn a_case_outside_the_agencys_competence_is_transferred_and_both_follow_it() {
    let hub = Hub::start();
    let d = desk(&hub);
    load_catalogue(&hub, &d.dost);
    let v = record(&hub, &d.sct, &d.taxes[0], "119/2017/NĐ-CP Đ.17.1", "2026-03-05").json();
    let p = act(&hub, &d.sct, &v, json!({"action": "transfer", "to_agency": "NOPE", "reason": "x"}))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "unknown_agency");
    act(&hub, &d.sct, &v, json!({"action": "transfer", "to_agency": "SYT"})).assert_problem(422, "validation_failed");
    let moved = acted(
        &hub,
        &d.sct,
        &v,
        json!({"action": "transfer", "to_agency": "SYT", "reason": "Thuộc thẩm quyền ngành y tế"}),
    );
    assert_eq!((moved["lead_agency"].as_str(), moved["coordinating_agencies"].clone()), (Some("SYT"), json!(["SCT"])));
    assert_eq!(moved["transfers"][0]["from_agency"], "SCT");
    act(&hub, &d.sct, &moved, json!({"action": "sanction", "sanction": sanction(4_000_000)}))
        .assert_problem(403, "not_lead_agency");
    let sanctioned = acted(&hub, &d.syt, &moved, json!({"action": "sanction", "sanction": sanction(4_000_000)}));
    let seen = hub.get(&d.sct, &format!("/api/v1/violations/{}", v["id"].as_str().unwrap())).json();
    assert_eq!((seen["state"].as_str(), sanctioned["state"].as_str()), (Some("sanctioned"), Some("sanctioned")));
}

#[test]
fn a_sanction_against_a_body_suspends_its_registration_in_the_registry() {
    let hub = Hub::start();
    let a = registry(&hub);
    load_catalogue(&hub, &a.dost);
    let body = create_body(&hub, &a.dost, &laboratory());
    let r = issue(&hub, &a.dost, body["id"].as_str().unwrap(), "15/2024/GCN", "testing", cement_scope());
    assert_eq!(r.status, 201, "{}", r.body);
    let certificate = r.json()["id"].as_str().unwrap().to_owned();
    let v = record(&hub, &a.dost, LAB_TAX, "119/2017/NĐ-CP Đ.17.1", "2026-03-05").json();
    let on_certificate = json!({"certificate_id": certificate, "measure": "suspend"});
    let refused = act(
        &hub,
        &a.other,
        &v,
        json!({"action": "sanction", "sanction": sanction(4_000_000), "certificate": on_certificate}),
    );
    refused.assert_problem(403, "not_lead_agency");
    let v = acted(
        &hub,
        &a.dost,
        &v,
        json!({"action": "sanction", "sanction": sanction(4_000_000), "certificate": on_certificate}),
    );
    assert_eq!(v["certificate_id"].as_str(), Some(certificate.as_str()));
    let read = hub.send("GET", &format!("/api/v1/certificates/{certificate}"), &[], None).json();
    assert_eq!(read["status"], "suspended", "recorded in the registry too: {read}");
}

#[test]
fn a_final_violation_is_disclosed_without_personal_data_until_withdrawn() {
    let hub = Hub::start();
    let d = desk(&hub);
    load_catalogue(&hub, &d.dost);
    let household = "031200001234";
    let body = json!({"tax_code": household, "name": "Hộ kinh doanh Mũ bảo hiểm Lạch Tray"});
    assert_eq!(hub.post(&d.admin, "/api/v1/businesses", &body).status, 201);
    let v = record(&hub, &d.sct, household, "119/2017/NĐ-CP Đ.17.1", "2026-03-05").json();
    let disclose = |v: &Value, token: &str| {
        hub.post(token, &format!("/api/v1/violations/{}/disclosure", v["id"].as_str().unwrap()), &json!({}))
    };
    disclose(&v, &d.sct).assert_problem(409, "not_final");
    let mut individual = sanction(2_000_000);
    individual["fine_vnd"] = json!(2_000_000);
    let v = acted(&hub, &d.sct, &v, json!({"action": "sanction", "sanction": individual}));
    let v = acted(&hub, &d.sct, &v, json!({"action": "become_final", "final_on": "2026-04-12"}));
    disclose(&v, &d.syt).assert_problem(403, "not_lead_agency");
    let r = disclose(&v, &d.sct);
    assert_eq!(r.status, 201, "{}", r.body);
    let published = r.json();
    assert!(!r.body.contains(household), "a household business's personal ID never appears: {}", r.body);
    assert_eq!((published["fine_vnd"].as_i64(), published["sharing"].as_str()), (Some(2_000_000), Some("public")));
    disclose(&v, &d.sct).assert_problem(409, "duplicate_key");
    let public = hub.send("GET", "/api/v1/disclosures", &[], None).json();
    assert_eq!(public["items"].as_array().unwrap().len(), 1, "the public list needs no token");
    let feed = hub.send("GET", "/api/v1/changes?entity=disclosure", &[], None);
    assert!(feed.body.contains(published["id"].as_str().unwrap()), "the public feed shows it: {}", feed.body);

    let path = format!("/api/v1/disclosures/{}/withdrawal", published["id"].as_str().unwrap());
    let withdrawn = hub.post(&d.dost, &path, &json!({"reason": "Quyết định xử phạt bị hủy"}));
    assert_eq!((withdrawn.status, withdrawn.json()["sharing"].as_str()), (200, Some("shared")), "{}", withdrawn.body);
    hub.post(&d.sct, &path, &json!({"reason": "again"})).assert_problem(409, "already_withdrawn");
    assert_eq!(hub.send("GET", "/api/v1/disclosures", &[], None).json()["items"], json!([]));
    let feed = hub.send("GET", "/api/v1/changes?entity=disclosure", &[], None);
    assert!(
        !feed.body.contains(published["id"].as_str().unwrap()),
        "withdrawn: gone from the public feed: {}",
        feed.body
    );
    assert_eq!(hub.get(&d.syt, "/api/v1/disclosures").json()["items"].as_array().unwrap().len(), 1, "agencies keep it");
}

#[test]
fn a_restricted_business_stays_hidden_in_violations_plans_and_risk() {
    let hub = Hub::start();
    let d = desk(&hub);
    load_catalogue(&hub, &d.dost);
    let hidden = d.taxes[3].clone();
    let body = json!({"tax_code": hidden, "name": "Hộ kinh doanh Kín Đáo", "sharing": "restricted"});
    assert_eq!(hub.post(&d.sct, "/api/v1/businesses", &body).status, 201);
    let v = record(&hub, &d.sct, &hidden, "119/2017/NĐ-CP Đ.17.1", "2026-03-05").json();
    assert_eq!(v["sharing"], "restricted", "never more visible than the business");
    let plan = crate::inspection_plans::plan(
        &hub,
        &d.sct,
        "Kế hoạch 2026",
        vec![
            crate::inspection_plans::item(&hidden, "circulation", "2026-03-01", "2026-03-31"),
            crate::inspection_plans::item(&d.taxes[0], "circulation", "2026-04-01", "2026-04-30"),
        ],
    );
    let items = format!("/api/v1/inspection-plans/{}/items", plan["id"].as_str().unwrap());
    assert_eq!(
        hub.get(&d.sct, &items).json()["items"].as_array().unwrap().len(),
        2,
        "the planning agency sees its items"
    );
    for path in [
        "/api/v1/violations".to_owned(),
        format!("/api/v1/violations/{}", v["id"].as_str().unwrap()),
        "/api/v1/violations/export".to_owned(),
        items.clone(),
        "/api/v1/risk/businesses?on=2026-12-01".to_owned(),
    ] {
        let r = hub.get(&d.syt, &path);
        assert!(
            r.status < 500 && !r.body.contains(&hidden),
            "another agency finds the restricted business in {path}: {}",
            r.body
        );
    }
    hub.get(&d.syt, &format!("/api/v1/risk/businesses/{hidden}")).assert_problem(404, "not_found");
    assert!(hub.get(&d.sct, "/api/v1/risk/businesses?on=2026-12-01").body.contains(&hidden), "its readers rank it");
}
