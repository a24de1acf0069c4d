//! Annual inspection plans: each agency's plan through its lifecycle, the overlap cases the hub
//! opens when two agencies plan the same business in overlapping periods, and the inspectorate's
//! resolutions — with every refusal.

use serde_json::{Value, json};

use crate::support::{Hub, Resp, valid_tax_codes};

pub struct Desk {
    pub admin: String,
    pub sct: String,
    pub syt: String,
    pub dost: String,
    pub inspectorate: String,
    pub taxes: Vec<String>,
}

pub fn desk(hub: &Hub) -> Desk {
    let admin = hub.admin_token();
    let agency = json!({"code": "TTTP", "name_vi": "Thanh tra thành phố", "kind": "inspectorate"});
    assert_eq!(hub.post(&admin, "/api/v1/agencies", &agency).status, 201);
    let taxes = valid_tax_codes(4);
    for (i, tax) in taxes.iter().take(3).enumerate() {
        let body = json!({"tax_code": tax, "name": format!("Công ty TNHH Kiểm thử {i}")});
        assert_eq!(hub.post(&admin, "/api/v1/businesses", &body).status, 201);
    }
    Desk {
        sct: hub.client_with_role("SCT", "sct-system", "agency_officer").0,
        syt: hub.client_with_role("SYT", "syt-system", "agency_officer").0,
        dost: hub.client_with_role("SKHCN", "skhcn-officer", "agency_officer").0,
        inspectorate: hub.client_with_role("TTTP", "tttp-system", "agency_officer").0,
        admin,
        taxes,
    }
}

pub fn item(tax: &str, kind: &str, from: &str, to: &str) -> Value {
    json!({"tax_code": tax, "kind": kind, "period_from": from, "period_to": to})
}

pub fn plan(hub: &Hub, token: &str, title: &str, items: Vec<Value>) -> Value {
    let body = json!({"year": 2026, "title": title, "items": items,
                      "legal_basis": "Luật Chất lượng sản phẩm, hàng hóa 2007; Thông tư 26/2012/TT-BKHCN"});
    let r = hub.post(token, "/api/v1/inspection-plans", &body);
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()
}

pub fn act(hub: &Hub, token: &str, plan: &Value, body: Value) -> Resp {
    hub.post(token, &format!("/api/v1/inspection-plans/{}/transitions", plan["id"].as_str().unwrap()), &body)
}

pub fn moved(hub: &Hub, token: &str, plan: &Value, body: Value) -> Value {
    let r = act(hub, token, plan, body);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["plan"].clone()
}

pub fn resolve(hub: &Hub, token: &str, case: &str, body: Value) -> Resp {
    hub.post(token, &format!("/api/v1/inspection-overlaps/{case}/resolution"), &body)
}

pub fn approve() -> Value {
    json!({"action": "approve", "decision": {"number": "12/QĐ-SCT", "date": "2026-01-20"}})
}

#[test]
fn two_agencies_planning_one_business_wait_for_the_inspectorate() {
    let hub = Hub::start();
    let d = desk(&hub);
    let (a, b) = (&d.taxes[0], &d.taxes[1]);
    let sct = plan(
        &hub,
        &d.sct,
        "Kế hoạch kiểm tra năm 2026",
        vec![item(a, "circulation", "2026-03-01", "2026-03-31"), item(b, "production", "2026-05-01", "2026-05-31")],
    );
    assert_eq!((sct["state"].as_str(), sct["item_count"].as_i64()), (Some("draft"), Some(2)));
    assert_eq!(moved(&hub, &d.sct, &sct, json!({"action": "submit"}))["open_overlaps"], json!([]));
    let syt = plan(
        &hub,
        &d.syt,
        "Kế hoạch kiểm tra năm 2026",
        vec![item(a, "label", "2026-03-15", "2026-04-15"), item(b, "production", "2026-09-01", "2026-09-30")],
    );
    let syt = moved(&hub, &d.syt, &syt, json!({"action": "submit"}));
    let cases = syt["open_overlaps"].as_array().unwrap().clone();
    assert_eq!(cases.len(), 1, "one business overlaps: {syt}");
    let case_id = cases[0].as_str().unwrap();
    let case = hub.get(&d.sct, &format!("/api/v1/inspection-overlaps/{case_id}")).json();
    assert_eq!(
        (
            case["tax_code"].as_str(),
            case["overlap_from"].as_str(),
            case["overlap_to"].as_str(),
            case["lead_agency"].as_str()
        ),
        (Some(a.as_str()), Some("2026-03-15"), Some("2026-03-31"), Some("TTTP"))
    );
    let listed = hub.get(&d.dost, "/api/v1/inspection-plans?open_overlaps=true").json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 2, "both plans show the open case");
    let by_business = hub.get(&d.dost, &format!("/api/v1/inspection-plans?tax_code={b}")).json();
    assert_eq!(by_business["items"].as_array().unwrap().len(), 2);

    act(&hub, &d.sct, &sct, json!({"action": "review"})).assert_problem(403, "inspectorate_only");
    moved(&hub, &d.inspectorate, &sct, json!({"action": "review"}));
    act(&hub, &d.inspectorate, &sct, approve()).assert_problem(403, "not_lead_agency");
    act(&hub, &d.sct, &sct, json!({"action": "approve"})).assert_problem(422, "validation_failed");
    let refused = act(&hub, &d.sct, &sct, approve()).assert_problem(409, "unresolved_overlap");
    assert!(refused["detail"].as_str().unwrap().contains(case_id));

    let theirs = case["other_item_id"].as_str().unwrap();
    let (mine, syt_item) = (case["other_plan_id"].as_str().unwrap(), case["item_id"].as_str().unwrap());
    assert_eq!(mine, sct["id"].as_str().unwrap(), "the case names the plan it was found against");
    let reschedule = |from: &str, to: &str| json!({"resolution": "reschedule", "item_id": syt_item, "period_from": from, "period_to": to});
    resolve(&hub, &d.sct, case_id, reschedule("2026-06-01", "2026-06-30")).assert_problem(403, "inspectorate_only");
    let p = resolve(&hub, &d.inspectorate, case_id, reschedule("2026-03-20", "2026-04-20"))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "still_overlaps");
    let bad =
        json!({"resolution": "reschedule", "item_id": theirs, "period_from": "2027-01-01", "period_to": "2027-01-31"});
    let p = resolve(&hub, &d.inspectorate, case_id, bad).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "invalid_period");
    let r = resolve(&hub, &d.inspectorate, case_id, reschedule("2026-06-01", "2026-06-30"));
    assert_eq!(
        (r.status, r.json()["resolution"].as_str(), r.json()["resolved_by"].as_str()),
        (200, Some("rescheduled"), Some("TTTP")),
        "{}",
        r.body
    );
    resolve(&hub, &d.inspectorate, case_id, json!({"resolution": "keep_both", "justification": "x"}))
        .assert_problem(409, "overlap_resolved");
    let items = hub.get(&d.sct, &format!("/api/v1/inspection-plans/{}/items", syt["id"].as_str().unwrap())).json();
    assert_eq!(
        (items["items"][0]["period_from"].as_str(), items["items"][0]["version"].as_i64()),
        (Some("2026-06-01"), Some(3))
    );
    let history = hub.get(&d.syt, &format!("/api/v1/inspection-plans/{}/history", syt["id"].as_str().unwrap())).json();
    assert!(history["items"].as_array().unwrap().iter().any(|c| c["action"] == "rescheduled"), "{history}");

    let approved = moved(&hub, &d.sct, &sct, approve());
    assert_eq!(
        (approved["state"].as_str(), approved["decision"]["number"].as_str()),
        (Some("approved"), Some("12/QĐ-SCT"))
    );
    let log = hub.get(&d.syt, &format!("/api/v1/inspection-plans/{}/transitions", sct["id"].as_str().unwrap())).json();
    assert_eq!(log["items"].as_array().unwrap().len(), 3);
}

#[test]
fn a_joint_inspection_or_a_justified_double_settles_a_case_and_a_withdrawal_closes_one() {
    let hub = Hub::start();
    let d = desk(&hub);
    let (a, b) = (&d.taxes[0], &d.taxes[1]);
    let sct = plan(
        &hub,
        &d.sct,
        "Kế hoạch 2026",
        vec![item(a, "circulation", "2026-03-01", "2026-03-31"), item(b, "production", "2026-05-01", "2026-05-31")],
    );
    moved(&hub, &d.sct, &sct, json!({"action": "submit"}));
    let dost = plan(
        &hub,
        &d.dost,
        "Kế hoạch 2026",
        vec![item(a, "metrology", "2026-03-10", "2026-03-12"), item(b, "traceability", "2026-05-20", "2026-06-10")],
    );
    let dost = moved(&hub, &d.dost, &dost, json!({"action": "submit"}));
    let cases: Vec<String> =
        dost["open_overlaps"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect();
    assert_eq!(cases.len(), 2, "{dost}");
    let p = resolve(&hub, &d.inspectorate, &cases[0], json!({"resolution": "joint", "joint_lead": "SYT"}))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "not_a_party");
    let joint = resolve(&hub, &d.inspectorate, &cases[0], json!({"resolution": "joint", "joint_lead": "SCT"})).json();
    assert_eq!((joint["resolution"].as_str(), joint["joint_lead"].as_str()), (Some("joint"), Some("SCT")));
    resolve(&hub, &d.admin, &cases[1], json!({"resolution": "keep_both"})).assert_problem(422, "validation_failed");
    let kept = json!({"resolution": "keep_both", "justification": "Đo lường và truy xuất là hai nội dung khác nhau"});
    assert_eq!(resolve(&hub, &d.admin, &cases[1], kept).json()["resolution"], "kept_both");

    // The SYT plan meets the SCT plan on business a; withdrawing it closes the case.
    let syt = plan(&hub, &d.syt, "Kế hoạch 2026", vec![item(a, "label", "2026-03-11", "2026-03-31")]);
    let syt = moved(&hub, &d.syt, &syt, json!({"action": "submit"}));
    assert_eq!(syt["open_overlaps"].as_array().unwrap().len(), 2, "SYT meets both SCT and DOST on a: {syt}");
    act(&hub, &d.syt, &syt, json!({"action": "withdraw"})).assert_problem(422, "validation_failed");
    let gone = moved(&hub, &d.syt, &syt, json!({"action": "withdraw", "reason": "Gộp vào đoàn liên ngành"}));
    assert_eq!((gone["state"].as_str(), gone["open_overlaps"].as_array().unwrap().len()), (Some("withdrawn"), 0));
    let closed =
        hub.get(&d.sct, &format!("/api/v1/inspection-overlaps?plan_id={}", syt["id"].as_str().unwrap())).json();
    assert!(closed["items"].as_array().unwrap().iter().all(|c| c["resolution"] == "plan_withdrawn"), "{closed}");
    // Resubmitting the DOST plan after an amendment keeps the decisions that stand.
    moved(&hub, &d.inspectorate, &dost, json!({"action": "review"}));
    moved(&hub, &d.dost, &dost, approve());
    moved(&hub, &d.dost, &dost, json!({"action": "amend", "reason": "Bổ sung cơ sở"}));
    assert_eq!(moved(&hub, &d.dost, &dost, json!({"action": "submit"}))["open_overlaps"], json!([]));
}

#[test]
fn plans_refuse_what_their_state_and_their_items_do_not_allow() {
    let hub = Hub::start();
    let d = desk(&hub);
    let a = &d.taxes[0];
    let empty = plan(&hub, &d.sct, "Kế hoạch rỗng", vec![]);
    act(&hub, &d.sct, &empty, json!({"action": "submit"})).assert_problem(422, "validation_failed");
    act(&hub, &d.sct, &empty, approve()).assert_problem(409, "illegal_transition");
    act(&hub, &d.syt, &empty, json!({"action": "submit"})).assert_problem(403, "not_lead_agency");
    let body = json!({"year": 2026, "title": "Kế hoạch rỗng", "legal_basis": "Luật 2007", "items": []});
    hub.post(&d.sct, "/api/v1/inspection-plans", &body).assert_problem(409, "duplicate_key");
    let bad_items = json!({"year": 2026, "title": "Sai", "legal_basis": "Luật 2007", "items": [
        item(&d.taxes[3], "circulation", "2026-03-01", "2026-03-31"),
        item(a, "circulation", "2026-04-01", "2027-01-05"),
        item(a, "circulation", "2026-05-02", "2026-05-01"),
        {"kind": "label", "period_from": "2026-06-01", "period_to": "2026-06-02"},
        {"kind": "label", "category_code": "nope", "commune_code": "99999", "period_from": "2026-06-01", "period_to": "2026-06-02"},
    ]});
    let p = hub.post(&d.sct, "/api/v1/inspection-plans", &bad_items).assert_problem(422, "validation_failed");
    let codes: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    for code in
        ["unknown_business", "outside_plan_year", "period_reversed", "required", "unknown_category", "unknown_unit"]
    {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    assert_eq!(
        hub.get(&d.sct, "/api/v1/inspection-plans?agency=SCT").json()["items"].as_array().unwrap().len(),
        1,
        "nothing half-written"
    );

    let sct = plan(&hub, &d.sct, "Kế hoạch 2026", vec![item(a, "circulation", "2026-03-01", "2026-03-31")]);
    let path = format!("/api/v1/inspection-plans/{}", sct["id"].as_str().unwrap());
    let syt = plan(&hub, &d.syt, "Kế hoạch 2026", vec![item(a, "label", "2026-03-01", "2026-03-02")]);
    moved(&hub, &d.syt, &syt, json!({"action": "submit"}));
    let sct = moved(&hub, &d.sct, &sct, json!({"action": "submit"}));
    assert_eq!(sct["open_overlaps"].as_array().unwrap().len(), 1);
    let replaced = json!({"year": 2026, "title": "Kế hoạch 2026", "legal_basis": "Luật 2007", "items": []});
    hub.put(&d.sct, &path, Some("\"2\""), &replaced).assert_problem(409, "plan_not_editable");
    hub.put(&d.sct, &path, None, &replaced).assert_problem(428, "precondition_required");
    moved(&hub, &d.inspectorate, &sct, json!({"action": "review"}));
    let case = sct["open_overlaps"][0].as_str().unwrap();
    resolve(&hub, &d.inspectorate, case, json!({"resolution": "keep_both", "justification": "Nội dung khác nhau"}));
    let approved = moved(&hub, &d.sct, &sct, approve());
    act(&hub, &d.sct, &approved, json!({"action": "amend"})).assert_problem(422, "validation_failed");
    let amended = moved(&hub, &d.sct, &approved, json!({"action": "amend", "reason": "Bổ sung"}));
    let tag = format!("\"{}\"", amended["version"]);
    hub.put(&d.syt, &path, Some(&tag), &replaced).assert_problem(403, "not_lead_agency");
    let items = hub.get(&d.sct, &format!("{path}/items")).json();
    let kept = items["items"][0]["id"].clone();
    let mut again = replaced.clone();
    again["items"] = json!([{"id": kept, "tax_code": a, "kind": "circulation", "period_from": "2026-03-01", "period_to": "2026-03-31"},
                            item(&d.taxes[2], "import", "2026-07-01", "2026-07-31")]);
    let r = hub.put(&d.sct, &path, Some(&tag), &again);
    assert_eq!((r.status, r.json()["item_count"].as_i64()), (200, Some(2)), "{}", r.body);
    let items = hub.get(&d.sct, &format!("{path}/items?limit=1")).json();
    assert_eq!((items["items"][0]["id"].clone(), items["next_cursor"].is_string()), (kept, true));
}

#[test]
fn an_item_an_open_case_pins_keeps_its_business_and_period() {
    let hub = Hub::start();
    let d = desk(&hub);
    let a = &d.taxes[0];
    let sct = plan(&hub, &d.sct, "Kế hoạch 2026", vec![item(a, "circulation", "2026-03-01", "2026-03-31")]);
    moved(&hub, &d.sct, &sct, json!({"action": "submit"}));
    moved(&hub, &d.inspectorate, &sct, json!({"action": "review"}));
    let approved = moved(&hub, &d.sct, &sct, approve());
    let amended = moved(&hub, &d.sct, &approved, json!({"action": "amend", "reason": "Bổ sung"}));
    let syt = plan(&hub, &d.syt, "Kế hoạch 2026", vec![item(a, "label", "2026-03-05", "2026-03-06")]);
    assert_eq!(moved(&hub, &d.syt, &syt, json!({"action": "submit"}))["open_overlaps"].as_array().unwrap().len(), 1);
    let path = format!("/api/v1/inspection-plans/{}", sct["id"].as_str().unwrap());
    let tag = format!("\"{}\"", amended["version"]);
    let moved_item = json!({"year": 2026, "title": "Kế hoạch 2026", "legal_basis": "Luật 2007",
                            "items": [item(a, "circulation", "2026-08-01", "2026-08-31")]});
    hub.put(&d.sct, &path, Some(&tag), &moved_item).assert_problem(409, "item_in_open_overlap");
    let read = hub.get(&d.sct, &path).json();
    assert_eq!(
        (read["version"].clone(), read["item_count"].as_i64()),
        (amended["version"].clone(), Some(1)),
        "nothing changed"
    );
}
