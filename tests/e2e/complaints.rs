//! Complaints with sealed whistleblowers: a public denunciation is routed to the competent
//! department, transferred once, read (with a reason, recorded) only by the handling agency,
//! resolved within its deadline and told to DOST — and the person's identity appears in no
//! response, feed page, history, database column or log line of the run but the sealed read's.

use std::cell::RefCell;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{ADMIN_SECRET, Client, Resp, TestDb};

const NAME: &str = "Trần Thị Kín Đáo Bảy Ba";
const PHONE: &str = "0912777331";
const PERSONAL_ID: &str = "031190077331";

/// A `tdc-hub` process logging at debug level into `log`.
fn start(db: &TestDb, data: &std::path::Path, port: u16, log: &std::path::Path) -> Child {
    let out = std::fs::File::create(log).unwrap();
    let child = Command::new(crate::crash::binary())
        .env("DATABASE_URL", &db.url)
        .env("TDC_DATA_DIR", data)
        .env("TDC_LISTEN", format!("127.0.0.1:{port}"))
        .env("TDC_BOOTSTRAP_SECRET", ADMIN_SECRET)
        .env("TDC_LOG", "debug")
        .env("TDC_SCHEDULE_INTERVAL", "0")
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .unwrap();
    let started = Instant::now();
    let agent = ureq::AgentBuilder::new().build();
    while !agent.get(&format!("http://127.0.0.1:{port}/readyz")).call().is_ok_and(|r| r.status() == 200) {
        assert!(started.elapsed() < Duration::from_secs(30), "the hub did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    child
}

/// Every answer of the run but the sealed reads, to search for the person afterwards.
struct Seen<'a> {
    hub: &'a Client,
    bodies: RefCell<Vec<String>>,
}

impl Seen<'_> {
    fn keep(&self, r: Resp) -> Resp {
        self.bodies.borrow_mut().push(format!("{:?} {}", r.headers, r.body));
        r
    }
    fn get(&self, token: &str, path: &str) -> Resp {
        self.keep(self.hub.get(token, path))
    }
    fn post(&self, token: &str, path: &str, body: &Value) -> Resp {
        self.keep(self.hub.post(token, path, body))
    }
    fn public(&self, method: &str, path: &str, body: Option<&Value>) -> Resp {
        let headers = [("Content-Type", "application/json")];
        self.keep(self.hub.send(method, path, &headers, body.map(|b| b.to_string()).as_deref()))
    }
    fn act(&self, token: &str, id: &str, body: Value) -> Resp {
        self.post(token, &format!("/api/v1/complaints/{id}/transitions"), &body)
    }
}

fn denunciation(person: bool) -> Value {
    let mut body = json!({"kind": "denunciation", "subject": "Cửa hàng bán đồ chơi không rõ nguồn gốc",
        "description": "Cửa hàng ở chợ Tam Bạc bán xe đồ chơi không tem hợp quy, giá rẻ bất thường.",
        "product_name": "Xe đồ chơi chạy pin", "business_name": "Cửa hàng Đồ chơi Tam Bạc",
        "category_code": "do-choi", "commune_code": "11800"});
    if person {
        body["person"] = json!({"name": NAME, "phone": PHONE, "personal_id": PERSONAL_ID, "address": "Số 9 Tam Bạc"});
    }
    body
}

#[test]
fn a_public_denunciation_is_routed_transferred_resolved_and_its_whistleblower_never_leaks() {
    let data = std::env::temp_dir().join(format!("tdc-complaints-{}", uuid::Uuid::now_v7().simple()));
    let db = TestDb::from_template(&data);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    std::fs::create_dir_all(&data).unwrap();
    let log = data.join("hub.log");
    let mut child = start(&db, &data, port, &log);
    let hub = Client::new(&format!("http://127.0.0.1:{port}"));
    let seen = Seen { hub: &hub, bodies: RefCell::new(Vec::new()) };
    let admin = hub.admin_token();
    let sct = hub.client_with_role("SCT", "sct-system", "agency_officer").0;
    let sct_viewer = hub.client_with_role("SCT", "sct-viewer", "viewer").0;
    let syt = hub.client_with_role("SYT", "syt-system", "agency_officer").0;
    let dost = hub.client_with_role("SKHCN", "skhcn-officer", "agency_officer").0;

    seen.post(&sct, "/api/v1/complaint-routes", &json!({"category_code": "do-choi", "agency": "SCT"}))
        .assert_problem(403, "dost_only");
    assert_eq!(
        seen.post(&dost, "/api/v1/complaint-routes", &json!({"category_code": "do-choi", "agency": "SCT"})).status,
        201
    );
    let specific = json!({"category_code": "do-choi", "commune_code": "99999", "agency": "SYT"});
    assert_eq!(seen.post(&dost, "/api/v1/complaint-routes", &specific).status, 201);

    let p = seen
        .public("POST", "/api/v1/public/complaints", Some(&denunciation(false)))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/person");
    let mut bad = denunciation(true);
    bad["person"]["phone"] = json!("1");
    let p = seen.public("POST", "/api/v1/public/complaints", Some(&bad)).assert_problem(422, "validation_failed");
    assert_eq!(
        p["errors"][0]["pointer"], "/person/phone",
        "the refusal names the field; the search below finds no value"
    );
    let filed = seen.public("POST", "/api/v1/public/complaints", Some(&denunciation(true)));
    assert_eq!(filed.status, 201, "{}", filed.body);
    let ack = filed.json();
    let ack_number = ack["ack_number"].as_str().unwrap().to_owned();
    let today = tdc_kernel::calendar::today();
    assert_eq!(ack["due_on"], json!(tdc_kernel::calendar::add_working_days(today, 30)));
    let status = seen.public("GET", filed.header("Location").unwrap(), None).json();
    assert_eq!((status["state"].as_str(), status.as_object().unwrap().len()), (Some("received"), 5), "{status}");
    seen.public("GET", "/api/v1/public/complaints/PA-2026-AAAAA-AAAAA", None).assert_problem(404, "not_found");

    let listed = seen.get(&sct, "/api/v1/complaints?kind=denunciation").json();
    let complaint = listed["items"][0].clone();
    let id = complaint["id"].as_str().unwrap().to_owned();
    assert_eq!((complaint["lead_agency"].as_str(), complaint["has_identity"].as_bool()), (Some("SCT"), Some(true)));
    seen.get(&syt, &format!("/api/v1/complaints/{id}")).assert_problem(404, "not_found");
    seen.get(&dost, &format!("/api/v1/complaints/{id}")).assert_problem(404, "not_found");

    let reveal = |token: &str| {
        hub.post(
            token,
            &format!("/api/v1/complaints/{id}/identity"),
            &json!({"reason": "Mời người tố cáo làm việc theo Điều 30 Luật Tố cáo"}),
        )
    };
    seen.keep(reveal(&sct_viewer)).assert_problem(403, "insufficient_scope");
    let r = reveal(&sct);
    assert_eq!(
        (r.status, r.json()["name"].as_str(), r.header("Cache-Control")),
        (200, Some(NAME), Some("no-store")),
        "{}",
        r.body
    );

    seen.act(&sct, &id, json!({"action": "transfer", "to_agency": "SYT"})).assert_problem(422, "validation_failed");
    let moved = seen.act(
        &sct,
        &id,
        json!({"action": "transfer", "to_agency": "SYT", "reason": "Mỹ phẩm trẻ em thuộc Sở Y tế"}),
    );
    assert_eq!(moved.status, 200, "{}", moved.body);
    let moved = moved.json()["complaint"].clone();
    assert_eq!(
        (moved["lead_agency"].as_str(), moved["transfers"].as_i64(), moved["coordinating_agencies"].clone()),
        (Some("SYT"), Some(1), json!(["SCT"]))
    );
    seen.keep(reveal(&sct)).assert_problem(403, "not_handling_agency");
    assert_eq!(reveal(&syt).json()["personal_id"], PERSONAL_ID);
    assert_eq!(seen.act(&syt, &id, json!({"action": "accept"})).status, 200);
    seen.act(&sct, &id, json!({"action": "resolve", "outcome": "x"})).assert_problem(403, "not_lead_agency");
    let resolved =
        seen.act(&syt, &id, json!({"action": "resolve", "outcome": "Đã kiểm tra, xử phạt và tịch thu 120 xe đồ chơi"}));
    assert_eq!(resolved.status, 200, "{}", resolved.body);
    let told = seen.get(&dost, &format!("/api/v1/complaints/{id}")).json();
    assert_eq!(
        (told["state"].as_str(), told["overdue"].as_bool()),
        (Some("resolved"), Some(false)),
        "DOST is told: {told}"
    );
    assert_eq!(
        seen.public("GET", &format!("/api/v1/public/complaints/{}", ack_number.to_lowercase()), None).json()["state"],
        "resolved"
    );
    let reveals = seen.get(&syt, &format!("/api/v1/complaints/{id}/identity-reveals")).json();
    let who: Vec<&str> =
        reveals["items"].as_array().unwrap().iter().map(|r| r["client_id"].as_str().unwrap()).collect();
    assert_eq!(who, ["sct-system", "syt-system"]);
    let moves = seen.get(&syt, &format!("/api/v1/complaints/{id}/transitions")).json();
    let actions: Vec<&str> = moves["items"].as_array().unwrap().iter().map(|m| m["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["transfer", "accept", "resolve"]);
    seen.get(&syt, &format!("/api/v1/complaints/{id}/history"));
    for token in [&admin, &sct, &syt, &dost] {
        seen.get(token, "/api/v1/changes?limit=1000");
    }
    seen.get(&dost, "/api/v1/complaints");
    let exported = seen.get(&syt, "/api/v1/complaints/export?format=ndjson").body;
    assert_eq!(exported.lines().count(), 1, "{exported}");
    assert!(seen.get(&sct, "/api/v1/complaints/export").body.contains(&ack_number));

    for _ in 0..4 {
        let mut feedback = denunciation(true);
        feedback["kind"] = json!("feedback");
        assert_eq!(seen.public("POST", "/api/v1/public/complaints", Some(&feedback)).status, 201);
    }
    seen.public("POST", "/api/v1/public/complaints", Some(&denunciation(true)))
        .assert_problem(429, "too_many_complaints");

    let mut conn = crate::support::connect(&db.url);
    let stored: Vec<String> = diesel::RunQueryDsl::load(
        diesel::sql_query(
            "SELECT CAST(subject || description || coalesce(business_name, '') AS TEXT) AS t FROM complaints",
        ),
        &mut conn,
    )
    .map(|rows: Vec<Text>| rows.into_iter().map(|r| r.t).collect())
    .unwrap();
    let sealed: Vec<Text> =
        diesel::RunQueryDsl::load(diesel::sql_query("SELECT sealed AS t FROM complaint_identities"), &mut conn)
            .unwrap();
    child.kill().unwrap();
    let _ = child.wait();
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.lines().count() > 10, "the hub logged the run");
    let by_sct = logged
        .lines()
        .filter(|l| l.contains("\"request\"") || l.contains(" request"))
        .any(|l| l.contains("syt-system") && l.contains("SYT"));
    assert!(by_sct, "a request's log line names its client and agency");
    let everything =
        [seen.bodies.borrow().join("\n"), logged, stored.join("\n"), sealed.iter().map(|s| s.t.clone()).collect()];
    for secret in [NAME, PHONE, PERSONAL_ID, "Kín Đáo"] {
        for (place, text) in ["responses", "log", "complaints table", "sealed column"].iter().zip(&everything) {
            assert!(!text.contains(secret), "{secret} leaked into the {place}");
        }
    }
    drop(db);
    let _ = std::fs::remove_dir_all(&data);
}

#[derive(diesel::QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    t: String,
}

#[test]
fn an_agency_records_a_hotline_complaint_for_the_competent_agency_and_coordinates_it() {
    let hub = crate::support::Hub::start();
    let sct = hub.client_with_role("SCT", "sct-system", "agency_officer").0;
    let syt = hub.client_with_role("SYT", "syt-system", "agency_officer").0;
    let mut feedback = denunciation(false);
    feedback["kind"] = json!("feedback");
    let body =
        json!({"complaint": feedback, "channel": "hotline", "received_on": "2026-02-02", "handling_agency": "SYT"});
    let r = hub.post(&sct, "/api/v1/complaints", &body);
    assert_eq!(r.status, 201, "{}", r.body);
    let c = r.json();
    assert_eq!(
        (
            c["lead_agency"].as_str(),
            c["coordinating_agencies"].clone(),
            c["channel"].as_str(),
            c["has_identity"].as_bool()
        ),
        (Some("SYT"), json!(["SCT"]), Some("hotline"), Some(false))
    );
    assert_eq!(c["due_on"], "2026-02-23", "10 working days from 2 February 2026, Tết (16–20 February) passed over");
    assert_eq!(hub.get(&syt, r.header("Location").unwrap()).status, 200);
    let flat = json!({"kind": "feedback", "subject": "x", "description": "y", "channel": "hotline"});
    hub.post(&sct, "/api/v1/complaints", &flat).assert_problem(422, "validation_failed");
    let mut unknown = body.clone();
    unknown["handling_agency"] = json!("NOPE");
    let p = hub.post(&sct, "/api/v1/complaints", &unknown).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "unknown_agency");
    let overdue = hub.get(&syt, "/api/v1/complaints?overdue=true").json();
    assert_eq!(overdue["items"][0]["overdue"], true, "its deadline has passed");
}
