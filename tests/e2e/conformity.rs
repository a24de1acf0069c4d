//! The conformity registry: bodies, and a registration certificate's life from issue to revocation.

use serde_json::{Value, json};

use crate::regulations::{Agencies, agencies, decision};
use crate::support::{Hub, Resp};

pub const LAB_TAX: &str = "0200123457";
pub const CERT_TAX: &str = "0200987658";

/// A registry with the agencies of the regulations tests, two businesses and three standards.
pub fn registry(hub: &Hub) -> Agencies {
    let a = agencies(hub);
    for (tax, name) in [
        (LAB_TAX, "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Hải Phòng"),
        (CERT_TAX, "Công ty CP Chứng nhận Quốc tế"),
    ] {
        let r = hub.put(
            &a.admin,
            &format!("/api/v1/businesses/by-tax-code/{tax}"),
            None,
            &json!({"name": name, "sharing": "public"}),
        );
        assert_eq!(r.status, 201, "{}", r.body);
    }
    for (designation, title) in [
        ("TCVN 6260:2020", "Xi măng poóc lăng hỗn hợp"),
        ("TCVN 4506:2012", "Nước cho bê tông và vữa"),
        ("TCVN 6096:2004", "Nước uống đóng chai"),
    ] {
        let r = hub.post(&a.admin, "/api/v1/standards", &json!({"designation": designation, "title_vi": title}));
        assert_eq!(r.status, 201, "{}", r.body);
    }
    a
}

pub fn laboratory() -> Value {
    json!({"tax_code": LAB_TAX, "activities": ["testing"], "fields": ["vật liệu xây dựng", "nước"],
           "address": "Số 1 Lý Tự Trọng, Hải Phòng",
           "accreditation": {"accreditation_body": "BoA", "number": "VILAS 1234", "standard": "ISO/IEC 17025", "valid_until": "2030-12-31", "status": "active"},
           "sites": [{"kind": "laboratory", "name": "Phòng thử nghiệm Hà Nội", "province_code": "01"},
                     {"kind": "laboratory", "name": "Phòng thử nghiệm Hải Phòng", "province_code": "31"}],
           "contact": {"person": "Trần Thị B", "phone": "0225383838", "email": "lab@tdchp.vn"}})
}

pub fn create_body(hub: &Hub, token: &str, body: &Value) -> Value {
    let r = hub.post(token, "/api/v1/conformity-bodies", body);
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()
}

pub fn cement_scope() -> Value {
    json!([{"field": "vật liệu xây dựng", "products": ["xi măng"], "standards": ["TCVN 6260:2020"]}])
}

pub fn issue(hub: &Hub, token: &str, body_id: &str, number: &str, activity: &str, scope: Value) -> Resp {
    let body = json!({"number": number, "activity": activity, "decision": decision(number, "2024-03-15"),
                      "valid_until": "2029-03-14", "scope": scope, "dossier_ref": "000.00.17.H31-240301-0012"});
    hub.post(token, &format!("/api/v1/conformity-bodies/{body_id}/certificates"), &body)
}

pub fn act(hub: &Hub, token: &str, id: &str, body: Value) -> Resp {
    hub.post(token, &format!("/api/v1/certificates/{id}/transitions"), &body)
}

#[test]
fn a_body_is_registered_and_read_publicly_without_its_contact() {
    let hub = Hub::start();
    let a = registry(&hub);
    let body = create_body(&hub, &a.dost, &laboratory());
    let id = body["id"].as_str().unwrap();
    assert_eq!(
        (body["managing_agency"].as_str(), body["province_codes"].clone()),
        (Some("SKHCN"), json!(["01", "31"]))
    );
    assert_eq!(body["contact"]["person"], "Trần Thị B", "the managing agency sees the contact");
    let public = hub.send("GET", &format!("/api/v1/conformity-bodies/{id}"), &[], None).json();
    assert_eq!(
        (public["name"].as_str(), public.get("contact")),
        (Some("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Hải Phòng"), None)
    );
    assert!(
        hub.get(&a.other, &format!("/api/v1/conformity-bodies/by-tax-code/{LAB_TAX}")).json().get("contact").is_none()
    );
    let history = hub.get(&a.dost, &format!("/api/v1/conformity-bodies/{id}/history")).json();
    assert!(!history.to_string().contains("0225383838"), "no personal data in history");
    hub.post(&a.dost, "/api/v1/conformity-bodies", &laboratory()).assert_problem(409, "duplicate_key");

    let path = format!("/api/v1/conformity-bodies/by-tax-code/{LAB_TAX}");
    assert_eq!(hub.put(&a.dost, &path, None, &laboratory()).json()["version"], 1, "an identical resend");
    let mut changed = laboratory();
    changed["fields"] = json!(["vật liệu xây dựng", "nước", "thực phẩm"]);
    hub.put(&a.dost, &path, None, &changed).assert_problem(428, "precondition_required");
    hub.put(&a.other, &path, Some("\"1\""), &changed).assert_problem(403, "not_lead_agency");
    assert_eq!(hub.put(&a.dost, &path, Some("\"1\""), &changed).json()["version"], 2);

    let mut bad = laboratory();
    bad["tax_code"] = json!("0100555559");
    bad["accreditation"]["standard"] = json!("ISO/IEC 17065");
    bad["sites"][0]["province_code"] = json!("1");
    let p = hub.post(&a.dost, "/api/v1/conformity-bodies", &bad).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/sites/0/province_code");
    bad["sites"][0]["province_code"] = json!("01");
    let p = hub.post(&a.dost, "/api/v1/conformity-bodies", &bad).assert_problem(422, "validation_failed");
    let codes: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["unknown_business", "accreditation_mismatch"]);
}

#[test]
fn a_certificate_lives_from_issue_to_revocation_and_other_provinces_are_told() {
    let hub = Hub::start_with(|c| c.webhook_interval_ms = 50);
    let a = registry(&hub);
    // Another province's system is pushed the notifications (issue 16: "province notifications
    // from the registry are pushed this way").
    let province = crate::support::receiver::Receiver::start();
    let hook = json!({"url": province.url, "event_types": ["province_notification"]});
    assert_eq!(hub.post(&a.other, "/api/v1/webhooks", &hook).status, 201);
    let body = create_body(&hub, &a.dost, &laboratory());
    let body_id = body["id"].as_str().unwrap();
    issue(&hub, &a.other, body_id, "15/2024/GCN", "testing", cement_scope()).assert_problem(403, "not_lead_agency");
    let r = issue(&hub, &a.dost, body_id, "15/2024/GCN", "testing", cement_scope());
    assert_eq!(r.status, 201, "{}", r.body);
    let cert = r.json();
    let id = cert["id"].as_str().unwrap().to_owned();
    assert_eq!((cert["status"].as_str(), cert["current_version"].as_i64()), (Some("active"), Some(1)));
    let water = json!([{"field": "nước", "products": ["nước cho bê tông"], "standards": ["tcvn 4506:2012"]}]);
    let moves = [
        json!({"action": "supplement", "scope": water, "decision": decision("20/QĐ-SKHCN", "2024-09-01"), "dossier_ref": "000.00.17.H31-240820-0003"}),
        json!({"action": "amend", "reason": "Đổi địa chỉ phòng thử nghiệm.", "decision": decision("31/QĐ-SKHCN", "2025-01-10")}),
        json!({"action": "reissue", "reason": "Bản gốc bị hư hỏng.", "number": "15/2024/GCN-2", "decision": decision("40/QĐ-SKHCN", "2025-03-01")}),
        json!({"action": "suspend", "reason": "Vi phạm quy trình thử nghiệm.", "decision": decision("51/QĐ-SKHCN", "2025-06-01")}),
        json!({"action": "restore", "decision": decision("60/QĐ-SKHCN", "2025-08-01")}),
        json!({"action": "revoke", "reason": "Giả mạo kết quả thử nghiệm.", "decision": decision("77/QĐ-SKHCN", "2025-10-01")}),
    ];
    act(&hub, &a.other, &id, moves[0].clone()).assert_problem(403, "not_lead_agency");
    act(&hub, &a.dost, &id, json!({"action": "restore", "decision": decision("1/QĐ", "2025-01-01")}))
        .assert_problem(409, "illegal_transition");
    let mut states = Vec::new();
    for m in &moves {
        let r = act(&hub, &a.dost, &id, m.clone());
        assert_eq!(r.status, 200, "{m}: {}", r.body);
        states.push(r.json()["certificate"]["status"].as_str().unwrap().to_owned());
    }
    assert_eq!(states, ["active", "active", "active", "suspended", "active", "revoked"]);
    let p = act(&hub, &a.dost, &id, moves[0].clone()).assert_problem(409, "illegal_transition");
    assert!(p["detail"].as_str().unwrap().contains("cannot be moved any more"));
    let now = hub.send("GET", &format!("/api/v1/certificates/{id}"), &[], None).json();
    assert_eq!((now["number"].as_str(), now["current_version"].as_i64()), (Some("15/2024/GCN-2"), Some(7)));
    assert_eq!(now["scope"][1]["standards"], json!(["TCVN 4506:2012"]), "the catalogue's designation");

    let versions = hub.send("GET", &format!("/api/v1/certificates/{id}/versions"), &[], None).json();
    let chain: Vec<(i64, String, Option<i64>)> = versions["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version_no"].as_i64().unwrap(),
                v["action"].as_str().unwrap().to_owned(),
                v["predecessor_version_no"].as_i64(),
            )
        })
        .collect();
    assert_eq!(chain[0], (1, "issue".to_owned(), None));
    assert_eq!(chain[6], (7, "revoke".to_owned(), Some(6)));
    assert_eq!(versions["items"][6]["reason"], "Giả mạo kết quả thử nghiệm.");
    let on = |day: &str| hub.send("GET", &format!("/api/v1/certificates/{id}/scope?on={day}"), &[], None);
    assert_eq!(on("2024-06-01").json()["version"]["scope"].as_array().unwrap().len(), 1, "before the supplement");
    assert_eq!(on("2024-10-01").json()["version"]["scope"].as_array().unwrap().len(), 2);
    assert_eq!(on("2025-07-01").json()["version"]["status"], "suspended");
    assert_eq!(on("2024-01-01").status, 404, "not yet issued");
    assert_eq!(on("yesterday").status, 400);

    let told = hub.send("GET", "/api/v1/province-notifications?province=01", &[], None).json();
    let actions: Vec<&str> = told["items"].as_array().unwrap().iter().map(|n| n["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["issue", "supplement", "amend", "reissue", "suspend", "restore", "revoke"]);
    assert_eq!(told["items"][6]["summary"]["sites"][0]["name"], "Phòng thử nghiệm Hà Nội");
    let home = hub.send("GET", "/api/v1/province-notifications?province=31", &[], None).json();
    assert_eq!(home["items"].as_array().unwrap().len(), 0, "the home province is not notified");
    let feed = hub.send("GET", "/api/v1/changes?entity=province_notification", &[], None).json();
    assert_eq!(feed["items"].as_array().unwrap().len(), 7, "the change feed carries them");
    let pushed = province.wait("seven notifications pushed", |g| g.len() >= 7);
    assert!(
        pushed.iter().all(|g| g.json()["type"].as_str().unwrap().starts_with("province_notification.")),
        "{pushed:?}"
    );
    let log = hub.send("GET", &format!("/api/v1/certificates/{id}/transitions"), &[], None).json();
    assert_eq!(log["items"][4]["to_state"], "suspended");
}

#[test]
fn entry_checks_name_the_rule() {
    let hub = Hub::start();
    let a = registry(&hub);
    let body_id = create_body(&hub, &a.dost, &laboratory())["id"].as_str().unwrap().to_owned();
    let p =
        issue(&hub, &a.dost, &body_id, "1/GCN", "inspection", cement_scope()).assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/activity"), Some("activity_not_registered"))
    );
    let unknown = json!([{"field": "x", "standards": ["TCVN 9999:2099"]}]);
    let p = issue(&hub, &a.dost, &body_id, "1/GCN", "testing", unknown).assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/scope/0/standards/0"), Some("unknown_standard"))
    );
    let mut early = json!({"number": "2/GCN", "activity": "testing", "decision": decision("2/GCN", "2024-03-15"), "valid_until": "2024-03-01", "scope": cement_scope()});
    let p = hub
        .post(&a.dost, &format!("/api/v1/conformity-bodies/{body_id}/certificates"), &early)
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "before_issue");
    let mut expired = laboratory();
    expired["accreditation"]["valid_until"] = json!("2024-01-01");
    hub.put(&a.dost, &format!("/api/v1/conformity-bodies/by-tax-code/{LAB_TAX}"), Some("\"1\""), &expired);
    let read = hub.send("GET", &format!("/api/v1/conformity-bodies/{body_id}"), &[], None).json();
    assert_eq!(read["flags"][0]["code"], "accreditation_expired");
    early["valid_until"] = json!("2029-01-01");
    let p = hub.post(&a.dost, &format!("/api/v1/conformity-bodies/{body_id}/certificates"), &early);
    p.assert_problem(409, "accreditation_expired");
    let stored = hub.send("GET", "/api/v1/certificates", &[], None).json();
    assert_eq!(stored["items"].as_array().unwrap().len(), 0, "nothing was half-written");
}

#[test]
fn concurrent_actions_on_one_certificate_never_fork_its_chain() {
    let hub = Hub::start();
    let a = registry(&hub);
    let body_id = create_body(&hub, &a.dost, &laboratory())["id"].as_str().unwrap().to_owned();
    let id = issue(&hub, &a.dost, &body_id, "15/2024/GCN", "testing", cement_scope()).json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let runs: Vec<_> = (0..8)
            .map(|i| {
                let (hub, token, id) = (&hub, &a.dost, &id);
                s.spawn(move || {
                    let scope = json!([{"field": format!("lĩnh vực {i}")}]);
                    let body = json!({"action": "supplement", "scope": scope, "decision": decision(&format!("{i}/QĐ"), "2024-09-01")});
                    act(hub, token, id, body).status
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    let won = statuses.iter().filter(|s| **s == 200).count();
    assert!(won >= 1 && statuses.iter().all(|s| *s == 200 || *s == 412), "{statuses:?}");
    let versions = hub.send("GET", &format!("/api/v1/certificates/{id}/versions"), &[], None).json();
    let chain: Vec<(i64, Option<i64>)> = versions["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["version_no"].as_i64().unwrap(), v["predecessor_version_no"].as_i64()))
        .collect();
    let expected: Vec<(i64, Option<i64>)> = (1..=won as i64 + 1).map(|n| (n, (n > 1).then_some(n - 1))).collect();
    assert_eq!(chain, expected, "one straight chain, one version per successful action");
    let now = hub.send("GET", &format!("/api/v1/certificates/{id}"), &[], None).json();
    assert_eq!(now["scope"].as_array().unwrap().len(), 1 + won, "every successful supplement, and only those");
}

#[test]
fn an_activity_with_an_active_certificate_cannot_be_dropped() {
    let hub = Hub::start();
    let a = registry(&hub);
    let body_id = create_body(&hub, &a.dost, &laboratory())["id"].as_str().unwrap().to_owned();
    let cert = issue(&hub, &a.dost, &body_id, "15/2024/GCN", "testing", cement_scope()).json();
    let mut inspection_only = laboratory();
    inspection_only["activities"] = json!(["inspection"]);
    inspection_only.as_object_mut().unwrap().remove("accreditation");
    let path = format!("/api/v1/conformity-bodies/by-tax-code/{LAB_TAX}");
    hub.put(&a.dost, &path, Some("\"1\""), &inspection_only).assert_problem(409, "activity_has_certificates");
    let revoke = json!({"action": "revoke", "reason": "Ngừng hoạt động thử nghiệm.", "decision": decision("9/QĐ", "2025-01-01")});
    assert_eq!(act(&hub, &a.dost, cert["id"].as_str().unwrap(), revoke).status, 200);
    assert_eq!(hub.put(&a.dost, &path, Some("\"1\""), &inspection_only).json()["activities"], json!(["inspection"]));
}
