//! A year of a province's inspection work loaded in batches — thirty inspections, their
//! violations under both decrees with their sanctions — and what it feeds: the next year's plans
//! meet last year's inspections as overlaps, and the ranking puts the violators first.

use serde_json::{Value, json};

use crate::inspection_plans::{desk, item, moved, plan};

fn past_inspection(n: usize, tax: &str) -> Value {
    let day = |d: usize| format!("2025-{:02}-{:02}", 1 + n % 12, d);
    let kind = ["production", "circulation", "label", "metrology"][n % 4];
    let (result, outcome) =
        if n.is_multiple_of(5) { ("non_conforming", "violations_found") } else { ("conforming", "compliant") };
    let body = json!({"kind": kind, "origin": "request",
        "trigger_ref": format!("KH-2025/{n}"), "tax_code": tax, "decision": {"number": format!("{n}/QĐ-KT"), "date": day(1)},
        "period_from": day(2), "period_to": day(6), "findings": "Kiểm tra hồ sơ, nhãn và mẫu",
        "samples": [{"code": format!("M{n}"), "product": "Mũ bảo hiểm", "taken_on": day(3), "tested_against": "QCVN 2:2021/BKHCN",
                     "result": result}],
        "conclusion": {"concluded_on": day(20), "outcome": outcome, "summary": "Kết luận"}});
    body
}

#[test]
fn a_years_inspections_and_violations_load_in_batches_and_feed_the_next_plan() {
    let hub = crate::support::Hub::start();
    let d = desk(&hub);
    let provisions = json!([
        {"code": "119/2017/NĐ-CP Đ.17.1", "decree": "119/2017/NĐ-CP", "amended_by": ["126/2021/NĐ-CP"], "article": "Điều 17 khoản 1",
         "title": "Vi phạm chất lượng hàng hóa lưu thông", "fine_min_vnd": 1_000_000, "fine_max_vnd": 3_000_000,
         "effective_from": "2017-12-15", "effective_to": "2026-06-30"},
    ]);
    assert_eq!(hub.post(&d.dost, "/api/v1/legal-provisions/batch", &provisions).json()["succeeded"], 1);
    let mut batch: Vec<Value> = (0..30).map(|n| past_inspection(n, &d.taxes[n % 3])).collect();
    batch[7]["samples"][0]["result"] = json!("pending");
    let r = hub.post(&d.sct, "/api/v1/inspections/batch", &json!(batch));
    assert_eq!(r.status, 200, "{}", r.body);
    let loaded = r.json();
    assert_eq!((loaded["succeeded"].as_i64(), loaded["failed"].as_i64()), (Some(29), Some(1)), "{loaded}");
    assert_eq!(
        (loaded["results"][7]["status"].as_i64(), loaded["results"][7]["problem"]["code"].as_str()),
        (Some(409), Some("samples_pending"))
    );
    let concluded = hub.get(&d.syt, "/api/v1/inspections?state=concluded&limit=100").json();
    assert_eq!(concluded["items"].as_array().unwrap().len(), 29, "concluded inspections are shared with every agency");

    let found: Vec<&Value> = loaded["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["index"].as_u64().unwrap().is_multiple_of(5))
        .collect();
    let violations: Vec<Value> = found.iter().map(|i| {
        let n = i["index"].as_u64().unwrap() as usize;
        json!({"inspection_id": i["id"], "tax_code": d.taxes[n % 3], "offender": "organisation", "committed_on": format!("2025-{:02}-03", 1 + n % 12),
               "description": "Mũ bảo hiểm không đạt", "provision_code": "119/2017/NĐ-CP Đ.17.1",
               "sanction": {"decision": {"number": format!("{n}/QĐ-XPHC"), "date": format!("2025-{:02}-25", 1 + n % 12)},
                            "authority": "Chánh Thanh tra Sở Công Thương", "fine_vnd": 4_000_000},
               "final_on": format!("2025-{:02}-28", 1 + n % 12), "paid_on": format!("2025-{:02}-28", 1 + n % 12), "paid_vnd": 4_000_000})
    }).collect();
    let mut violations = violations;
    violations.push(json!({"tax_code": d.taxes[0], "offender": "individual", "committed_on": "2025-05-05", "description": "x",
                           "provision_code": "119/2017/NĐ-CP Đ.17.1", "sanction": {"decision": {"number": "9/QĐ", "date": "2025-05-06"},
                           "authority": "Chánh Thanh tra", "fine_vnd": 9_000_000}}));
    let r = hub.post(&d.sct, "/api/v1/violations/batch", &json!(violations)).json();
    assert_eq!((r["succeeded"].as_u64(), r["failed"].as_u64()), (Some(found.len() as u64), Some(1)), "{r}");
    let last = r["results"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["problem"]["errors"][0]["code"], "fine_out_of_range");
    let finals = hub.get(&d.dost, "/api/v1/violations?state=final&decree=119/2017/NĐ-CP").json();
    assert_eq!(finals["items"].as_array().unwrap().len(), found.len());

    // The next year: SYT plans a business SCT inspected lately; the overlap case names the inspection.
    let next = plan(&hub, &d.syt, "Kế hoạch 2026", vec![item(&d.taxes[1], "production", "2026-02-01", "2026-02-28")]);
    let next = moved(&hub, &d.syt, &next, json!({"action": "submit"}));
    assert!(!next["open_overlaps"].as_array().unwrap().is_empty(), "last year's inspections count: {next}");
    let ranking = hub.get(&d.dost, "/api/v1/risk/businesses?on=2026-01-01&explain=true").json();
    let first = &ranking["items"][0];
    assert!(first["violations"].as_u64().unwrap() >= 2, "the violators rank first: {ranking}");
}

/// The year the issue describes: plans from four agencies with two overlaps resolved, thirty
/// inspections including one joint and one e-commerce, violations sanctioned under both decrees,
/// one transfer, one body's certificate suspended by a sanction, two disclosures.
#[test]
fn a_provinces_year_of_inspection_work_runs_end_to_end() {
    use crate::conformity::{LAB_TAX, cement_scope, create_body, issue, laboratory};
    use crate::inspection_plans::{approve, resolve};
    let hub = crate::support::Hub::start();
    let d = desk(&hub);
    let snnmt = hub.client_with_role("SNNMT", "snnmt-system", "agency_officer").0;
    let provisions = json!([
        {"code": "OLD-17.1", "decree": "119/2017/NĐ-CP", "amended_by": ["126/2021/NĐ-CP"], "article": "Điều 17 khoản 1",
         "title": "Vi phạm chất lượng hàng hóa", "fine_min_vnd": 1_000_000, "fine_max_vnd": 3_000_000,
         "effective_from": "2017-12-15", "effective_to": "2026-06-30"},
        {"code": "NEW-17.1", "decree": "NĐ-2026", "article": "Điều 17 khoản 1", "title": "Vi phạm chất lượng hàng hóa",
         "fine_min_vnd": 2_000_000, "fine_max_vnd": 5_000_000, "effective_from": "2026-07-01"},
    ]);
    assert_eq!(hub.post(&d.dost, "/api/v1/legal-provisions/batch", &provisions).json()["succeeded"], 2);

    // Four plans; two overlaps, resolved (a joint inspection, a rescheduling); all approved.
    let (a, b, c) = (&d.taxes[0], &d.taxes[1], &d.taxes[2]);
    let plans = [
        (
            &d.sct,
            vec![item(a, "circulation", "2026-03-01", "2026-03-31"), item(c, "e_commerce", "2026-08-01", "2026-08-31")],
        ),
        (&d.syt, vec![item(a, "label", "2026-03-10", "2026-03-20")]),
        (&d.dost, vec![item(b, "metrology", "2026-05-01", "2026-05-15")]),
        (&snnmt, vec![item(b, "production", "2026-05-10", "2026-05-20")]),
    ];
    let mut ids = Vec::new();
    let mut cases = Vec::new();
    for (token, items) in plans {
        let p = plan(&hub, token, "Kế hoạch kiểm tra năm 2026", items);
        let p = moved(&hub, token, &p, json!({"action": "submit"}));
        cases.extend(p["open_overlaps"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()));
        ids.push((token.clone(), p));
    }
    assert_eq!(cases.len(), 2, "two overlaps");
    assert_eq!(
        resolve(&hub, &d.inspectorate, &cases[0], json!({"resolution": "joint", "joint_lead": "SCT"})).status,
        200
    );
    let second = hub.get(&d.dost, &format!("/api/v1/inspection-overlaps/{}", cases[1])).json();
    let moved_item = json!({"resolution": "reschedule", "item_id": second["item_id"], "period_from": "2026-06-01", "period_to": "2026-06-10"});
    assert_eq!(resolve(&hub, &d.inspectorate, &cases[1], moved_item).status, 200);
    for (token, p) in &ids {
        moved(&hub, &d.inspectorate, p, json!({"action": "review"}));
        assert_eq!(moved(&hub, token, p, approve())["state"], "approved");
    }

    // Thirty inspections: the joint one, an e-commerce one, and twenty-eight from the year's batch.
    let joint = json!({"kind": "circulation", "origin": "request", "trigger_ref": "Liên ngành", "overlap_id": cases[0], "tax_code": a,
                       "decision": {"number": "1/QĐ-KT", "date": "2026-03-01"}, "period_from": "2026-03-10", "period_to": "2026-03-12"});
    let joint = hub.post(&d.sct, "/api/v1/inspections", &joint).json();
    assert_eq!(joint["coordinating_agencies"], json!(["SYT"]));
    let shop = json!({"kind": "e_commerce", "origin": "complaint", "trigger_ref": "PA-1", "tax_code": c,
                      "e_commerce": {"platform": "Shopee", "shop_id": "shop-1"}, "decision": {"number": "2/QĐ-KT", "date": "2026-08-01"},
                      "period_from": "2026-08-02", "period_to": "2026-08-03"});
    assert_eq!(hub.post(&d.sct, "/api/v1/inspections", &shop).status, 201);
    let batch: Vec<Value> = (0..28).map(|n| past_inspection(n + 1, &d.taxes[n % 3])).collect();
    assert_eq!(hub.post(&d.dost, "/api/v1/inspections/batch", &json!(batch)).json()["succeeded"], 28);
    assert_eq!(hub.get(&d.admin, "/api/v1/inspections?limit=100").json()["items"].as_array().unwrap().len(), 30);

    // Violations under both decrees, sanctioned; one transferred; two disclosed.
    let violation = |token: &str, tax: &str, code: &str, on: &str| {
        let body = json!({"tax_code": tax, "offender": "organisation", "committed_on": on, "description": "Không đạt", "provision_code": code});
        hub.post(token, "/api/v1/violations", &body).json()
    };
    let act = |token: &str, v: &Value, body: Value| {
        let r = hub.post(token, &format!("/api/v1/violations/{}/transitions", v["id"].as_str().unwrap()), &body);
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["violation"].clone()
    };
    let sanction = |fine: i64, date: &str| json!({"decision": {"number": format!("XP-{date}"), "date": date}, "authority": "Chánh Thanh tra", "fine_vnd": fine});
    let old = violation(&d.sct, a, "OLD-17.1", "2026-03-11");
    let new = violation(&d.sct, c, "NEW-17.1", "2026-08-02");
    act(&d.sct, &old, json!({"action": "sanction", "sanction": sanction(4_000_000, "2026-04-01")}));
    act(&d.sct, &new, json!({"action": "sanction", "sanction": sanction(8_000_000, "2026-08-20")}));
    for v in [&old, &new] {
        act(&d.sct, v, json!({"action": "become_final", "final_on": "2026-09-01"}));
        let r = hub.post(&d.sct, &format!("/api/v1/violations/{}/disclosure", v["id"].as_str().unwrap()), &json!({}));
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let elsewhere = violation(&d.sct, b, "OLD-17.1", "2026-05-02");
    let handed = act(
        &d.sct,
        &elsewhere,
        json!({"action": "transfer", "to_agency": "SNNMT", "reason": "Thuộc thẩm quyền ngành nông nghiệp"}),
    );
    assert_eq!(handed["lead_agency"], "SNNMT");

    // A sanction against a testing laboratory suspends its registration.
    let lab = json!({"name": "Trung tâm Kỹ thuật TĐC", "sharing": "public"});
    assert_eq!(hub.put(&d.admin, &format!("/api/v1/businesses/by-tax-code/{LAB_TAX}"), None, &lab).status, 201);
    assert_eq!(
        hub.post(&d.admin, "/api/v1/standards", &json!({"designation": "TCVN 6260:2020", "title_vi": "Xi măng"}))
            .status,
        201
    );
    let body = create_body(&hub, &d.dost, &laboratory());
    let certificate =
        issue(&hub, &d.dost, body["id"].as_str().unwrap(), "15/2024/GCN", "testing", cement_scope()).json();
    let cab = violation(&d.dost, LAB_TAX, "OLD-17.1", "2026-04-02");
    let on_certificate = json!({"certificate_id": certificate["id"], "measure": "suspend"});
    act(
        &d.dost,
        &cab,
        json!({"action": "sanction", "sanction": sanction(4_000_000, "2026-04-20"), "certificate": on_certificate}),
    );
    let read =
        hub.send("GET", &format!("/api/v1/certificates/{}", certificate["id"].as_str().unwrap()), &[], None).json();
    assert_eq!(read["status"], "suspended");

    let public = hub.send("GET", "/api/v1/disclosures", &[], None).json();
    assert_eq!(public["items"].as_array().unwrap().len(), 2, "two disclosures, public");
    let resolved = hub.get(&d.dost, "/api/v1/inspection-overlaps?status=resolved").json();
    assert_eq!(resolved["items"].as_array().unwrap().len(), 2);
}
