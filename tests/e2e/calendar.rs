//! Vietnam's working calendar: a deadline counted across Tết, the days off of a year, and the
//! government's swap of a Saturday for a weekday recorded by DOST's administrators.

use serde_json::json;

use crate::support::Hub;

#[test]
fn deadlines_pass_over_tet_and_the_swaps_dost_records() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let officer = hub.client_with_role("SKHCN", "skhcn-officer", "agency_officer").0;
    let public = |path: &str| hub.send("GET", path, &[], None);

    let d = public("/api/v1/calendar/deadline?from=2027-02-01&working_days=5").json();
    assert_eq!(d["due_on"], "2027-02-15", "Tết 2027 takes 4–10 February: {d}");
    assert_eq!(d["days_off"], json!(["2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10"]));
    let year = public("/api/v1/calendar/non-working-days?year=2026").json();
    let hung: Vec<(&str, &str)> = year
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["day"].as_str().unwrap().starts_with("2026-04"))
        .map(|d| (d["day"].as_str().unwrap(), d["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        hung,
        [("2026-04-26", "Giỗ Tổ Hùng Vương"), ("2026-04-27", "Nghỉ bù"), ("2026-04-30", "Ngày Chiến thắng")]
    );

    assert_eq!(public("/api/v1/calendar/deadline?from=2025-04-25&working_days=3").json()["due_on"], "2025-05-02");
    let swap = json!({"kind": "working_day", "reason": "Làm bù cho thứ Sáu 2/5", "decision": "Thông báo 6150/TB-BNV"});
    hub.put(&officer, "/api/v1/calendar/days/2025-04-26", None, &swap).assert_problem(403, "insufficient_scope");
    assert_eq!(hub.put(&admin, "/api/v1/calendar/days/2025-04-26", None, &swap).status, 200);
    let off = json!({"kind": "day_off", "reason": "Nghỉ bù cho thứ Bảy 26/4", "decision": "Thông báo 6150/TB-BNV"});
    assert_eq!(hub.put(&admin, "/api/v1/calendar/days/2025-05-02", None, &off).status, 200);
    let d = public("/api/v1/calendar/deadline?from=2025-04-25&working_days=3").json();
    assert_eq!(d["due_on"], "2025-04-29", "the Saturday worked counts, the Friday off does not: {d}");
    let year = public("/api/v1/calendar/non-working-days?year=2025").json();
    let decided: Vec<(&str, &str)> = year
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["source"] == "decision")
        .map(|d| (d["day"].as_str().unwrap(), d["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(decided, [("2025-04-26", "working_day"), ("2025-05-02", "day_off")]);
    assert_eq!(
        hub.send("DELETE", "/api/v1/calendar/days/2025-05-02", &[("Authorization", &format!("Bearer {admin}"))], None)
            .status,
        204
    );
    hub.send("DELETE", "/api/v1/calendar/days/2025-05-02", &[("Authorization", &format!("Bearer {admin}"))], None)
        .assert_problem(404, "not_found");
    hub.put(&admin, "/api/v1/calendar/days/2025-13-01", None, &off).assert_problem(400, "malformed_request");
    public("/api/v1/calendar/deadline?from=2025-04-25&working_days=0").assert_problem(400, "malformed_request");
}
