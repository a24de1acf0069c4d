//! Designations for QCĐPs, conformity declarations checked against the registry, the public
//! search and export, batches, and certificates that expire by date.

use serde_json::{Value, json};

use crate::conformity::{CERT_TAX, LAB_TAX, act, cement_scope, create_body, issue, laboratory, registry};
use crate::regulations::decision;
use crate::support::Hub;

pub fn certifier() -> Value {
    json!({"tax_code": CERT_TAX, "activities": ["certification"], "fields": ["nước sạch", "vật liệu xây dựng"],
           "accreditation": {"accreditation_body": "BoA", "number": "VICB 056", "standard": "ISO/IEC 17065", "valid_until": "2030-06-30", "status": "active"},
           "sites": [{"kind": "branch", "name": "Chi nhánh TP. Hồ Chí Minh", "province_code": "79"}]})
}

pub fn water_qcdp(hub: &Hub, token: &str) -> String {
    let body = json!({"code": "QCĐP 02:2023/TPHP", "title_vi": "Chất lượng nước sạch sinh hoạt", "sector": "nước sạch", "initial_state": "in_effect", "lead_agency": "SNNMT",
                      "issuance": {"decision": decision("31/2023/QĐ-UBND", "2023-09-11"), "effective_date": "2023-09-21"}});
    let r = hub.post(token, "/api/v1/technical-regulations", &body);
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()["id"].as_str().unwrap().to_owned()
}

pub fn declaration(kind: &str, receipt: &str, body_id: &str) -> Value {
    json!({"kind": kind, "tax_code": LAB_TAX, "product_name": "Xi măng PCB40", "gtin": "8934563138165",
           "basis": "third_party", "receipt_number": receipt, "received_on": "2025-05-01",
           "evidence": {"body_id": body_id, "number": "SP-0001", "issued_on": "2025-04-01", "valid_until": "2028-04-01"}})
}

#[test]
fn designations_and_declarations_are_checked_against_the_registry() {
    let hub = Hub::start();
    let a = registry(&hub);
    let qcdp = water_qcdp(&hub, &a.dost);
    let certifier = create_body(&hub, &a.dost, &certifier());
    let cid = certifier["id"].as_str().unwrap().to_owned();
    let designate = json!({"body_id": cid, "technical_regulation": "QCDP 02:2023/TPHP", "decision": decision("88/QĐ-UBND", "2025-02-01"), "valid_until": "2030-02-01"});
    hub.post(&a.other, "/api/v1/designations", &designate).assert_problem(403, "not_in_field");
    hub.post(&a.dost, "/api/v1/designations", &designate).assert_problem(409, "not_registered_for_certification");
    let scope = json!([{"field": "vật liệu xây dựng", "products": ["xi măng"], "standards": ["TCVN 6260:2020", "QCVN 16:2023/BXD"]}]);
    let cert = issue(&hub, &a.dost, &cid, "7/2024/GCN", "certification", scope).json();
    let r = hub.post(&a.dost, "/api/v1/designations", &designate);
    assert_eq!(r.status, 201, "{}", r.body);
    let designation = r.json();
    assert_eq!(
        (designation["regulation_code"].as_str(), designation["status"].as_str()),
        (Some("QCĐP 02:2023/TPHP"), Some("active"))
    );
    let listed = hub.send("GET", &format!("/api/v1/designations?technical_regulation={qcdp}"), &[], None).json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);

    let mut standard = declaration("standard", "TN-001", &cid);
    standard["standard"] = json!("TCVN 6260:2020");
    let r = hub.post(&a.other, "/api/v1/conformity-declarations", &standard);
    assert_eq!((r.status, r.json()["receiving_agency"].as_str()), (201, Some("SCT")), "{}", r.body);
    hub.post(&a.other, "/api/v1/conformity-declarations", &standard).assert_problem(409, "duplicate_key");
    let mut water = declaration("standard", "TN-002", &cid);
    water["standard"] = json!("TCVN 6096:2004");
    let p = hub.post(&a.other, "/api/v1/conformity-declarations", &water).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "out_of_scope");
    let mut qcvn = declaration("regulation", "TN-003", &cid);
    qcvn["national_regulation"] = json!("qcvn 16:2023/bxd");
    let r = hub.post(&a.other, "/api/v1/conformity-declarations", &qcvn);
    assert_eq!((r.status, r.json()["regulation_code"].as_str()), (201, Some("QCVN 16:2023/BXD")), "{}", r.body);
    let mut local = declaration("regulation", "TN-004", &cid);
    local["technical_regulation"] = json!(qcdp);
    assert_eq!(hub.post(&a.other, "/api/v1/conformity-declarations", &local).status, 201, "designated for the QCĐP");
    let mut stale = declaration("standard", "TN-005", &cid);
    stale["standard"] = json!("TCVN 6260:2020");
    stale["evidence"]["valid_until"] = json!("2025-01-01");
    let p = hub.post(&a.other, "/api/v1/conformity-declarations", &stale).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "product_certificate_expired");

    let revoke = json!({"action": "revoke", "reason": "Vi phạm.", "decision": decision("90/QĐ-SKHCN", "2025-06-01")});
    act(&hub, &a.dost, cert["id"].as_str().unwrap(), revoke);
    let mut after = declaration("standard", "TN-006", &cid);
    after["standard"] = json!("TCVN 6260:2020");
    let p = hub.post(&a.other, "/api/v1/conformity-declarations", &after).assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/evidence/body_id"), Some("certificate_revoked"))
    );

    let did = designation["id"].as_str().unwrap();
    let end = json!({"action": "revoke", "reason": "Tổ chức bị thu hồi đăng ký.", "decision": decision("95/QĐ-UBND", "2025-06-10")});
    hub.post(&a.drafter, &format!("/api/v1/designations/{did}/transitions"), &end)
        .assert_problem(403, "not_lead_agency");
    let r = hub.post(&a.dost, &format!("/api/v1/designations/{did}/transitions"), &end);
    assert_eq!(r.json()["designation"]["status"], "revoked");
    hub.post(&a.dost, &format!("/api/v1/designations/{did}/transitions"), &end)
        .assert_problem(409, "illegal_transition");

    let first = hub.send("GET", &format!("/api/v1/conformity-declarations?body_id={cid}"), &[], None).json();
    let id = first["items"][0]["id"].as_str().unwrap();
    let withdraw = json!({"action": "withdraw", "reason": "Doanh nghiệp ngừng sản xuất."});
    hub.post(&a.drafter, &format!("/api/v1/conformity-declarations/{id}/transitions"), &withdraw)
        .assert_problem(403, "not_lead_agency");
    let r = hub.post(&a.other, &format!("/api/v1/conformity-declarations/{id}/transitions"), &withdraw);
    assert_eq!(r.json()["declaration"]["status"], "withdrawn");
    let told = hub.send("GET", "/api/v1/province-notifications?province=79", &[], None).json();
    assert_eq!(told["items"].as_array().unwrap().len(), 2, "issue and revoke told to Hồ Chí Minh City");
}

#[test]
fn the_public_registry_searches_filters_pages_and_exports() {
    let hub = Hub::start();
    let a = registry(&hub);
    let lab = create_body(&hub, &a.dost, &laboratory());
    let certifier = create_body(&hub, &a.dost, &certifier());
    issue(&hub, &a.dost, lab["id"].as_str().unwrap(), "15/2024/GCN", "testing", cement_scope());
    let find = |query: &str| -> Vec<String> {
        let page = hub.send("GET", &format!("/api/v1/conformity-bodies?{query}"), &[], None).json();
        page["items"].as_array().unwrap().iter().map(|b| b["tax_code"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(find("activity=certification"), [CERT_TAX]);
    assert_eq!(find("province=01"), [LAB_TAX]);
    assert_eq!(find("province=31").len(), 2, "every body is in its home province");
    assert_eq!(find("standard=tcvn%206260%3A2020"), [LAB_TAX]);
    assert_eq!(find("product=XI%20MANG"), [LAB_TAX]);
    assert_eq!(find("status=active"), [LAB_TAX]);
    assert!(find("status=revoked").is_empty());
    assert_eq!(find("q=chung%20nhan"), [CERT_TAX]);
    assert_eq!(find("field=nuoc%20sach"), [CERT_TAX]);
    let page = hub.send("GET", "/api/v1/conformity-bodies?limit=1", &[], None);
    assert!(page.header("link").unwrap().contains("cursor="), "pages link to the next");
    assert_eq!(page.json()["items"][0]["certificates"][0]["number"], "15/2024/GCN");

    let csv = hub.send("GET", "/api/v1/conformity-bodies/export", &[], None);
    assert_eq!((csv.status, csv.header("content-type")), (200, Some("text/csv; charset=utf-8")));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(lines[0].starts_with("tax_code,name,activities"), "{}", lines[0]);
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(csv.body.contains("15/2024/GCN") && !csv.body.contains("0225383838"), "certificates, and no contact");
    let ndjson = hub.get(&a.dost, "/api/v1/conformity-bodies/export?format=ndjson&activity=testing");
    let rows: Vec<Value> = ndjson.body.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].get("contact").is_none(), "an export never carries contacts");
    assert_eq!(certifier["certificates"], json!([]));
}

#[test]
fn a_registry_loads_in_batches_and_certificates_expire_by_date() {
    let hub = Hub::start();
    let a = registry(&hub);
    let r = hub.post(&a.dost, "/api/v1/conformity-bodies/batch?atomic=true", &json!([laboratory(), certifier()]));
    assert_eq!(r.status, 200, "{}", r.body);
    let old = json!({"tax_code": LAB_TAX, "number": "3/2019/GCN", "activity": "testing", "decision": decision("3/2019/GCN", "2019-05-01"),
                     "valid_until": "2024-04-30", "scope": cement_scope()});
    let mut current = old.clone();
    current["number"] = json!("9/2024/GCN");
    current["valid_until"] = json!("2029-04-30");
    let mut unknown = old.clone();
    unknown["tax_code"] = json!("0100555559");
    let load = |items: Value| hub.post(&a.dost, "/api/v1/certificates/batch", &items).json();
    let statuses =
        |r: &Value| r["results"].as_array().unwrap().iter().map(|i| i["status"].as_i64().unwrap()).collect::<Vec<_>>();
    let r = load(json!([old, current, unknown]));
    assert_eq!(statuses(&r), [201, 201, 422]);
    assert_eq!(r["results"][2]["problem"]["errors"][0]["code"], "unknown_body");
    assert_eq!(statuses(&load(json!([old, current]))), [200, 200], "a resend changes nothing");
    let mut changed = old.clone();
    changed["valid_until"] = json!("2026-04-30");
    assert_eq!(load(json!([changed]))["results"][0]["problem"]["code"], "use_transitions");

    let expired = hub.send("GET", "/api/v1/certificates?status=expired", &[], None).json();
    assert_eq!(expired["items"].as_array().unwrap().len(), 1);
    let id = expired["items"][0]["id"].as_str().unwrap();
    assert_eq!(expired["items"][0]["next_actions"], json!(["revoke"]));
    let supplement =
        json!({"action": "supplement", "scope": cement_scope(), "decision": decision("1/QĐ", "2025-01-01")});
    let p = act(&hub, &a.dost, id, supplement).assert_problem(409, "illegal_transition");
    assert_eq!(p["allowed_actions"], json!(["revoke"]));
    let log = hub.send("GET", &format!("/api/v1/certificates/{id}/transitions"), &[], None).json();
    assert_eq!(log["items"][0]["action"], "load");
    let active = hub.send("GET", "/api/v1/certificates?status=active&standard=TCVN%206260%3A2020", &[], None).json();
    assert_eq!(active["items"][0]["number"], "9/2024/GCN");
}

#[test]
fn every_other_refusal_names_its_rule() {
    let hub = Hub::start();
    let a = registry(&hub);
    let mut managed = certifier();
    managed["accreditation"]["status"] = json!("suspended");
    let cid = create_body(&hub, &a.other, &managed)["id"].as_str().unwrap().to_owned();
    assert_eq!(
        hub.send("GET", &format!("/api/v1/conformity-bodies/{cid}"), &[], None).json()["managing_agency"],
        "SCT",
        "a sector department manages bodies of its field"
    );
    issue(&hub, &a.other, &cid, "7/GCN", "certification", cement_scope())
        .assert_problem(409, "accreditation_not_active");
    managed["accreditation"]["status"] = json!("active");
    hub.put(&a.other, &format!("/api/v1/conformity-bodies/by-tax-code/{CERT_TAX}"), Some("\"1\""), &managed);
    let cert = issue(&hub, &a.other, &cid, "7/GCN", "certification", cement_scope()).json();
    issue(&hub, &a.other, &cid, "7/GCN", "certification", cement_scope()).assert_problem(409, "duplicate_key");
    let lab = create_body(&hub, &a.dost, &laboratory())["id"].as_str().unwrap().to_owned();
    let lab_cert = issue(&hub, &a.dost, &lab, "8/GCN", "testing", cement_scope()).json();
    let reissue = json!({"action": "reissue", "reason": "Mất bản gốc.", "number": "8/GCN", "decision": decision("9/QĐ", "2025-01-01")});
    assert_eq!(
        act(&hub, &a.other, cert["id"].as_str().unwrap(), reissue.clone()).assert_problem(409, "duplicate_key")["errors"]
            [0]["pointer"],
        "/number"
    );

    let declare = |receipt: &str, change: &dyn Fn(&mut Value)| {
        let mut d = declaration("standard", receipt, &cid);
        d["standard"] = json!("TCVN 6260:2020");
        change(&mut d);
        hub.post(&a.other, "/api/v1/conformity-declarations", &d)
    };
    let rule = |r: crate::support::Resp| {
        r.assert_problem(422, "validation_failed")["errors"][0]["code"].as_str().unwrap().to_owned()
    };
    assert_eq!(rule(declare("R1", &|d| d["national_regulation"] = json!("QCVN 16:2023/BXD"))), "kind_mismatch");
    assert_eq!(rule(declare("R2", &|d| d["standard"] = json!("ISO 9999:2099"))), "unknown_standard");
    assert_eq!(rule(declare("R3", &|d| d["tax_code"] = json!("0100555559"))), "unknown_business");
    assert_eq!(
        rule(declare("R4", &|d| {
            d.as_object_mut().unwrap().remove("evidence");
        })),
        "required"
    );
    assert_eq!(
        rule(declare("R5", &|d| {
            d["basis"] = json!("self_assessment");
            d["evidence"]["body_id"] = json!(cid);
        })),
        "laboratory_not_registered"
    );
    assert_eq!(
        declare("R6", &|d| {
            d["basis"] = json!("self_assessment");
            d["evidence"]["body_id"] = json!(lab);
        })
        .status,
        201,
        "a registered laboratory's report"
    );
    let suspend = json!({"action": "suspend", "reason": "Kiểm tra.", "decision": decision("10/QĐ", "2025-02-01")});
    act(&hub, &a.other, cert["id"].as_str().unwrap(), suspend);
    assert_eq!(rule(declare("R7", &|_| {})), "certificate_suspended");
    let received = declare("R8", &|d| {
        d["basis"] = json!("self_assessment");
        d.as_object_mut().unwrap().remove("evidence");
    })
    .json();
    let invalidate = json!({"action": "invalidate", "reason": "Hồ sơ không hợp lệ."});
    let r = hub.post(
        &a.other,
        &format!("/api/v1/conformity-declarations/{}/transitions", received["id"].as_str().unwrap()),
        &invalidate,
    );
    assert_eq!(r.json()["declaration"]["status"], "invalidated");
    let again = hub.post(
        &a.other,
        &format!("/api/v1/conformity-declarations/{}/transitions", received["id"].as_str().unwrap()),
        &invalidate,
    );
    again.assert_problem(409, "illegal_transition");

    let repealed = json!({"code": "QCĐP 01:2021/HD", "title_vi": "Nước sạch (Hải Dương)", "sector": "nước sạch", "initial_state": "in_effect", "lead_agency": "SNNMT",
                          "issuance": {"decision": decision("12/2021/QĐ-UBND", "2021-05-20"), "effective_date": "2021-06-01"}});
    let old = hub.post(&a.dost, "/api/v1/technical-regulations", &repealed).json();
    let moves = format!("/api/v1/technical-regulations/{}/transitions", old["id"].as_str().unwrap());
    let review = json!({"action": "review", "reviewed_on": "2026-01-02", "result": "repeal"});
    assert_eq!(hub.post(&a.dost, &moves, &review).status, 200);
    let end = json!({"action": "repeal", "reason": "Hợp nhất tỉnh.",
                     "decision": {"number": "5/2026/QĐ-UBND", "date": "2026-01-05", "issued_by": "UBND thành phố Hải Phòng"}});
    assert_eq!(hub.post(&a.drafter, &moves, &end).status, 200);
    let designate = json!({"body_id": cid, "technical_regulation": "QCĐP 01:2021/HD", "decision": decision("1/QĐ-UBND", "2026-02-01")});
    let restore = json!({"action": "restore", "decision": decision("11/QĐ", "2025-03-01")});
    act(&hub, &a.other, cert["id"].as_str().unwrap(), restore);
    let p = hub.post(&a.dost, "/api/v1/designations", &designate).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "regulation_not_in_force");
    assert_eq!(lab_cert["status"], "active");
}
