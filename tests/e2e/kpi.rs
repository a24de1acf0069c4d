//! The KPI index (seed 001 Art. 15.1.b): DOST weighs coordination replies, reports and complaints
//! on time; the agencies are ranked with the facts behind every point, the same on every asking.

use serde_json::{Value, json};

use crate::support::Hub;

fn request(hub: &Hub, from: &str, to: &[&str], received_on: Option<&str>) -> String {
    let mut body = json!({"subject": "Phối hợp", "body": "Đề nghị phối hợp.",
        "addressees": to.iter().map(|a| json!({"agency": a})).collect::<Vec<_>>()});
    if let Some(day) = received_on {
        body["received_on"] = json!(day);
    }
    let r = hub.post(from, "/api/v1/coordination-requests", &body);
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()["id"].as_str().unwrap().to_owned()
}

fn reply(hub: &Hub, token: &str, id: &str) {
    let r = hub.post(
        token,
        &format!("/api/v1/coordination-requests/{id}/replies"),
        &json!({"position": "information", "text": "Đã có."}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
}

fn score<'a>(ranking: &'a Value, agency: &str) -> &'a Value {
    ranking["scores"].as_array().unwrap().iter().find(|s| s["agency"] == agency).unwrap()
}

#[test]
fn agencies_are_ranked_with_the_facts_behind_every_point() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    assert_eq!(
        hub.post(&admin, "/api/v1/agencies", &json!({"code": "XTB", "name_vi": "UBND xã Tam Bạc", "kind": "commune"}))
            .status,
        201
    );
    let dost = hub.client_with_role("SKHCN", "skhcn-officer", "agency_officer").0;
    let sct = hub.client_with_role("SCT", "sct-system", "agency_officer").0;
    let syt = hub.client_with_role("SYT", "syt-system", "agency_officer").0;
    let snn = hub.client_with_role("SNN", "snn-system", "agency_officer").0;

    let february = request(&hub, &sct, &["SYT", "SNN"], Some("2026-02-12"));
    reply(&hub, &syt, &february);
    let recent = request(&hub, &sct, &["SNN"], None);
    reply(&hub, &snn, &recent);

    let q3 = hub.post(&dost, "/api/v1/report-requests", &json!({"title": "Quý III", "agencies": ["SCT", "SYT"],
        "indicators": [{"code": "1", "name": "Số lớp tập huấn"}], "period_start": "2026-07-01", "period_end": "2026-09-30",
        "due_on": "2026-09-25"}));
    assert_eq!(q3.status, 201, "{}", q3.body);
    let mine =
        hub.get(&sct, &format!("/api/v1/report-submissions?request_id={}", q3.json()["id"].as_str().unwrap())).json();
    let s = &mine["items"][0];
    let path = format!("/api/v1/report-submissions/{}", s["id"].as_str().unwrap());
    assert_eq!(
        hub.put(
            &sct,
            &format!("{path}/values"),
            Some(&format!("\"{}\"", s["version"])),
            &json!({"values": [{"code": "1", "value": 2}]})
        )
        .status,
        200
    );
    assert_eq!(hub.post(&sct, &format!("{path}/transitions"), &json!({"action": "submit"})).status, 200);

    let complaint = json!({"channel": "hotline", "handling_agency": "SCT", "complaint": {"kind": "feedback",
        "subject": "Cân sai", "description": "Cân ở chợ sai số."}});
    let c = hub.post(&sct, "/api/v1/complaints", &complaint).json();
    let moves = format!("/api/v1/complaints/{}/transitions", c["id"].as_str().unwrap());
    assert_eq!(hub.post(&sct, &moves, &json!({"action": "accept"})).status, 200);
    assert_eq!(hub.post(&sct, &moves, &json!({"action": "resolve", "outcome": "Đã kiểm tra, xử lý"})).status, 200);

    let scheme = json!({"name": "Chỉ số KPI năm 2026", "period_start": "2026-01-01", "period_end": "2026-12-31",
        "components": [{"component": "coordination_on_time", "weight": 40}, {"component": "reports_on_time", "weight": 30},
                       {"component": "complaints_on_time", "weight": 30}],
        "agencies": ["SCT", "SYT", "SNN", "XTB"]});
    hub.post(&sct, "/api/v1/kpi-schemes", &scheme).assert_problem(403, "dost_only");
    let mut twice = scheme.clone();
    twice["components"][1]["component"] = json!("coordination_on_time");
    let p = hub.post(&dost, "/api/v1/kpi-schemes", &twice).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "duplicate_component");
    let made = hub.post(&dost, "/api/v1/kpi-schemes", &scheme);
    assert_eq!(made.status, 201, "{}", made.body);
    let ranking_path = format!("/api/v1/kpi-schemes/{}/ranking", made.json()["id"].as_str().unwrap());
    let ranking = hub.get(&syt, &ranking_path).json();

    let order: Vec<(u64, &str, Option<f64>)> = ranking["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["rank"].as_u64().unwrap(), s["agency"].as_str().unwrap(), s["score"].as_f64()))
        .collect();
    assert_eq!(
        order,
        [(1, "SCT", Some(50.0)), (1, "SNN", Some(50.0)), (3, "SYT", Some(0.0)), (4, "XTB", None)],
        "{ranking}"
    );
    let sct_parts = &score(&ranking, "SCT")["components"];
    assert_eq!(
        (sct_parts[0]["counted"].as_i64(), sct_parts[1]["met"].as_i64(), sct_parts[2]["met"].as_i64()),
        (Some(0), Some(0), Some(1))
    );
    assert!(sct_parts[1]["misses"][0].as_str().unwrap().contains("due 2026-09-25, submitted"), "{sct_parts}");
    let syt_coordination = &score(&ranking, "SYT")["components"][0];
    assert!(
        syt_coordination["misses"][0].as_str().unwrap().contains(&format!("{february} due 2026-02-26, replied")),
        "{syt_coordination}"
    );
    let snn_coordination = &score(&ranking, "SNN")["components"][0];
    assert_eq!((snn_coordination["counted"].as_i64(), snn_coordination["share"].as_f64()), (Some(2), Some(0.5)));

    let again = hub.get(&dost, &ranking_path).json();
    assert_eq!(again["scores"], ranking["scores"], "the same facts give the same index");
}

#[test]
fn plan_execution_and_data_freshness_are_counted_month_by_month() {
    let hub = Hub::start();
    let d = crate::inspection_plans::desk(&hub);
    crate::inspections::concluded_inspection_of(&hub, &d, &d.taxes[0]);
    let open = json!({"kind": "production", "origin": "warning", "trigger_ref": "CB-2026-08", "tax_code": d.taxes[1],
        "decision": {"number": "46/QĐ-KT", "date": "2026-03-01"}, "period_from": "2026-03-01", "period_to": "2026-03-10"});
    let open = hub.post(&d.dost, "/api/v1/inspections", &open);
    assert_eq!(open.status, 201, "{}", open.body);
    use chrono::Datelike;
    let today = tdc_kernel::calendar::today();
    let this_month = today.with_day(1).unwrap();
    let last_month = (this_month - chrono::Duration::days(1)).with_day(1).unwrap();
    let scheme = json!({"name": "KPI hai tháng", "period_start": last_month, "period_end": today,
        "components": [{"component": "inspections_concluded", "weight": 50}, {"component": "data_freshness", "weight": 50}],
        "agencies": ["SKHCN", "SCT"]});
    let made = hub.post(&d.dost, "/api/v1/kpi-schemes", &scheme);
    assert_eq!(made.status, 201, "{}", made.body);
    let ranking =
        hub.get(&d.sct, &format!("/api/v1/kpi-schemes/{}/ranking", made.json()["id"].as_str().unwrap())).json();
    let dost = score(&ranking, "SKHCN");
    let parts = &dost["components"];
    assert_eq!((parts[0]["counted"].as_i64(), parts[0]["met"].as_i64()), (Some(2), Some(1)), "{ranking}");
    let open_id = open.json()["id"].as_str().unwrap().to_owned();
    assert!(parts[0]["misses"][0].as_str().unwrap().contains(&open_id), "{parts}");
    assert_eq!((parts[1]["counted"].as_i64(), parts[1]["met"].as_i64()), (Some(2), Some(1)), "last month and this one");
    assert_eq!(parts[1]["misses"], json!([format!("nothing recorded in {}", last_month.format("%Y-%m"))]));
    assert_eq!(dost["score"], 50.0);
    let sct = score(&ranking, "SCT");
    assert_eq!((sct["score"].as_f64(), sct["rank"].as_u64()), (Some(0.0), Some(2)), "{sct}");
}
