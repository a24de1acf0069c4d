//! Coordination requests (seed 001 Art. 4.3–4.4): due in 5 working days counted across Tết, a
//! silent agency found by the hub itself and told through the feed, the lead agency proceeding on
//! what it has, a disagreement escalated to DOST and the People's Committee; and the agencies
//! asked replying in time, or recording an in-depth check.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{Hub, valid_tax_codes};

const REQUESTS: &str = "/api/v1/coordination-requests";

struct Parties {
    sct: String,
    syt: String,
    snn: String,
    sxd: String,
    dost: String,
}

fn parties(hub: &Hub) -> Parties {
    Parties {
        sct: hub.client_with_role("SCT", "sct-system", "agency_officer").0,
        syt: hub.client_with_role("SYT", "syt-system", "agency_officer").0,
        snn: hub.client_with_role("SNN", "snn-system", "agency_officer").0,
        sxd: hub.client_with_role("SXD", "sxd-system", "agency_officer").0,
        dost: hub.client_with_role("SKHCN", "skhcn-officer", "agency_officer").0,
    }
}

fn act(hub: &Hub, token: &str, id: &str, body: Value) -> crate::support::Resp {
    hub.post(token, &format!("{REQUESTS}/{id}/transitions"), &body)
}

fn part<'a>(request: &'a Value, agency: &str) -> &'a Value {
    request["addressees"].as_array().unwrap().iter().find(|a| a["agency"] == agency).unwrap()
}

#[test]
fn a_request_across_tet_goes_unanswered_is_proceeded_escalated_and_settled() {
    let hub = Hub::start_with(|c| c.schedule_interval_seconds = 1);
    let p = parties(&hub);
    let tax = &valid_tax_codes(1)[0];
    let business = hub.post(&p.sct, "/api/v1/businesses", &json!({"tax_code": tax, "name": "Công ty Gốm Bát Tràng"}));
    assert_eq!(business.status, 201, "{}", business.body);
    let business_id = business.json()["id"].as_str().unwrap().to_owned();

    let mut request = json!({
        "subject": "Đề nghị phối hợp kiểm tra cơ sở sản xuất gốm",
        "body": "Đề nghị Sở Y tế và Sở Nông nghiệp cung cấp kết quả kiểm tra năm 2025 của cơ sở.",
        "addressees": [{"agency": "SYT"}, {"agency": "SNN", "working_days": 7}],
        "documents": [{"title": "Công văn đề nghị phối hợp", "number": "125/SCT-QLTM", "date": "2026-02-11"}],
        "related": [{"entity": "business", "id": business_id}],
        "received_on": "2026-02-12",
    });
    let r = hub.post(&p.sct, REQUESTS, &request).assert_problem(422, "validation_failed");
    assert_eq!(r["errors"][0]["pointer"], "/addressees/1/period_basis", "{r}");
    request["addressees"][1]["period_basis"] = json!("Luật Thanh tra 2022, Điều 62");
    request["related"][0]["id"] = json!("01900000-0000-7000-8000-000000000000");
    let r = hub.post(&p.sct, REQUESTS, &request).assert_problem(422, "validation_failed");
    assert_eq!(
        (r["errors"][0]["pointer"].as_str(), r["errors"][0]["code"].as_str()),
        (Some("/related/0/id"), Some("unknown_record"))
    );
    request["related"][0]["id"] = json!(business_id);
    request["addressees"][1]["agency"] = json!("SCT");
    let r = hub.post(&p.sct, REQUESTS, &request).assert_problem(422, "validation_failed");
    assert_eq!(r["errors"][0]["code"], "duplicate_addressee", "{r}");
    request["addressees"][1]["agency"] = json!("SNN");

    let created = hub.post(&p.sct, REQUESTS, &request);
    assert_eq!(created.status, 201, "{}", created.body);
    let sent = created.json();
    let id = sent["id"].as_str().unwrap().to_owned();
    let received = chrono::NaiveDate::from_ymd_opt(2026, 2, 12).unwrap();
    let due_syt = tdc_kernel::calendar::add_working_days(received, 5);
    assert_eq!(part(&sent, "SYT")["due_on"], json!(due_syt));
    assert!(
        due_syt >= chrono::NaiveDate::from_ymd_opt(2026, 2, 25).unwrap(),
        "Tết 2026 is not a working week: {due_syt}"
    );
    assert_eq!(part(&sent, "SNN")["due_on"], json!(tdc_kernel::calendar::add_working_days(received, 7)));
    assert_eq!((sent["overdue"].as_bool(), sent["state"].as_str()), (Some(true), Some("open")));
    assert_eq!(part(&sent, "SYT")["status"], "overdue");

    hub.get(&p.sxd, &format!("{REQUESTS}/{id}")).assert_problem(404, "not_found");
    hub.get(&p.dost, &format!("{REQUESTS}/{id}")).assert_problem(404, "not_found");
    let reply = json!({"position": "disagree", "text": "Cơ sở không thuộc phạm vi quản lý của ngành y tế."});
    hub.post(&p.sxd, &format!("{REQUESTS}/{id}/replies"), &reply).assert_problem(404, "not_found");
    let late = hub.post(&p.syt, &format!("{REQUESTS}/{id}/replies"), &reply);
    assert_eq!(late.status, 200, "{}", late.body);
    assert_eq!(part(&late.json(), "SYT")["status"], "replied_late");
    hub.post(&p.syt, &format!("{REQUESTS}/{id}/replies"), &reply).assert_problem(409, "already_replied");

    // The hub finds SNN's silence by itself and tells the parties through their feed.
    let deadline = Instant::now() + Duration::from_secs(15);
    let noticed = loop {
        let feed = hub.get(&p.snn, "/api/v1/changes?entity=coordination_request").json();
        if let Some(e) = feed["items"].as_array().unwrap().iter().find(|e| e["action"] == "overdue") {
            break e.clone();
        }
        assert!(Instant::now() < deadline, "no overdue change in SNN's feed: {feed}");
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!((noticed["entity_id"].as_str(), noticed["client_id"].as_str()), (Some(id.as_str()), Some("tdc-hub")));
    let now = hub.get(&p.sct, &format!("{REQUESTS}/{id}")).json();
    assert_eq!(part(&now, "SNN")["overdue_noticed_on"], json!(tdc_kernel::calendar::today()));
    let overdue = hub.get(&p.sct, &format!("{REQUESTS}?overdue=true&role=sent")).json();
    assert_eq!(overdue["items"].as_array().unwrap().len(), 1);
    let inbox = hub.get(&p.syt, &format!("{REQUESTS}?role=received")).json();
    assert_eq!(inbox["items"][0]["id"], json!(id));
    assert_eq!(hub.get(&p.syt, &format!("{REQUESTS}?role=sent")).json()["items"], json!([]));

    let checks = json!({"working_days": 20, "reason": "Cần xác minh hồ sơ lưu trữ của năm 2025 tại kho."});
    hub.post(&p.snn, &format!("{REQUESTS}/{id}/in-depth-checks"), &checks).assert_problem(409, "deadline_passed");
    act(&hub, &p.sct, &id, json!({"action": "close", "outcome": "Xong"})).assert_problem(409, "replies_awaited");
    act(&hub, &p.syt, &id, json!({"action": "proceed"})).assert_problem(403, "not_lead_agency");
    let proceeded = act(&hub, &p.sct, &id, json!({"action": "proceed", "reason": "Tổng hợp trên hồ sơ hiện có"}));
    assert_eq!(proceeded.status, 200, "{}", proceeded.body);
    let after = &proceeded.json()["request"];
    assert_eq!(after["state"], "proceeded");
    assert_eq!(
        (part(after, "SNN")["responsible_for_delay"].as_bool(), part(after, "SYT")["responsible_for_delay"].as_bool()),
        (Some(true), Some(false))
    );

    act(&hub, &p.sxd, &id, json!({"action": "escalate", "reason": "x"})).assert_problem(404, "not_found");
    act(&hub, &p.syt, &id, json!({"action": "escalate"})).assert_problem(422, "validation_failed");
    let escalated = act(&hub, &p.syt, &id, json!({"action": "escalate", "reason": "Không thống nhất phạm vi quản lý"}));
    assert_eq!(escalated.status, 200, "{}", escalated.body);
    assert_eq!(escalated.json()["request"]["escalated_on"], json!(tdc_kernel::calendar::today()));
    assert_eq!(hub.get(&p.dost, &format!("{REQUESTS}/{id}")).status, 200, "DOST is a party once escalated");
    act(&hub, &p.sct, &id, json!({"action": "refer", "reason": "x"})).assert_problem(403, "dost_only");
    let referred = act(&hub, &p.dost, &id, json!({"action": "refer", "reason": "Chưa thống nhất; báo cáo UBND tỉnh"}));
    assert_eq!(referred.json()["request"]["state"], "referred", "{}", referred.body);
    let settled =
        act(&hub, &p.dost, &id, json!({"action": "settle", "outcome": "UBND tỉnh giao Sở Công Thương chủ trì"}));
    assert_eq!(
        (settled.json()["request"]["state"].as_str(), settled.json()["request"]["closed_on"].clone()),
        (Some("closed"), json!(tdc_kernel::calendar::today()))
    );
    hub.post(&p.snn, &format!("{REQUESTS}/{id}/replies"), &reply).assert_problem(409, "request_closed");

    let moves = hub.get(&p.sct, &format!("{REQUESTS}/{id}/transitions")).json();
    let actions: Vec<&str> = moves["items"].as_array().unwrap().iter().map(|m| m["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["proceed", "escalate", "refer", "settle"]);
    let history = hub.get(&p.snn, &format!("{REQUESTS}/{id}/history")).json();
    let changes: Vec<&str> =
        history["items"].as_array().unwrap().iter().map(|m| m["action"].as_str().unwrap()).collect();
    assert_eq!(changes, ["created", "reply", "overdue", "proceed", "escalate", "refer", "settle"]);
}

#[test]
fn agencies_asked_reply_in_time_or_record_an_in_depth_check_and_the_lead_closes() {
    let hub = Hub::start();
    let p = parties(&hub);
    let request = json!({
        "subject": "Xin ý kiến dự thảo QCĐP về nước sạch",
        "body": "Đề nghị các Sở góp ý dự thảo.",
        "addressees": [{"agency": "SYT"}, {"agency": "SNN"}],
    });
    let created = hub.post(&p.sct, REQUESTS, &request);
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let today = tdc_kernel::calendar::today();
    assert_eq!(part(&created.json(), "SYT")["due_on"], json!(tdc_kernel::calendar::add_working_days(today, 5)));
    assert_eq!(part(&created.json(), "SYT")["status"], "awaiting");

    act(&hub, &p.sct, &id, json!({"action": "proceed"})).assert_problem(409, "not_overdue");
    let short = json!({"working_days": 5, "reason": "Cần lấy mẫu nước để thử nghiệm."});
    let r =
        hub.post(&p.snn, &format!("{REQUESTS}/{id}/in-depth-checks"), &short).assert_problem(422, "validation_failed");
    assert_eq!(r["errors"][0]["code"], "too_short");
    hub.post(
        &p.sct,
        &format!("{REQUESTS}/{id}/in-depth-checks"),
        &json!({"working_days": 15, "reason": "Cần lấy mẫu nước để thử nghiệm."}),
    )
    .assert_problem(403, "not_addressee");
    let longer = json!({"working_days": 15, "reason": "Cần lấy mẫu nước để thử nghiệm."});
    let checked = hub.post(&p.snn, &format!("{REQUESTS}/{id}/in-depth-checks"), &longer);
    assert_eq!(checked.status, 200, "{}", checked.body);
    let snn = part(&checked.json(), "SNN").clone();
    assert_eq!(
        (snn["working_days"].as_u64(), snn["due_on"].clone()),
        (Some(15), json!(tdc_kernel::calendar::add_working_days(today, 15)))
    );

    let agree = json!({"position": "agree", "text": "Nhất trí với dự thảo.", "documents": [{"title": "Công văn góp ý", "url": "https://syt.example.gov.vn/cv/77.pdf"}]});
    let r = hub.post(&p.syt, &format!("{REQUESTS}/{id}/replies"), &agree);
    assert_eq!(part(&r.json(), "SYT")["status"], "replied", "{}", r.body);
    act(&hub, &p.sct, &id, json!({"action": "close", "outcome": "Xong"})).assert_problem(409, "replies_awaited");
    let info = json!({"position": "information", "text": "Kết quả thử nghiệm mẫu nước đạt."});
    assert_eq!(hub.post(&p.snn, &format!("{REQUESTS}/{id}/replies"), &info).status, 200);
    act(&hub, &p.syt, &id, json!({"action": "close", "outcome": "Xong"})).assert_problem(403, "not_lead_agency");
    let closed = act(&hub, &p.sct, &id, json!({"action": "close", "outcome": "Tiếp thu, hoàn thiện dự thảo"}));
    assert_eq!(closed.json()["request"]["state"], "closed", "{}", closed.body);
    act(&hub, &p.sct, &id, json!({"action": "withdraw", "reason": "x"})).assert_problem(409, "illegal_transition");
    assert_eq!(hub.get(&p.sxd, &format!("{REQUESTS}?role=received")).json()["items"], json!([]));
    hub.post(&p.sct, REQUESTS, &json!({"subject": "x", "body": "y", "addressees": []}))
        .assert_problem(422, "validation_failed");
    let future = json!({"subject": "x", "body": "y", "addressees": [{"agency": "SYT"}], "received_on": "2099-01-01"});
    hub.post(&p.sct, REQUESTS, &future).assert_problem(422, "validation_failed");
    hub.post(&p.sct, REQUESTS, &json!({"subject": "x", "body": "y", "addressees": [{"agency": "NOPE"}]}))
        .assert_problem(422, "validation_failed");
}
