//! Inspections from decision to conclusion: planned or not, joint, e-commerce; restricted while
//! open and shared once concluded; and a recent inspection that makes a planned one overlap.

use serde_json::{Value, json};

use crate::inspection_plans::{Desk, act, approve, desk, item, moved, plan, resolve};
use crate::support::{Hub, Resp};

fn decision() -> Value {
    json!({"number": "45/QĐ-KT", "date": "2026-03-01"})
}

fn decide(hub: &Hub, token: &str, body: Value) -> Resp {
    hub.post(token, "/api/v1/inspections", &body)
}

fn step(hub: &Hub, token: &str, inspection: &Value, body: Value) -> Resp {
    hub.post(token, &format!("/api/v1/inspections/{}/transitions", inspection["id"].as_str().unwrap()), &body)
}

fn stepped(hub: &Hub, token: &str, inspection: &Value, body: Value) -> Value {
    let r = step(hub, token, inspection, body);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["inspection"].clone()
}

fn sample(code: &str, result: &str) -> Value {
    json!({"code": code, "product": "Mũ bảo hiểm nửa đầu", "lot": "L2603", "taken_on": "2026-03-03",
           "tested_against": "QCVN 2:2021/BKHCN", "laboratory": "Trung tâm Kỹ thuật TĐC", "result": result})
}

/// An approved SCT plan listing business `a` in March; answers its item's id.
fn approved_item(hub: &Hub, d: &Desk) -> String {
    let p = plan(hub, &d.sct, "Kế hoạch 2026", vec![item(&d.taxes[0], "circulation", "2026-03-01", "2026-03-31")]);
    moved(hub, &d.sct, &p, json!({"action": "submit"}));
    moved(hub, &d.inspectorate, &p, json!({"action": "review"}));
    moved(hub, &d.sct, &p, approve());
    let items = hub.get(&d.sct, &format!("/api/v1/inspection-plans/{}/items", p["id"].as_str().unwrap())).json();
    items["items"][0]["id"].as_str().unwrap().to_owned()
}

#[test]
fn an_inspection_goes_from_its_decision_to_a_conclusion_every_agency_then_reads() {
    let hub = Hub::start();
    let d = desk(&hub);
    let a = d.taxes[0].clone();
    let item_id = approved_item(&hub, &d);
    let team = json!([{"name": "Trần Thị Kiểm", "role": "trưởng đoàn", "agency": "SCT"}]);
    let body = json!({"kind": "circulation", "origin": "planned", "plan_item_id": item_id, "tax_code": a,
                      "decision": decision(), "team": team, "period_from": "2026-03-02", "period_to": "2026-03-06",
                      "products": [{"name": "Mũ bảo hiểm nửa đầu", "gtin": "8934563138165", "lot": "L2603"}]});
    let mut unplanned = body.clone();
    unplanned["plan_item_id"] = Value::Null;
    let p = decide(&hub, &d.sct, unplanned).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "required");
    let p = decide(&hub, &d.syt, body.clone()).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "not_your_plan");
    let r = decide(&hub, &d.sct, body);
    assert_eq!(r.status, 201, "{}", r.body);
    assert!(r.header("Location").unwrap().ends_with(r.json()["id"].as_str().unwrap()));
    let inspection = r.json();
    assert_eq!((inspection["state"].as_str(), inspection["sharing"].as_str()), (Some("decided"), Some("restricted")));
    let path = format!("/api/v1/inspections/{}", inspection["id"].as_str().unwrap());
    hub.get(&d.syt, &path).assert_problem(404, "not_found");
    assert_eq!(
        hub.get(&d.syt, "/api/v1/inspections").json()["items"],
        json!([]),
        "an open inspection is its agencies' only"
    );
    step(&hub, &d.syt, &inspection, json!({"action": "start"})).assert_problem(404, "not_found");
    assert_eq!(
        hub.get(&d.syt, "/api/v1/inspections/export").body.lines().count(),
        1,
        "the export keeps the rule: a header only"
    );
    let mine = hub.get(&d.sct, "/api/v1/inspections/export?format=ndjson");
    assert!(mine.body.lines().count() == 1 && mine.body.contains(inspection["id"].as_str().unwrap()), "{}", mine.body);

    stepped(
        &hub,
        &d.sct,
        &inspection,
        json!({"action": "start", "documents": [{"title": "Quyết định kiểm tra", "number": "45/QĐ-KT", "date": "2026-03-01"}]}),
    );
    step(&hub, &d.sct, &inspection, json!({"action": "record_findings"})).assert_problem(422, "validation_failed");
    stepped(&hub, &d.sct, &inspection, json!({"action": "record_findings", "samples": [sample("M1", "pending")]}));
    let compliant = json!({"concluded_on": "2026-03-20", "outcome": "compliant", "summary": "Không phát hiện vi phạm"});
    step(&hub, &d.sct, &inspection, json!({"action": "conclude", "conclusion": compliant}))
        .assert_problem(409, "samples_pending");
    stepped(
        &hub,
        &d.sct,
        &inspection,
        json!({"action": "record_findings", "samples": [sample("M1", "non_conforming")],
                                              "findings": "Mẫu M1 không đạt chỉ tiêu độ bền va đập"}),
    );
    let p = step(&hub, &d.sct, &inspection, json!({"action": "conclude", "conclusion": compliant}))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "contradicts_samples");
    let found = json!({"concluded_on": "2026-03-20", "outcome": "violations_found", "summary": "Mũ bảo hiểm không đạt QCVN 2:2021/BKHCN"});
    let done = stepped(
        &hub,
        &d.sct,
        &inspection,
        json!({"action": "conclude", "conclusion": found,
                                                         "documents": [{"title": "Kết luận kiểm tra", "date": "2026-03-20"}]}),
    );
    assert_eq!(
        (done["state"].as_str(), done["sharing"].as_str(), done["documents"].as_array().unwrap().len()),
        (Some("concluded"), Some("shared"), 2)
    );
    let read = hub.get(&d.syt, &path);
    assert_eq!(
        (read.status, read.json()["samples"][0]["result"].as_str()),
        (200, Some("non_conforming")),
        "concluded: every agency reads it"
    );
    assert_eq!(
        hub.get(&d.syt, &format!("/api/v1/inspections?tax_code={a}&state=concluded")).json()["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let by_product = hub.get(&d.syt, "/api/v1/inspections?gtin=8934563138165").json();
    assert_eq!(by_product["items"].as_array().unwrap().len(), 1);
    hub.get(&d.syt, "/api/v1/inspections?gtin=89%25").assert_problem(400, "malformed_request");
    step(&hub, &d.sct, &done, json!({"action": "cancel", "reason": "x"})).assert_problem(409, "illegal_transition");
    let history = hub.get(&d.sct, &format!("{path}/history"));
    assert_eq!(history.status, 200);
    assert!(!history.body.contains("Trần Thị Kiểm"), "history keeps no team member's name");
    assert_eq!(hub.get(&d.sct, &format!("{path}/transitions")).json()["items"].as_array().unwrap().len(), 4);
}

#[test]
fn a_joint_inspection_carries_out_an_overlap_and_an_e_commerce_one_names_the_shop() {
    let hub = Hub::start();
    let d = desk(&hub);
    let a = d.taxes[0].clone();
    let sct = plan(&hub, &d.sct, "Kế hoạch 2026", vec![item(&a, "circulation", "2026-03-01", "2026-03-31")]);
    moved(&hub, &d.sct, &sct, json!({"action": "submit"}));
    let syt = plan(&hub, &d.syt, "Kế hoạch 2026", vec![item(&a, "label", "2026-03-10", "2026-03-20")]);
    let case = moved(&hub, &d.syt, &syt, json!({"action": "submit"}))["open_overlaps"][0].as_str().unwrap().to_owned();
    let joint = json!({"kind": "circulation", "origin": "request", "trigger_ref": "Thanh tra: kiểm tra liên ngành", "overlap_id": case,
                       "tax_code": a, "decision": decision(), "period_from": "2026-03-10", "period_to": "2026-03-12"});
    let p = decide(&hub, &d.sct, joint.clone()).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "not_joint", "the case is still open");
    resolve(&hub, &d.inspectorate, &case, json!({"resolution": "joint", "joint_lead": "SCT"}));
    let p = decide(&hub, &d.syt, joint.clone()).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "not_joint_lead");
    let created = decide(&hub, &d.sct, joint).json();
    assert_eq!(created["coordinating_agencies"], json!(["SYT"]), "the other agency is a member");
    let read = hub.get(&d.syt, &format!("/api/v1/inspections/{}", created["id"].as_str().unwrap()));
    assert_eq!(read.status, 200, "a member reads the open joint inspection: {}", read.body);

    let shop = json!({"kind": "e_commerce", "origin": "complaint", "trigger_ref": "PA-2026-0113", "decision": decision(),
                      "period_from": "2026-04-01", "period_to": "2026-04-02"});
    let p = decide(&hub, &d.sct, shop.clone()).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "required");
    let mut shop = shop;
    shop["e_commerce"] =
        json!({"platform": "Shopee", "shop_id": "muBH.chinhhang", "shop_url": "https://shopee.vn/mubh.chinhhang"});
    let r = decide(&hub, &d.sct, shop);
    assert_eq!((r.status, r.json()["e_commerce"]["platform"].as_str()), (201, Some("Shopee")), "{}", r.body);
    let cancelled =
        stepped(&hub, &d.sct, &r.json(), json!({"action": "cancel", "reason": "Cửa hàng đã ngừng hoạt động"}));
    assert_eq!(cancelled["next_actions"], json!([]));
}

pub fn concluded_inspection_of(hub: &Hub, d: &Desk, tax: &str) {
    let body = json!({"kind": "production", "origin": "warning", "trigger_ref": "CB-2026-07", "tax_code": tax,
                      "decision": decision(), "period_from": "2026-02-01", "period_to": "2026-02-10"});
    let inspection = decide(hub, &d.dost, body).json();
    stepped(hub, &d.dost, &inspection, json!({"action": "start"}));
    let conclusion = json!({"concluded_on": "2026-02-10", "outcome": "compliant", "summary": "Đạt"});
    stepped(hub, &d.dost, &inspection, json!({"action": "conclude", "conclusion": conclusion}));
}

#[test]
fn a_business_inspected_lately_by_another_agency_makes_a_planned_inspection_overlap() {
    let hub = Hub::start();
    let d = desk(&hub);
    let b = d.taxes[1].clone();
    concluded_inspection_of(&hub, &d, &b);
    let syt = plan(&hub, &d.syt, "Kế hoạch 2026", vec![item(&b, "production", "2026-06-01", "2026-06-30")]);
    let syt = moved(&hub, &d.syt, &syt, json!({"action": "submit"}));
    let case_id = syt["open_overlaps"][0].as_str().expect("a case for the recent inspection").to_owned();
    let case = hub.get(&d.syt, &format!("/api/v1/inspection-overlaps/{case_id}")).json();
    assert!(case["inspection_id"].is_string() && case["other_plan_id"].is_null(), "{case}");
    assert_eq!((case["other_agency"].as_str(), case["overlap_from"].as_str()), (Some("SKHCN"), Some("2026-02-01")));
    let p = resolve(&hub, &d.inspectorate, &case_id, json!({"resolution": "joint", "joint_lead": "SYT"}))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "past_inspection");
    let item_id = case["item_id"].as_str().unwrap();
    let soon =
        json!({"resolution": "reschedule", "item_id": item_id, "period_from": "2026-12-01", "period_to": "2026-12-15"});
    let p = resolve(&hub, &d.inspectorate, &case_id, soon).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "still_overlaps");
    let kept = json!({"resolution": "keep_both", "justification": "Kiểm tra nhãn hàng hóa, nội dung khác"});
    assert_eq!(resolve(&hub, &d.inspectorate, &case_id, kept).json()["resolution"], "kept_both");
    act(&hub, &d.syt, &syt, json!({"action": "review"})).assert_problem(403, "inspectorate_only");
}

#[test]
fn the_recent_inspection_check_follows_its_configuration() {
    let hub = Hub::start_with(|c| c.recent_inspection_months = 0);
    let d = desk(&hub);
    let b = d.taxes[1].clone();
    concluded_inspection_of(&hub, &d, &b);
    let syt = plan(&hub, &d.syt, "Kế hoạch 2026", vec![item(&b, "production", "2026-06-01", "2026-06-30")]);
    assert_eq!(moved(&hub, &d.syt, &syt, json!({"action": "submit"}))["open_overlaps"], json!([]), "the check is off");
    let limits = hub.send("GET", "/api/v1", &[], None).json();
    assert_eq!(limits["limits"]["recent_inspection_months"], 0);
}

#[test]
fn an_inspection_under_a_former_communes_code_is_found_by_todays() {
    let hub = Hub::start();
    let d = desk(&hub);
    crate::units::load(&hub, &d.admin);
    let body = json!({"kind": "metrology", "origin": "request", "trigger_ref": "Chợ Hải Dương", "commune_code": "10507",
                      "decision": {"number": "3/QĐ-KT", "date": "2025-03-01"}, "period_from": "2025-03-02", "period_to": "2025-03-03",
                      "conclusion": {"concluded_on": "2025-03-05", "outcome": "compliant", "summary": "Cân đạt"}});
    let r = decide(&hub, &d.sct, body);
    assert_eq!((r.status, r.json()["state"].as_str()), (201, Some("concluded")), "{}", r.body);
    let today = hub.get(&d.syt, "/api/v1/inspections?commune_code=11800").json();
    assert_eq!(
        today["items"].as_array().unwrap().len(),
        1,
        "a Hải Dương commune's inspection is found by Hải Phòng's ward"
    );
    assert_eq!(hub.get(&d.syt, "/api/v1/inspections?commune_code=31").json()["items"], json!([]));
}
