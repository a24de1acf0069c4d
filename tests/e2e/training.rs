//! Training and awareness activities: classes, a forum and a leaflet recorded by their organisers,
//! counted for the year against the program target, and in a report computed by the hub.

use serde_json::json;

use crate::support::Hub;

#[test]
fn activities_count_against_the_program_target_and_in_reports() {
    let hub = Hub::start();
    let dost = hub.client_with_role("SKHCN", "skhcn-officer", "agency_officer").0;
    let sct = hub.client_with_role("SCT", "sct-system", "agency_officer").0;
    hub.client_with_role("SYT", "syt-system", "agency_officer");
    let program = hub.post(
        &dost,
        "/api/v1/programs",
        &json!({"name": "Chương trình TĐC 2026-2030", "kind": "five_year",
        "start_year": 2026, "end_year": 2030}),
    );
    assert_eq!(program.status, 201, "{}", program.body);
    let targets = format!("/api/v1/programs/{}/targets", program.json()["id"].as_str().unwrap());
    let target = hub.post(
        &dost,
        &targets,
        &json!({"indicator": "Số lớp tập huấn, hội thảo", "unit": "lớp", "target_value": 4,
        "aggregation": "sum", "responsible_agency": "SCT"}),
    );
    assert_eq!(target.status, 201, "{}", target.body);
    let target_id = target.json()["id"].as_str().unwrap().to_owned();

    let class = json!({"kind": "class", "title": "Tập huấn ghi nhãn hàng hóa", "topics": ["ghi nhãn hàng hóa"],
        "audience": "businesses", "held_on": "2026-06-12", "attendees": 85, "co_organisers": ["SYT"],
        "program_target_id": target_id, "commune_code": "11800"});
    let mut missing = class.clone();
    missing.as_object_mut().unwrap().remove("attendees");
    let p = hub.post(&sct, "/api/v1/training-activities", &missing).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/attendees");
    let mut unknown = class.clone();
    unknown["program_target_id"] = json!("01900000-0000-7000-8000-000000000000");
    hub.post(&sct, "/api/v1/training-activities", &unknown).assert_problem(422, "validation_failed");
    let made = hub.post(&sct, "/api/v1/training-activities", &class);
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(
        (made.json()["lead_agency"].as_str(), made.json()["coordinating_agencies"].clone()),
        (Some("SCT"), json!(["SYT"]))
    );
    let forum = json!({"kind": "forum", "title": "Diễn đàn chất lượng sản phẩm OCOP", "topics": ["OCOP", "truy xuất nguồn gốc"],
        "audience": "mixed", "held_on": "2026-09-03", "ended_on": "2026-09-04", "attendees": 120, "program_target_id": target_id});
    assert_eq!(hub.post(&sct, "/api/v1/training-activities", &forum).status, 201);
    let leaflet = json!({"kind": "publication", "title": "Tờ rơi nhận biết hàng giả", "topics": ["hàng giả"],
        "audience": "consumers", "held_on": "2026-03-15", "copies": 5000});
    assert_eq!(hub.post(&dost, "/api/v1/training-activities", &leaflet).status, 201);
    let old = json!({"kind": "class", "title": "Lớp năm trước", "topics": ["đo lường"], "audience": "officials",
        "held_on": "2025-11-20", "attendees": 30, "program_target_id": target_id});
    assert_eq!(hub.post(&sct, "/api/v1/training-activities", &old).status, 201);

    let progress =
        hub.get(&dost, &format!("/api/v1/training-activities/progress?year=2026&program_target_id={target_id}")).json();
    assert_eq!(
        (progress["activities"].as_i64(), progress["attendees"].as_i64(), progress["progress_percent"].as_f64()),
        (Some(2), Some(205), Some(50.0)),
        "{progress}"
    );
    let all = hub.get(&dost, "/api/v1/training-activities/progress?year=2026").json();
    assert_eq!(
        (all["by_kind"].clone(), all["copies"].as_i64()),
        (json!({"class": 1, "forum": 1, "publication": 1}), Some(5000))
    );
    hub.get(&dost, "/api/v1/training-activities/progress?year=1990").assert_problem(400, "malformed_request");
    let listed = hub.get(&sct, "/api/v1/training-activities?year=2026&kind=class").json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);

    let today = tdc_kernel::calendar::today();
    let asked = hub.post(&dost, "/api/v1/report-requests", &json!({"title": "Báo cáo nhanh công tác tuyên truyền",
        "agencies": ["SCT"], "indicators": [{"code": "tt", "name": "Số hoạt động tuyên truyền, tập huấn", "computed": "training_activities"}],
        "period_start": today, "period_end": today, "due_on": today}));
    assert_eq!(asked.status, 201, "{}", asked.body);
    let mine = hub
        .get(&sct, &format!("/api/v1/report-submissions?request_id={}", asked.json()["id"].as_str().unwrap()))
        .json();
    assert_eq!(mine["items"][0]["values"][0]["value"], 3.0, "the activities SCT recorded today, counted by the hub");
}
