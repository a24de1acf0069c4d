//! What rests on a body's registration follows it: designations lapse and resume, declarations are
//! flagged; a certificate's expiry reaches the change feed by itself; revocations are published.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::conformity::{act, create_body, registry};
use crate::conformity_registry::{certifier, declaration, water_qcdp};
use crate::regulations::decision;
use crate::support::Hub;

fn get(hub: &Hub, path: &str) -> Value {
    let r = hub.send("GET", path, &[], None);
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.json()
}

fn sanction(action: &str, number: &str, date: &str) -> Value {
    json!({"action": action, "reason": "Vi phạm quy trình chứng nhận.", "decision": decision(number, date)})
}

#[test]
fn designations_and_declarations_follow_their_bodys_registration() {
    let hub = Hub::start();
    let a = registry(&hub);
    let qcdp = water_qcdp(&hub, &a.dost);
    let cid = create_body(&hub, &a.dost, &certifier())["id"].as_str().unwrap().to_owned();
    let scope = json!([{"field": "nước sạch", "products": ["nước"], "standards": ["TCVN 6096:2004"]}]);
    let mut new = json!({"number": "7/2024/GCN", "activity": "certification", "valid_until": "2029-03-14", "scope": scope,
                         "signed_by": "Phó Chủ tịch UBND thành phố Lê Văn B",
                         "decision": {"number": "7/2024/QĐ-UBND", "date": "2024-03-15"}});
    let r = hub.post(&a.dost, &format!("/api/v1/conformity-bodies/{cid}/certificates"), &new);
    assert_eq!(r.status, 201, "{}", r.body);
    let cert = r.json();
    assert_eq!(
        (cert["issuing_authority"].as_str(), cert["signed_by"].as_str(), cert["issuing_agency"].as_str()),
        (Some("UBND Hải Phòng"), Some("Phó Chủ tịch UBND thành phố Lê Văn B"), Some("SKHCN")),
        "the People's Committee issues it, DOST manages it"
    );
    new["number"] = json!("8/2024/GCN");
    new["decision"]["issued_by"] = json!("UBND thành phố Hải Phòng");
    let named = hub.post(&a.dost, &format!("/api/v1/conformity-bodies/{cid}/certificates"), &new).json();
    assert_eq!(named["issuing_authority"], "UBND thành phố Hải Phòng");
    act(&hub, &a.dost, named["id"].as_str().unwrap(), sanction("revoke", "9/QĐ-UBND", "2024-04-01"));
    let cert_id = cert["id"].as_str().unwrap().to_owned();

    // A department designates for the QCĐPs of its field (those it leads); another may not.
    let designate =
        json!({"body_id": cid, "technical_regulation": qcdp, "decision": decision("88/QĐ-UBND", "2025-02-01")});
    hub.post(&a.other, "/api/v1/designations", &designate).assert_problem(403, "not_in_field");
    let r = hub.post(&a.drafter, "/api/v1/designations", &designate);
    assert_eq!((r.status, r.json()["lead_agency"].as_str()), (201, Some("SNNMT")), "{}", r.body);
    let designation = format!("/api/v1/designations/{}", r.json()["id"].as_str().unwrap());
    let mut water = declaration("standard", "TN-101", &cid);
    water["standard"] = json!("TCVN 6096:2004");
    let r = hub.post(&a.other, "/api/v1/conformity-declarations", &water);
    assert_eq!((r.status, r.json()["flags"].clone()), (201, json!([])), "{}", r.body);
    let declared = format!("/api/v1/conformity-declarations/{}", r.json()["id"].as_str().unwrap());

    // Suspended: the designation lapses, the declaration is flagged; a suspended certificate is
    // never reissued.
    let r = act(&hub, &a.dost, &cert_id, sanction("suspend", "10/QĐ-UBND", "2025-06-01"));
    assert_eq!(r.status, 200, "{}", r.body);
    let lapsed = get(&hub, &designation);
    assert_eq!(lapsed["status"], "lapsed");
    assert_eq!(lapsed["lapse"]["reason"], "certificate 7/2024/GCN suspended");
    assert_eq!(hub.get(&a.other, &declared).json()["flags"], json!(["certifier_not_registered"]));
    let reissue =
        json!({"action": "reissue", "reason": "Mất bản gốc.", "decision": decision("11/QĐ-UBND", "2025-07-01")});
    act(&hub, &a.dost, &cert_id, reissue).assert_problem(409, "illegal_transition");
    let listed = get(&hub, "/api/v1/designations?status=lapsed");
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);

    // Restored: both come back. Revoked: they follow again, and the revocation is published.
    act(&hub, &a.dost, &cert_id, json!({"action": "restore", "decision": decision("12/QĐ-UBND", "2025-08-01")}));
    assert_eq!(
        (get(&hub, &designation)["status"].as_str(), get(&hub, &designation).get("lapse")),
        (Some("active"), None)
    );
    assert_eq!(hub.get(&a.other, &declared).json()["flags"], json!([]));
    act(&hub, &a.dost, &cert_id, sanction("revoke", "13/QĐ-UBND", "2025-09-01"));
    assert_eq!(get(&hub, &designation)["status"], "lapsed");
    assert_eq!(hub.get(&a.other, &declared).json()["flags"], json!(["certifier_not_registered"]));
    let feed = hub.get(&a.other, "/api/v1/changes?entity=cab_designation").json();
    let actions: Vec<&str> = feed["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["created", "lapse", "resume", "lapse"]);

    let body = get(&hub, &format!("/api/v1/conformity-bodies/{cid}"));
    let revoked: Vec<&Value> =
        body["certificates"].as_array().unwrap().iter().filter(|c| c["status"] == "revoked").collect();
    assert_eq!(revoked.len(), 2, "the public registry lists revoked certificates: {body}");
    assert!(revoked.iter().any(|c| c["revocation"]["decision"]["number"] == "13/QĐ-UBND"));
    let csv = hub.send("GET", "/api/v1/conformity-bodies/export", &[], None).body;
    assert!(csv.lines().next().unwrap().ends_with(",revocations"), "{csv}");
    assert!(csv.contains("7/2024/GCN: 13/QĐ-UBND of 2025-09-01 (Vi phạm quy trình chứng nhận.)"), "{csv}");
    let found = get(&hub, "/api/v1/conformity-bodies?status=revoked");
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
}

#[test]
fn a_certificates_expiry_reaches_the_change_feed_by_itself() {
    let hub = Hub::start_with(|c| c.schedule_interval_seconds = 1);
    let a = registry(&hub);
    let cid = create_body(&hub, &a.dost, &certifier())["id"].as_str().unwrap().to_owned();
    let scope = json!([{"field": "nước sạch", "products": ["nước"], "standards": ["TCVN 6096:2004"]}]);
    let new = json!({"number": "3/2019/GCN", "activity": "certification", "valid_until": "2022-03-14",
                     "scope": scope, "decision": decision("3/2019/QĐ-UBND", "2019-03-15")});
    let r = hub.post(&a.dost, &format!("/api/v1/conformity-bodies/{cid}/certificates"), &new);
    assert_eq!((r.status, r.json()["status"].as_str()), (201, Some("expired")), "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let deadline = Instant::now() + Duration::from_secs(10);
    let expired = loop {
        let feed = get(&hub, "/api/v1/changes?entity=cab_certificate&limit=100");
        let found = feed["items"].as_array().unwrap().iter().find(|e| e["action"] == "expire").cloned();
        if let Some(e) = found {
            break e;
        }
        assert!(Instant::now() < deadline, "no expiry in the feed: {feed}");
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!((expired["entity_id"].as_str(), expired["client_id"].as_str()), (Some(id.as_str()), Some("tdc-hub")));
    let log = get(&hub, &format!("/api/v1/certificates/{id}/transitions"));
    let last = log["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["action"].as_str(), last["from_state"].as_str(), last["to_state"].as_str()),
        (Some("expire"), Some("active"), Some("expired"))
    );
    std::thread::sleep(Duration::from_millis(1500));
    let feed = get(&hub, "/api/v1/changes?entity=cab_certificate&limit=100");
    let expiries = feed["items"].as_array().unwrap().iter().filter(|e| e["action"] == "expire").count();
    assert_eq!(expiries, 1, "recorded once, however often the job runs");
}
