//! A quarter's reports (seed 000 Art. 15, seed 001 Art. 15, seed 002 §II.3): DOST's template, the
//! request for the quarter with every agency's submission pre-filled from what the hub holds, one
//! returned and corrected, one sent as a document, one late from the quarter before; the province's
//! aggregate by kind of agency, exported to an XLSX file this test opens, and to CSV.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde_json::{Value, json};

use crate::support::Hub;

struct Desk {
    dost: String,
    sct: String,
    syt: String,
    commune: String,
}

fn desk(hub: &Hub) -> Desk {
    let admin = hub.admin_token();
    let commune = json!({"code": "XTB", "name_vi": "UBND xã Tam Bạc", "kind": "commune"});
    assert_eq!(hub.post(&admin, "/api/v1/agencies", &commune).status, 201);
    Desk {
        dost: hub.client_with_role("SKHCN", "skhcn-officer", "agency_officer").0,
        sct: hub.client_with_role("SCT", "sct-system", "agency_officer").0,
        syt: hub.client_with_role("SYT", "syt-system", "agency_officer").0,
        commune: hub.client_with_role("XTB", "xtb-system", "agency_officer").0,
    }
}

fn complaint(hub: &Hub, token: &str, n: usize) {
    let body = json!({"channel": "hotline", "complaint": {"kind": "feedback", "subject": format!("Phản ánh {n}"),
        "description": "Cân điện tử ở chợ sai số.", "commune_code": "11800"}, "handling_agency": "SCT"});
    let r = hub.post(token, "/api/v1/complaints", &body);
    assert_eq!(r.status, 201, "{}", r.body);
}

fn value(submission: &Value, code: &str) -> Value {
    submission["values"].as_array().unwrap().iter().find(|v| v["code"] == code).unwrap().clone()
}

fn submission_of(hub: &Hub, token: &str, request: &str) -> Value {
    let page = hub.get(token, &format!("/api/v1/report-submissions?request_id={request}")).json();
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "{page}");
    page["items"][0].clone()
}

fn act(hub: &Hub, token: &str, id: &str, body: Value) -> crate::support::Resp {
    hub.post(token, &format!("/api/v1/report-submissions/{id}/transitions"), &body)
}

fn fill(hub: &Hub, token: &str, s: &Value, body: Value) -> Value {
    let etag = format!("\"{}\"", s["version"]);
    let r =
        hub.put(token, &format!("/api/v1/report-submissions/{}/values", s["id"].as_str().unwrap()), Some(&etag), &body);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

#[test]
fn a_quarter_is_reported_prefilled_corrected_late_aggregated_and_exported() {
    let hub = Hub::start();
    let d = desk(&hub);
    complaint(&hub, &d.sct, 1);
    complaint(&hub, &d.sct, 2);

    let template = json!({"code": "TDC-QUY", "name": "Báo cáo quý về TĐC", "frequency": "quarterly",
        "due_month_offset": 0, "due_day": 25, "indicators": [
            {"code": "1", "name": "Số phản ánh, kiến nghị tiếp nhận", "unit": "vụ", "computed": "complaints_received"},
            {"code": "2", "name": "Số lần trả lời đề nghị phối hợp", "computed": "coordination_replies"},
            {"code": "3", "name": "Số lớp tập huấn", "unit": "lớp"}]});
    hub.post(&d.sct, "/api/v1/report-templates", &template).assert_problem(403, "dost_only");
    assert_eq!(hub.post(&d.dost, "/api/v1/report-templates", &template).status, 201);
    let ask = |period: &str| {
        json!({"title": format!("Báo cáo {period}"), "template_code": "TDC-QUY", "period": period,
        "agencies": ["SCT", "SYT", "XTB"]})
    };
    let q4 = hub.post(&d.dost, "/api/v1/report-requests", &ask("2026-Q4"));
    assert_eq!(q4.status, 201, "{}", q4.body);
    let q4 = q4.json();
    assert_eq!((q4["due_on"].as_str(), q4["period_start"].as_str()), (Some("2026-12-25"), Some("2026-10-01")));
    hub.post(&d.dost, "/api/v1/report-requests", &ask("2026-Q4")).assert_problem(409, "duplicate_key");
    let p = hub.post(&d.dost, "/api/v1/report-requests", &ask("2026")).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "period_format");
    let q4_id = q4["id"].as_str().unwrap().to_owned();

    let sct = submission_of(&hub, &d.sct, &q4_id);
    assert_eq!(
        value(&sct, "1"),
        json!({"code": "1", "value": 2.0, "computed": true}),
        "pre-filled from the complaints recorded"
    );
    assert_eq!(value(&sct, "3"), json!({"code": "3", "computed": false}));
    act(&hub, &d.sct, sct["id"].as_str().unwrap(), json!({"action": "submit"})).assert_problem(409, "values_missing");
    let sct = fill(&hub, &d.sct, &sct, json!({"values": [{"code": "3", "value": 4}]}));
    let sct_id = sct["id"].as_str().unwrap().to_owned();
    let sent = act(&hub, &d.sct, &sct_id, json!({"action": "submit"}));
    assert_eq!(
        (sent.json()["submission"]["state"].as_str(), sent.json()["submission"]["late"].as_bool()),
        (Some("submitted"), Some(false)),
        "{}",
        sent.body
    );
    act(&hub, &d.sct, &sct_id, json!({"action": "accept"})).assert_problem(403, "dost_only");
    let back = act(&hub, &d.dost, &sct_id, json!({"action": "return", "reason": "Số lớp tập huấn chưa khớp kế hoạch"}));
    assert_eq!(back.json()["submission"]["state"], "returned", "{}", back.body);
    let sct = fill(
        &hub,
        &d.sct,
        &back.json()["submission"],
        json!({"values": [{"code": "3", "value": 5, "note": "Theo kế hoạch 12/KH-SCT"}]}),
    );
    assert_eq!(act(&hub, &d.sct, &sct_id, json!({"action": "submit"})).status, 200);
    assert_eq!(act(&hub, &d.dost, &sct_id, json!({"action": "accept"})).json()["submission"]["state"], "accepted");
    hub.put(
        &d.sct,
        &format!("/api/v1/report-submissions/{sct_id}/values"),
        Some(&format!("\"{}\"", sct["version"].as_i64().unwrap() + 2)),
        &json!({"values": []}),
    )
    .assert_problem(409, "not_editable");

    let commune = submission_of(&hub, &d.commune, &q4_id);
    let document = json!({"title": "Báo cáo quý IV của UBND xã", "number": "45/BC-UBND", "url": "https://tambac.example.gov.vn/bc45.pdf"});
    let commune =
        fill(&hub, &d.commune, &commune, json!({"values": [{"code": "3", "value": 1}], "attachment": document}));
    assert_eq!(act(&hub, &d.commune, commune["id"].as_str().unwrap(), json!({"action": "submit"})).status, 200);
    hub.get(&d.syt, &format!("/api/v1/report-submissions/{sct_id}")).assert_problem(404, "not_found");

    let following = hub.get(&d.dost, &format!("/api/v1/report-requests/{q4_id}")).json();
    let states: Vec<(&str, &str, bool)> = following["progress"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["agency"].as_str().unwrap(), p["state"].as_str().unwrap(), p["late"].as_bool().unwrap()))
        .collect();
    assert_eq!(states, [("SCT", "accepted", false), ("SYT", "draft", false), ("XTB", "submitted", false)]);

    // The quarter before was due on 25 September: SYT is late at once, and late when it sends.
    let q3 = hub
        .post(
            &d.dost,
            "/api/v1/report-requests",
            &json!({"title": "Báo cáo quý III", "template_code": "TDC-QUY",
        "period": "2026-Q3", "agencies": ["SYT"]}),
        )
        .json();
    let syt = submission_of(&hub, &d.syt, q3["id"].as_str().unwrap());
    assert_eq!((syt["late"].as_bool(), value(&syt, "1")["value"].as_f64()), (Some(true), Some(0.0)));
    let syt = fill(&hub, &d.syt, &syt, json!({"values": [{"code": "3", "value": 2}]}));
    let sent = act(&hub, &d.syt, syt["id"].as_str().unwrap(), json!({"action": "submit"})).json();
    assert_eq!(sent["submission"]["late"], true, "{sent}");

    let aggregate = hub.get(&d.dost, &format!("/api/v1/report-requests/{q4_id}/aggregate")).json();
    assert_eq!(
        (aggregate["counted"].clone(), aggregate["missing"].clone()),
        (json!(["SCT", "XTB"]), json!(["SYT"])),
        "{aggregate}"
    );
    let training = &aggregate["lines"][2];
    assert_eq!(
        (training["total"].as_f64(), training["by_agency_kind"].clone()),
        (Some(6.0), json!({"commune": 1.0, "department": 5.0}))
    );
    assert_eq!(training["by_sector"], json!({"(none)": 6.0}), "agencies without sectors");
    let accepted = hub.get(&d.dost, &format!("/api/v1/report-requests/{q4_id}/aggregate?accepted_only=true")).json();
    assert_eq!(accepted["lines"][2]["total"], 5.0);

    let file = hub.get(&d.dost, &format!("/api/v1/report-requests/{q4_id}/export?format=xlsx"));
    assert_eq!(file.header("Content-Type"), Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(file.bytes.clone())).expect("an XLSX file");
    let sheet = book.worksheet_range("Tong hop").expect("the sheet");
    let cell = |r: u32, c: u32| sheet.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 0), Data::String("Báo cáo 2026-Q4 — 2026-Q4".into()));
    assert_eq!(cell(2, 1), Data::String("1 Số phản ánh, kiến nghị tiếp nhận (vụ)".into()));
    assert_eq!((cell(3, 0), cell(3, 1), cell(3, 3)), (Data::String("SCT".into()), Data::Float(2.0), Data::Float(5.0)));
    assert_eq!((cell(5, 0), cell(5, 3)), (Data::String("Tổng cộng / Total".into()), Data::Float(6.0)));
    let csv = hub.get(&d.dost, &format!("/api/v1/report-requests/{q4_id}/export?format=csv"));
    assert!(csv.body.lines().nth(1).is_some_and(|l| l.starts_with("SCT,2,0,5")), "{}", csv.body);
    hub.get(&d.dost, &format!("/api/v1/report-requests/{q4_id}/export?format=pdf"))
        .assert_problem(400, "malformed_request");
}

#[test]
fn an_ad_hoc_request_is_filled_from_the_hub_at_once() {
    let hub = Hub::start();
    let d = desk(&hub);
    complaint(&hub, &d.sct, 1);
    let today = tdc_kernel::calendar::today();
    let body = json!({"title": "Báo cáo nhanh tình hình phản ánh về đo lường", "agencies": ["SCT", "SYT"],
        "indicators": [{"code": "phan_anh", "name": "Số phản ánh", "computed": "complaints_received"},
                       {"code": "xu_ly", "name": "Số vụ đã xử lý"}],
        "period_start": today, "period_end": today, "due_on": today});
    hub.post(&d.dost, "/api/v1/report-requests", &json!({"title": "x", "agencies": ["SCT"]}))
        .assert_problem(422, "validation_failed");
    let made = hub.post(&d.dost, "/api/v1/report-requests", &body);
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(made.json()["kind"], "ad_hoc");
    let sct = submission_of(&hub, &d.sct, made.json()["id"].as_str().unwrap());
    assert_eq!(value(&sct, "phan_anh")["value"], 1.0, "filled at once: the agency adds only what is missing");
    let p = hub
        .put(
            &d.sct,
            &format!("/api/v1/report-submissions/{}/values", sct["id"].as_str().unwrap()),
            Some("\"1\""),
            &json!({"values": [{"code": "nope", "value": 1}]}),
        )
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "unknown_indicator");
    let sct =
        fill(&hub, &d.sct, &sct, json!({"values": [{"code": "phan_anh", "value": 3}, {"code": "xu_ly", "value": 1}]}));
    assert_eq!(value(&sct, "phan_anh")["computed"], false, "a computed value changed by the agency is entered");
    hub.post(&d.syt, "/api/v1/report-requests", &body).assert_problem(403, "dost_only");
}

#[test]
fn statistics_count_every_domains_work_by_agency_kind_sector_and_month() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let sct = json!({"code": "SCT", "name_vi": "Sở Công Thương", "kind": "department", "sectors": ["industry_trade"]});
    assert_eq!(hub.post(&admin, "/api/v1/agencies", &sct).status, 201);
    let d = desk(&hub);
    complaint(&hub, &d.sct, 1);
    complaint(&hub, &d.sct, 2);
    let class = json!({"kind": "class", "title": "Tập huấn cân đúng", "topics": ["đo lường"], "audience": "businesses",
        "held_on": "2026-11-20", "attendees": 40});
    assert_eq!(hub.post(&d.commune, "/api/v1/training-activities", &class).status, 201);
    let today = tdc_kernel::calendar::today();
    let stats = |by: &str| hub.get(&d.syt, &format!("/api/v1/statistics?from={today}&to={today}&group_by={by}")).json();
    let count = |s: &Value, group: &str, entity: &str, action: &str| {
        s["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["group"] == group && r["entity"] == entity && r["action"] == action)
            .map(|r| r["count"].as_i64().unwrap())
    };
    assert_eq!(count(&stats("agency"), "SCT", "complaint", "created"), Some(2));
    let kinds = stats("agency_kind");
    assert_eq!(
        (count(&kinds, "department", "complaint", "created"), count(&kinds, "commune", "training_activity", "created")),
        (Some(2), Some(1))
    );
    assert_eq!(count(&stats("sector"), "industry_trade", "complaint", "created"), Some(2));
    let month = today.format("%Y-%m").to_string();
    assert_eq!(count(&stats("month"), &month, "complaint", "created"), Some(2));
    let only = hub.get(&d.syt, &format!("/api/v1/statistics?from={today}&to={today}&entity=complaint")).json();
    assert_eq!(only["total"], 2, "{only}");
    hub.get(&d.syt, "/api/v1/statistics?from=2026-02-01&to=2026-01-01").assert_problem(400, "malformed_request");
    hub.get(&d.syt, "/api/v1/statistics?from=2020-01-01&to=2026-01-01").assert_problem(400, "malformed_request");
}
