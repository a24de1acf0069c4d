//! Programs and plans: their lifecycle, tasks with one lead agency, targets with reported values
//! and computed progress.

use serde_json::{Value, json};

use crate::regulations::{agencies, decision};
use crate::support::Hub;

fn program(hub: &Hub, token: &str) -> Value {
    let body = json!({"name": "Kế hoạch thực hiện Chỉ thị 38-CT/TW giai đoạn 2026-2030", "kind": "five_year",
                      "start_year": 2026, "end_year": 2030, "coordinating_agencies": ["SCT"]});
    let r = hub.post(token, "/api/v1/programs", &body);
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()
}

fn act(hub: &Hub, token: &str, id: &str, body: Value) -> crate::support::Resp {
    hub.post(token, &format!("/api/v1/programs/{id}/transitions"), &body)
}

#[test]
fn a_program_is_compiled_approved_and_its_targets_report_progress() {
    let hub = Hub::start();
    let a = agencies(&hub);
    let p = program(&hub, &a.dost);
    let id = p["id"].as_str().unwrap().to_owned();
    assert_eq!((p["state"].as_str(), p["lead_agency"].as_str()), (Some("drafting"), Some("SKHCN")));
    let classes = json!({"indicator": "Số lớp đào tạo, tập huấn", "unit": "lớp", "target_value": 30, "aggregation": "sum", "responsible_agency": "SCT"});
    let targets_path = format!("/api/v1/programs/{id}/targets");
    hub.post(&a.other, &targets_path, &classes).assert_problem(403, "not_lead_agency");
    let classes = hub.post(&a.dost, &targets_path, &classes).json();
    let resolved = json!({"indicator": "Tỷ lệ cảnh báo được xử lý", "unit": "%", "baseline": 60, "target_value": 100, "aggregation": "latest", "responsible_agency": "SKHCN", "reporting_period": "quarter"});
    let resolved = hub.post(&a.dost, &targets_path, &resolved).json();
    let report = |token: &str, target: &Value, period: &str, value: f64| {
        let path = format!("{targets_path}/{}/actuals/{period}", target["id"].as_str().unwrap());
        hub.put(token, &path, None, &json!({"value": value}))
    };
    report(&a.other, &classes, "2026", 6.0).assert_problem(409, "program_not_approved");
    act(&hub, &a.other, &id, json!({"action": "submit"})).assert_problem(403, "not_lead_agency");
    act(&hub, &a.dost, &id, json!({"action": "approve", "decision": decision("1/QĐ", "2026-01-05")}))
        .assert_problem(409, "illegal_transition");
    assert_eq!(act(&hub, &a.dost, &id, json!({"action": "submit"})).status, 200);
    act(&hub, &a.dost, &id, json!({"action": "approve"})).assert_problem(422, "validation_failed");
    act(&hub, &a.drafter, &id, json!({"action": "approve", "decision": decision("15/QĐ-UBND", "2026-01-20")}))
        .assert_problem(403, "dost_only");
    let r = act(&hub, &a.dost, &id, json!({"action": "approve", "decision": decision("15/QĐ-UBND", "2026-01-20")}));
    assert_eq!((r.status, r.json()["program"]["approval"]["number"].as_str()), (200, Some("15/QĐ-UBND")), "{}", r.body);

    assert_eq!(report(&a.other, &classes, "2026", 6.0).status, 200);
    let r = report(&a.other, &classes, "2027", 3.0).json();
    assert_eq!((r["achieved"].as_f64(), r["progress_percent"].as_f64()), (Some(9.0), Some(30.0)));
    report(&a.drafter, &classes, "2027", 1.0).assert_problem(403, "not_lead_agency");
    report(&a.other, &classes, "2027-Q5", 1.0).assert_problem(422, "validation_failed");
    let r = report(&a.other, &classes, "2027", 4.0).json();
    assert_eq!(r["achieved"], 10.0, "a period reported again is corrected, not added");
    report(&a.dost, &resolved, "2026-Q1", 70.0);
    let r = report(&a.dost, &resolved, "2026-Q2", 90.0).json();
    assert_eq!((r["achieved"].as_f64(), r["progress_percent"].as_f64()), (Some(90.0), Some(75.0)));
    let read = hub.get(&a.drafter, &format!("/api/v1/programs/{id}")).json();
    assert_eq!(
        (read["progress"]["targets"].as_i64(), read["progress"]["mean_target_progress"].as_f64()),
        (Some(2), Some(54.2))
    );
    let listed = hub.get(&a.drafter, &format!("{targets_path}?limit=1")).json();
    assert!(listed["next_cursor"].is_string() && listed["items"][0]["actuals"].as_array().unwrap().len() == 2);
    let log = hub.get(&a.drafter, &format!("/api/v1/programs/{id}/transitions")).json();
    assert_eq!(log["items"].as_array().unwrap().len(), 2);
}

#[test]
fn tasks_have_one_lead_agency_that_reports_on_them() {
    let hub = Hub::start();
    let a = agencies(&hub);
    let id = program(&hub, &a.dost)["id"].as_str().unwrap().to_owned();
    let tasks_path = format!("/api/v1/programs/{id}/tasks");
    let task = json!({"title": "Khảo sát chất lượng sản phẩm trên thị trường", "lead_agency": "SCT", "coordinating_agencies": ["SNNMT"], "due_date": "2026-01-31"});
    hub.post(&a.other, &tasks_path, &task).assert_problem(403, "not_lead_agency");
    let mut bad = task.clone();
    bad["lead_agency"] = json!("NOPE");
    hub.post(&a.dost, &tasks_path, &bad).assert_problem(422, "validation_failed");
    let r = hub.post(&a.dost, &tasks_path, &task);
    assert_eq!(r.status, 201, "{}", r.body);
    let created = r.json();
    let overdue = chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()
        < (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive();
    assert_eq!(created["overdue"], overdue);
    let path = format!("{tasks_path}/{}", created["id"].as_str().unwrap());
    let mut done = task.clone();
    done["status"] = json!("done");
    done["note"] = json!("Đã khảo sát 24 sản phẩm.");
    hub.put(&a.other, &path, None, &done).assert_problem(428, "precondition_required");
    hub.put(&a.drafter, &path, Some("\"1\""), &done).assert_problem(403, "not_lead_agency");
    let r = hub.put(&a.other, &path, Some("\"1\""), &done);
    assert_eq!(
        (r.status, r.json()["status"].as_str(), r.json()["overdue"].as_bool()),
        (200, Some("done"), Some(false)),
        "{}",
        r.body
    );
    let summary = hub.get(&a.other, &format!("/api/v1/programs/{id}")).json()["progress"].clone();
    assert_eq!((summary["tasks"].as_i64(), summary["tasks_done"].as_i64()), (Some(1), Some(1)));
    act(&hub, &a.dost, &id, json!({"action": "cancel", "reason": "Gộp vào kế hoạch khác."}));
    hub.post(&a.dost, &tasks_path, &task).assert_problem(409, "program_closed");
    let p = hub.post(
        &a.dost,
        "/api/v1/programs",
        &json!({"name": "x", "kind": "annual", "start_year": 2026, "end_year": 2027}),
    );
    assert_eq!(p.assert_problem(422, "validation_failed")["errors"][0]["code"], "annual_spans_years");
}

#[test]
fn a_returned_program_goes_back_to_drafting_and_a_completed_one_stays_closed() {
    let hub = Hub::start();
    let a = agencies(&hub);
    let id = program(&hub, &a.dost)["id"].as_str().unwrap().to_owned();
    act(&hub, &a.dost, &id, json!({"action": "submit"}));
    act(&hub, &a.dost, &id, json!({"action": "return"})).assert_problem(422, "validation_failed");
    let r = act(&hub, &a.dost, &id, json!({"action": "return", "reason": "Bổ sung chỉ tiêu đo lường."}));
    assert_eq!(r.json()["program"]["state"], "drafting");
    let changed = json!({"name": "Kế hoạch thực hiện Chỉ thị 38-CT/TW (sửa đổi)", "kind": "five_year", "start_year": 2026, "end_year": 2030});
    hub.put(&a.dost, &format!("/api/v1/programs/{id}"), Some("\"3\""), &changed).json();
    let r = hub.put(&a.dost, &format!("/api/v1/programs/{id}"), Some("\"3\""), &changed);
    r.assert_problem(412, "version_mismatch");
    act(&hub, &a.dost, &id, json!({"action": "submit"}));
    act(&hub, &a.admin, &id, json!({"action": "approve", "decision": decision("15/QĐ-UBND", "2026-01-20")}));
    act(&hub, &a.other, &id, json!({"action": "complete"})).assert_problem(403, "not_lead_agency");
    let r = act(&hub, &a.dost, &id, json!({"action": "complete"})).json();
    assert_eq!((r["program"]["state"].as_str(), r["program"]["next_actions"].clone()), (Some("completed"), json!([])));
    act(&hub, &a.dost, &id, json!({"action": "cancel", "reason": "x"})).assert_problem(409, "illegal_transition");
    let history = hub.get(&a.other, &format!("/api/v1/programs/{id}/history")).json();
    assert_eq!(
        history["items"].as_array().unwrap().len(),
        7,
        "created, submit, return, updated, submit, approve, complete"
    );
    let listed = hub.get(&a.other, "/api/v1/programs?state=completed&year=2028&kind=five_year").json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
}

#[test]
fn progress_counts_unreported_targets_never_mixes_periods_and_measures_per_year_targets() {
    let hub = Hub::start();
    let a = agencies(&hub);
    let id = program(&hub, &a.dost)["id"].as_str().unwrap().to_owned();
    let targets_path = format!("/api/v1/programs/{id}/targets");
    let surveyed = json!({"indicator": "Số sản phẩm được khảo sát chất lượng", "unit": "sản phẩm", "target_value": 20,
                          "aggregation": "sum", "responsible_agency": "SKHCN", "per_year": true});
    let surveyed = hub.post(&a.dost, &targets_path, &surveyed).json();
    let classes = json!({"indicator": "Số lớp đào tạo", "unit": "lớp", "target_value": 30, "aggregation": "sum", "responsible_agency": "SCT"});
    let classes = hub.post(&a.dost, &targets_path, &classes).json();
    assert_eq!((classes["reporting_period"].as_str(), classes["per_year"].as_bool()), (Some("year"), Some(false)));
    act(&hub, &a.dost, &id, json!({"action": "submit"}));
    act(&hub, &a.dost, &id, json!({"action": "approve", "decision": decision("15/QĐ-UBND", "2026-01-20")}));
    let report = |target: &Value, period: &str, value: f64| {
        let path = format!("{targets_path}/{}/actuals/{period}", target["id"].as_str().unwrap());
        hub.put(&a.dost, &path, None, &json!({"value": value}))
    };
    let p = report(&surveyed, "2025", 5.0).assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/period"), Some("outside_program"))
    );
    report(&surveyed, "2031", 5.0).assert_problem(422, "validation_failed");
    let p = report(&surveyed, "2026-Q1", 5.0).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "period_granularity", "a year's value and its quarters' never mix");
    let r = report(&surveyed, "2026", 20.0).json();
    let first = &r["by_year"][0];
    assert_eq!((first["year"].as_i64(), first["progress_percent"].as_f64()), (Some(2026), Some(100.0)), "{r}");
    let read = hub.get(&a.drafter, &format!("/api/v1/programs/{id}")).json();
    let progress = &read["progress"];
    assert_eq!((progress["targets"].as_i64(), progress["targets_unreported"].as_i64()), (Some(2), Some(1)));
    let per_year = r["progress_percent"].as_f64().unwrap();
    let expected = ((per_year / 2.0) * 10.0).round() / 10.0;
    assert_eq!(progress["mean_target_progress"].as_f64(), Some(expected), "an unreported target counts as 0: {read}");
}
