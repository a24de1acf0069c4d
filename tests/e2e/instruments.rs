//! Metrology: a commune loads its markets' register of scales (household stalls) and a fuel
//! station's dispenser in one batch; the list shows who is overdue, who falls due next month, the
//! communes' counts; a former commune code files under today's; a household owner's personal
//! identification number is whole only for the commune.

use chrono::{Datelike, Duration};
use serde_json::{Value, json};

use crate::support::{Hub, valid_tax_codes};

fn scale(serial: &str, stall: &str, personal_id: &str, valid_until: chrono::NaiveDate, commune: &str) -> Value {
    json!({"kind": "scale", "serial": serial, "model": "Nhơn Hòa 30 kg", "owner_kind": "household", "owner_name": stall,
           "owner_personal_id": personal_id, "place": format!("Sạp {serial}, chợ Hải Dương"), "commune_code": commune,
           "market": "Chợ Hải Dương", "stamp_number": format!("T-{serial}"), "verified_on": valid_until - Duration::days(365),
           "valid_until": valid_until, "verifying_body": "Trung tâm Kỹ thuật TĐC Hải Phòng"})
}

fn names(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|i| i["owner_name"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_communes_register_shows_who_is_overdue_and_who_falls_due_next_month() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    crate::units::load(&hub, &admin);
    let agency = json!({"code": "PHD", "name_vi": "UBND phường Hải Dương", "kind": "commune"});
    assert_eq!(hub.post(&admin, "/api/v1/agencies", &agency).status, 201);
    let commune = hub.client_with_role("PHD", "phd-system", "agency_officer").0;
    let sct = hub.client_with_role("SCT", "sct-system", "agency_officer").0;
    let station = valid_tax_codes(1).remove(0);
    assert_eq!(
        hub.post(&admin, "/api/v1/businesses", &json!({"tax_code": station, "name": "Cửa hàng xăng dầu số 5"})).status,
        201
    );

    let today = tdc_kernel::calendar::today();
    let next_month = (today.with_day(1).unwrap() + Duration::days(40)).with_day(12).unwrap();
    let register = json!([
        scale("C-01", "Bà Nguyễn Thị Lan", "031190001234", today - Duration::days(10), "11800"),
        scale("C-02", "Ông Trần Văn Hùng", "031190005678", next_month, "10507"),
        scale("C-03", "Bà Phạm Thị Hoa", "031190009012", today + Duration::days(400), "11800"),
        {"kind": "fuel_dispenser", "serial": "TD-2291", "owner_kind": "business", "owner_tax_code": station,
         "owner_name": "Cửa hàng xăng dầu số 5", "place": "Số 5 Nguyễn Lương Bằng", "commune_code": "11800"},
    ]);
    let r = hub.post(&commune, "/api/v1/measuring-instruments/batch", &register);
    assert_eq!(r.status, 200, "{}", r.body);
    let statuses: Vec<u64> =
        r.json()["results"].as_array().unwrap().iter().map(|x| x["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, [201, 201, 201, 201]);
    let again = hub.post(&commune, "/api/v1/measuring-instruments/batch", &register).json();
    let statuses: Vec<u64> =
        again["results"].as_array().unwrap().iter().map(|x| x["status"].as_u64().unwrap()).collect();
    assert_eq!(statuses, [200, 200, 200, 200], "a register sent again changes nothing");
    let r = hub.post(&sct, "/api/v1/measuring-instruments/batch", &json!([register[0].clone()])).json();
    assert_eq!(r["results"][0]["problem"]["code"], "not_lead_agency", "{r}");

    let overdue = hub.get(&sct, "/api/v1/measuring-instruments?commune_code=11800&status=overdue").json();
    assert_eq!(names(&overdue), ["Bà Nguyễn Thị Lan"]);
    assert_eq!(overdue["items"][0]["owner_personal_id"], "********1234", "another agency sees the last four digits");
    let own = hub.get(&commune, "/api/v1/measuring-instruments?status=overdue").json();
    assert_eq!(own["items"][0]["owner_personal_id"], "031190001234");
    let history = hub
        .get(&commune, &format!("/api/v1/measuring-instruments/{}/history", own["items"][0]["id"].as_str().unwrap()))
        .json();
    assert!(!history.to_string().contains("031190001234"), "history keeps the masked number: {history}");

    let month = format!("{:04}-{:02}", next_month.year(), next_month.month());
    let due = hub.get(&sct, &format!("/api/v1/measuring-instruments?commune_code=11800&due_in={month}")).json();
    assert_eq!(names(&due), ["Ông Trần Văn Hùng"]);
    assert_eq!(due["items"][0]["commune_code"], "11800", "a former commune code files under today's");
    let unverified = hub.get(&sct, "/api/v1/measuring-instruments?status=unverified&kind=fuel_dispenser").json();
    assert_eq!(unverified["items"][0]["owner_tax_code"], station.as_str());
    let counts = hub.get(&sct, &format!("/api/v1/measuring-instruments/due-by-commune?month={month}")).json();
    assert_eq!(counts["communes"], json!([{"commune_code": "11800", "due": 1, "overdue": 1}]));
    let csv = hub.get(&sct, "/api/v1/measuring-instruments/export?commune_code=11800&kind=scale").body;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!((lines.len(), lines[0].starts_with("id,lead_agency,kind,serial")), (4, true), "{csv}");
    assert!(!csv.contains("031190001234") && csv.contains("Bà Nguyễn Thị Lan"), "{csv}");
    let p = hub
        .get(&sct, "/api/v1/measuring-instruments/due-by-commune?month=2026-13")
        .assert_problem(400, "malformed_request");
    assert_eq!(p["errors"][0]["code"], "invalid_parameter");

    let mut wrong = register[3].clone();
    wrong["owner_personal_id"] = json!("031190001111");
    let p = hub.post(&commune, "/api/v1/measuring-instruments", &wrong).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/owner_tax_code");
    let p = hub.post(&commune, "/api/v1/measuring-instruments", &register[3]).assert_problem(409, "duplicate_key");
    assert_eq!(p["errors"][0]["pointer"], "/serial");
    let lan = &own["items"][0];
    let path = format!("/api/v1/measuring-instruments/{}", lan["id"].as_str().unwrap());
    let mut verified = register[0].clone();
    verified["verified_on"] = json!(today);
    verified["valid_until"] = json!(today + Duration::days(365));
    hub.put(&sct, &path, Some("\"2\""), &verified).assert_problem(403, "not_lead_agency");
    let r = hub.put(&commune, &path, Some(&format!("\"{}\"", lan["version"])), &verified);
    assert_eq!((r.status, r.json()["status"].as_str()), (200, Some("valid")), "{}", r.body);
}

#[test]
fn communes_keep_market_figures_report_fraud_to_dost_and_prepackaged_lots_are_checked() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    crate::units::load(&hub, &admin);
    let agency = json!({"code": "PHD", "name_vi": "UBND phường Hải Dương", "kind": "commune"});
    assert_eq!(hub.post(&admin, "/api/v1/agencies", &agency).status, 201);
    let commune = hub.client_with_role("PHD", "phd-system", "agency_officer").0;
    let sct = hub.client_with_role("SCT", "sct-system", "agency_officer").0;
    let dost = hub.client_with_role("SKHCN", "skhcn-officer", "agency_officer").0;

    let figures = |market: &str, verified: i32| {
        json!({"commune_code": "10507", "market": market, "period": "2026-Q3", "stalls": 120,
               "instruments_in_use": 80, "instruments_verified": verified, "instruments_checked": 30, "violations": 2})
    };
    let r = hub.post(
        &commune,
        "/api/v1/market-statistics/batch",
        &json!([figures("Chợ Hải Dương", 72), figures("Chợ Cống Câu", 40)]),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = hub.post(&commune, "/api/v1/market-statistics/batch", &json!([figures("Chợ Hải Dương", 76)])).json();
    assert_eq!(r["results"][0]["status"], 200, "the same market and period is updated: {r}");
    let listed = hub.get(&sct, "/api/v1/market-statistics?commune_code=11800&period=2026-Q3").json();
    let shares: Vec<(String, f64)> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["market"].as_str().unwrap().to_owned(), s["verified_percent"].as_f64().unwrap()))
        .collect();
    assert_eq!(shares, [("Chợ Hải Dương".to_owned(), 95.0), ("Chợ Cống Câu".to_owned(), 50.0)]);
    assert_eq!(listed["items"][0]["commune_code"], "11800");
    let csv = hub.get(&sct, "/api/v1/market-statistics/export?period=2026-Q3").body;
    assert!(csv.lines().count() == 3 && csv.contains("Chợ Cống Câu,2026-Q3,120,80,40,50"), "{csv}");
    let mut wrong = figures("Chợ Mới", 90);
    wrong["period"] = json!("2026-Q5");
    let r = hub
        .post(&commune, "/api/v1/market-statistics/batch?atomic=true", &json!([wrong]))
        .assert_problem(422, "validation_failed");
    let codes: Vec<&str> = r["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["period_format", "more_than_in_use"]);

    let fraud = json!({"found_on": "2026-09-14", "offender_kind": "household", "offender_name": "Sạp cá bà Tư",
                       "place": "Sạp 12, chợ Hải Dương", "commune_code": "11800", "instrument_kind": "scale",
                       "instrument_serial": "C-12", "description": "Cân bị can thiệp, thiếu 80 g mỗi kg",
                       "measures_taken": "Lập biên bản, tạm giữ cân"});
    let r = hub.post(&commune, "/api/v1/measurement-fraud-reports", &fraud);
    assert_eq!(r.status, 201, "{}", r.body);
    let report = r.json();
    assert_eq!(
        (report["sharing"].as_str(), report["coordinating_agencies"].clone()),
        (Some("restricted"), json!(["SKHCN"]))
    );
    let id = report["id"].as_str().unwrap();
    assert_eq!(hub.get(&dost, &format!("/api/v1/measurement-fraud-reports/{id}")).status, 200, "DOST is told");
    hub.get(&sct, &format!("/api/v1/measurement-fraud-reports/{id}")).assert_problem(404, "not_found");
    assert_eq!(hub.get(&sct, "/api/v1/measurement-fraud-reports").json()["items"], json!([]));

    let check = json!({"checked_on": "2026-09-20", "product_name": "Đường tinh luyện 1 kg", "nominal_quantity": 1000.0,
                       "unit": "g", "sample_size": 20, "mean_quantity": 985.5, "packages_short": 3, "result": "conforming"});
    let p = hub.post(&sct, "/api/v1/prepackaged-checks", &check).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "contradicts_mean");
    let mut failing = check.clone();
    failing["result"] = json!("non_conforming");
    let r = hub.post(&sct, "/api/v1/prepackaged-checks", &failing);
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(hub.get(&commune, r.header("Location").unwrap()).json()["mean_quantity"], 985.5);
    let listed = hub.get(&commune, "/api/v1/prepackaged-checks?result=non_conforming").json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    let ndjson = hub.get(&commune, "/api/v1/prepackaged-checks/export?format=ndjson").body;
    assert_eq!(ndjson.lines().count(), 1, "{ndjson}");
}
