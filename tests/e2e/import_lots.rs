//! Imported lots checked with customs: registered, tested, passed or failed, and the violation
//! found in a failed lot.

use serde_json::{Value, json};

use crate::inspection_plans::desk;
use crate::support::{Hub, Resp};

fn lot(importer: &str, customs: &str, regime: &str) -> Value {
    json!({"declaration_number": "105123456789", "declared_on": "2026-03-02", "customs_agency": customs,
           "importer_tax_code": importer, "origin_country": "cn", "regime": regime,
           "goods": [{"name": "Mũ bảo hiểm cho người đi xe máy", "hs_code": "650610", "quantity": 2000.0, "unit": "chiếc"}]})
}

fn act(hub: &Hub, token: &str, lot: &Value, body: Value) -> Resp {
    hub.post(token, &format!("/api/v1/import-lots/{}/transitions", lot["id"].as_str().unwrap()), &body)
}

fn sample(result: &str) -> Value {
    json!({"code": "NK-1", "product": "Mũ bảo hiểm", "taken_on": "2026-03-03", "tested_against": "QCVN 2:2021/BKHCN", "result": result})
}

#[test]
fn a_lot_is_registered_with_customs_tested_and_failed_and_its_violation_names_it() {
    let hub = Hub::start();
    let d = desk(&hub);
    let customs = json!({"code": "HQ3", "name_vi": "Chi cục Hải quan khu vực III", "kind": "customs"});
    assert_eq!(hub.post(&d.admin, "/api/v1/agencies", &customs).status, 201);
    let importer = d.taxes[0].clone();
    let p = hub
        .post(&d.dost, "/api/v1/import-lots", &lot(&importer, "SCT", "normal"))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "not_customs");
    let p = hub
        .post(&d.dost, "/api/v1/import-lots", &lot(&d.taxes[3], "HQ3", "normal"))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "unknown_business");
    let r = hub.post(&d.dost, "/api/v1/import-lots", &lot(&importer, "HQ3", "normal"));
    assert_eq!(r.status, 201, "{}", r.body);
    let registered = r.json();
    assert_eq!(
        (registered["coordinating_agencies"].clone(), registered["origin_country"].as_str()),
        (json!(["HQ3"]), Some("CN"))
    );
    hub.post(&d.dost, "/api/v1/import-lots", &lot(&importer, "HQ3", "normal")).assert_problem(409, "duplicate_key");

    let notice = json!({"notice_number": "TB-15/2026", "notice_date": "2026-03-10"});
    act(&hub, &d.dost, &registered, json!({"action": "pass", "outcome": notice})).assert_problem(409, "not_tested");
    act(&hub, &d.sct, &registered, json!({"action": "record_results", "samples": [sample("non_conforming")]}))
        .assert_problem(403, "not_lead_agency");
    let r = act(&hub, &d.dost, &registered, json!({"action": "record_results", "samples": [sample("non_conforming")]}));
    assert_eq!(r.status, 200, "{}", r.body);
    let p = act(&hub, &d.dost, &registered, json!({"action": "pass", "outcome": notice}))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "contradicts_samples");
    act(&hub, &d.dost, &registered, json!({"action": "fail", "outcome": notice}))
        .assert_problem(422, "validation_failed");
    let mut failing = notice.clone();
    failing["reason"] = json!("Mẫu NK-1 không đạt QCVN 2:2021/BKHCN");
    let failed = act(&hub, &d.dost, &registered, json!({"action": "fail", "outcome": failing})).json();
    assert_eq!((failed["lot"]["state"].as_str(), failed["lot"]["next_actions"].clone()), (Some("failed"), json!([])));

    let provision = json!({"decree": "119/2017/NĐ-CP", "article": "Điều 14 khoản 2", "title": "Nhập khẩu hàng hóa không đạt",
                           "fine_min_vnd": 10_000_000, "fine_max_vnd": 20_000_000, "effective_from": "2017-12-15"});
    assert_eq!(hub.put(&d.dost, "/api/v1/legal-provisions/by-code/Đ.14.2", None, &provision).status, 201);
    let id = registered["id"].as_str().unwrap();
    let violation = json!({"tax_code": importer, "offender": "organisation", "committed_on": "2026-03-02", "import_lot_id": id,
                           "description": "Nhập khẩu mũ bảo hiểm không đạt", "provision_code": "Đ.14.2"});
    assert_eq!(hub.post(&d.dost, "/api/v1/violations", &violation).status, 201);
    let mut wrong = violation.clone();
    wrong["import_lot_id"] = json!("01a22e71-f581-72e4-a6c4-6a3f5a443226");
    hub.post(&d.dost, "/api/v1/violations", &wrong).assert_problem(422, "validation_failed");
    let found = hub.get(&d.sct, &format!("/api/v1/violations?import_lot_id={id}")).json();
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    let listed = hub.get(&d.syt, &format!("/api/v1/import-lots?importer_tax_code={importer}&state=failed")).json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
}
