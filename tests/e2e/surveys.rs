//! Quality surveys: a survey counted against the program's "products surveyed a year" target takes
//! samples at a shop and an online shop; one fails at the laboratory and drafts a warning for the
//! sector agency; the survey completes and the year's progress stands beside the target.

use serde_json::{Value, json};

use crate::conformity::{create_body, laboratory, registry};
use crate::support::{Hub, Resp};

fn sample(code: &str, lab: &str, extra: Value) -> Value {
    let mut s = json!({"code": code, "product_name": "Đèn lồng Trung thu chạy pin", "taken_on": "2026-09-10",
                       "place_kind": "shop", "place": "Số 5 Cầu Đất, Ngô Quyền", "laboratory_id": lab,
                       "tested_against": "QCVN 3:2019/BKHCN", "sector_agency": "SCT"});
    s.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    s
}

fn act(hub: &Hub, token: &str, id: &str, body: Value) -> Resp {
    hub.post(token, &format!("/api/v1/quality-surveys/{id}/transitions"), &body)
}

#[test]
fn a_survey_with_a_failing_sample_drafts_a_warning_and_counts_against_the_target() {
    let hub = Hub::start();
    let a = registry(&hub);
    let lab = create_body(&hub, &a.dost, &laboratory())["id"].as_str().unwrap().to_owned();
    let program = json!({"name": "Kế hoạch TĐC 2026-2030", "kind": "five_year", "start_year": 2026, "end_year": 2030});
    let program = hub.post(&a.dost, "/api/v1/programs", &program).json();
    let target = json!({"indicator": "Số sản phẩm được khảo sát chất lượng", "unit": "sản phẩm", "target_value": 20,
                        "aggregation": "sum", "responsible_agency": "SKHCN", "per_year": true});
    let target = hub.post(&a.dost, &format!("/api/v1/programs/{}/targets", program["id"].as_str().unwrap()), &target);
    assert_eq!(target.status, 201, "{}", target.body);
    let target_id = target.json()["id"].as_str().unwrap().to_owned();

    let mut survey = json!({"year": 2026, "title": "Khảo sát chất lượng đồ chơi dịp Trung thu 2026",
                            "product_group": "Đồ chơi trẻ em", "planned_products": 10, "program_target_id": "nope"});
    let p = hub.post(&a.dost, "/api/v1/quality-surveys", &survey).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "unknown_target");
    survey["program_target_id"] = json!(target_id);
    let r = hub.post(&a.dost, "/api/v1/quality-surveys", &survey);
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let samples = format!("/api/v1/quality-surveys/{id}/samples");

    let shop = sample("M-01", &lab, json!({"gtin": "8934567800129", "lot": "L2409"}));
    hub.post(&a.dost, &samples, &shop).assert_problem(409, "not_sampling");
    assert_eq!(act(&hub, &a.dost, &id, json!({"action": "start_sampling"})).status, 200);
    hub.post(&a.other, &samples, &shop).assert_problem(403, "not_lead_agency");
    let p = hub
        .post(&a.dost, &samples, &sample("M-00", "01a22e71-f581-72e4-a6c4-6a3f5a443226", json!({})))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "unknown_body");
    let r = hub.post(&a.dost, &samples, &shop);
    assert_eq!(r.status, 201, "{}", r.body);
    let failing = r.json();
    assert_eq!(
        (failing["result"].as_str(), failing["coordinating_agencies"].clone()),
        (Some("pending"), json!(["SCT"]))
    );
    hub.post(&a.dost, &samples, &shop).assert_problem(409, "duplicate_key");
    let online = sample(
        "M-02",
        &lab,
        json!({"place_kind": "online_shop", "place": "https://shopee.vn/do-choi-vui", "product_name": "Đèn kéo quân"}),
    );
    let passing = hub.post(&a.dost, &samples, &online).json();
    act(&hub, &a.dost, &id, json!({"action": "complete", "summary": "Xong"})).assert_problem(409, "samples_pending");

    let result = |sample: &Value, body: Value| {
        hub.post(&a.dost, &format!("/api/v1/survey-samples/{}/result", sample["id"].as_str().unwrap()), &body)
    };
    assert_eq!(result(&passing, json!({"result": "conforming", "report_number": "KQ-2026/201"})).status, 200);
    let p = result(&failing, json!({"result": "non_conforming", "report_number": "KQ-2026/202"}))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/findings");
    let r = result(
        &failing,
        json!({"result": "non_conforming", "report_number": "KQ-2026/202", "risk_level": "high",
                                    "findings": "Pin cúc áo lấy ra được khi không dùng dụng cụ, trái QCVN 3:2019/BKHCN"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let warning_id = r.json()["warning_id"].as_str().unwrap().to_owned();
    let w = hub.get(&a.other, &format!("/api/v1/warnings/{warning_id}")).json();
    assert_eq!(
        (w["state"].as_str(), w["lead_agency"].as_str(), w["reported_by"].as_str(), w["risk_level"].as_str()),
        (Some("received"), Some("SCT"), Some("SKHCN"), Some("high"))
    );
    assert_eq!(
        (w["source"]["kind"].as_str(), w["source"]["test_report"].as_str()),
        (Some("survey"), Some("KQ-2026/202"))
    );
    assert_eq!(
        (w["product"]["gtin"].as_str(), w["product"]["lots"].clone()),
        (Some("08934567800129"), json!(["L2409"]))
    );
    result(&failing, json!({"result": "conforming", "report_number": "KQ-2026/203"}))
        .assert_problem(409, "result_recorded");

    let done = act(&hub, &a.dost, &id, json!({"action": "complete", "summary": "1/2 mẫu không đạt"}));
    assert_eq!(done.status, 200, "{}", done.body);
    result(&passing, json!({"result": "conforming", "report_number": "X"})).assert_problem(409, "not_sampling");
    let progress =
        hub.get(&a.other, &format!("/api/v1/quality-surveys/progress?year=2026&target_id={target_id}")).json();
    assert_eq!(
        progress,
        json!({"year": 2026, "surveys": 1, "completed": 1, "products_surveyed": 2, "samples_tested": 2,
               "non_conforming": 1, "target": 20.0, "progress_percent": 10.0})
    );
    let listed = hub.get(&a.other, &samples).json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 2);
    let surveys = hub.get(&a.other, "/api/v1/quality-surveys?year=2026&state=completed").json();
    assert_eq!(surveys["items"][0]["summary"], "1/2 mẫu không đạt");
}
