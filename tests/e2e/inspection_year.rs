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
