//! Loading a province's existing QCĐPs in batches, a merged province's regulations, replacement
//! linked both ways, and the events of a regulation in force (review, amendment, correction, repeal).

use serde_json::{Value, json};

use crate::regulations::{act, agencies, decision, moved, propose};
use crate::support::Hub;

fn water_standard(hub: &Hub, admin: &str) {
    let body = json!({"designation": "TCVN 6096:2004", "title_vi": "Nước uống đóng chai"});
    assert_eq!(hub.post(admin, "/api/v1/standards", &body).status, 201);
}

fn existing() -> Value {
    json!([
        {"code": "QCĐP 02:2023/TPHP", "title_vi": "Quy chuẩn kỹ thuật địa phương về chất lượng nước sạch sử dụng cho mục đích sinh hoạt trên địa bàn thành phố Hải Phòng",
         "sector": "nước sạch", "initial_state": "in_effect", "cited_standards": [{"designation": "TCVN 6096:2004", "clauses": "6.1"}],
         "issuance": {"decision": decision("31/2023/QĐ-UBND", "2023-09-11"), "effective_date": "2023-09-21"}},
        {"code": "QCDP 01:2021/HD", "title_vi": "Quy chuẩn kỹ thuật địa phương về chất lượng nước sạch sử dụng cho mục đích sinh hoạt trên địa bàn tỉnh Hải Dương",
         "sector": "nước sạch", "initial_state": "in_effect",
         "issuance": {"decision": {"number": "12/2021/QĐ-UBND", "date": "2021-05-20", "issued_by": "UBND tỉnh Hải Dương"}, "effective_date": "2021-06-01"}}
    ])
}

fn ids_of(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap_or("").to_owned()).collect()
}

#[test]
fn existing_regulations_load_in_a_batch_that_is_safe_to_resend() {
    let hub = Hub::start();
    let a = agencies(&hub);
    let r = hub.post(&a.drafter, "/api/v1/technical-regulations/batch", &existing());
    let statuses: Vec<i64> =
        r.json()["results"].as_array().unwrap().iter().map(|i| i["status"].as_i64().unwrap()).collect();
    assert_eq!(statuses, [422, 201], "the cited standard is not in the catalogue yet: {}", r.body);
    assert_eq!(r.json()["results"][0]["problem"]["errors"][0]["pointer"], "/0/cited_standards/0/designation");
    let atomic = hub.post(&a.drafter, "/api/v1/technical-regulations/batch?atomic=true", &existing());
    atomic.assert_problem(422, "validation_failed");
    water_standard(&hub, &a.admin);
    let r = hub.post(&a.drafter, "/api/v1/technical-regulations/batch", &existing());
    let statuses: Vec<i64> =
        r.json()["results"].as_array().unwrap().iter().map(|i| i["status"].as_i64().unwrap()).collect();
    assert_eq!(statuses, [201, 200], "{}", r.body);
    let again = hub.post(&a.drafter, "/api/v1/technical-regulations/batch", &existing()).json();
    assert!(again["results"].as_array().unwrap().iter().all(|i| i["status"] == 200));
    let public = hub.send("GET", "/api/v1/technical-regulations?state=in_effect", &[], None).json();
    assert_eq!(public["items"].as_array().unwrap().len(), 2);
    assert!(public["items"].as_array().unwrap().iter().all(|r| r["version"] == 1), "resending made no new version");
    let hd = &public["items"].as_array().unwrap().iter().find(|r| r["origin"] == "HD").unwrap().clone();
    assert_eq!(hd["lifecycle"]["issuance"]["decision"]["issued_by"], "UBND tỉnh Hải Dương");
    assert_eq!(hd["documents"][0]["kind"], "issuing_decision");
    let log = hub
        .send("GET", &format!("/api/v1/technical-regulations/{}/transitions", hd["id"].as_str().unwrap()), &[], None)
        .json();
    assert_eq!(
        (log["items"][0]["action"].as_str(), log["items"][0]["to_state"].as_str()),
        (Some("load"), Some("in_effect"))
    );
    let mut missing = existing()[1].clone();
    missing["code"] = json!("QCĐP 05:2020/HD");
    missing.as_object_mut().unwrap().remove("issuance");
    let p = hub.post(&a.drafter, "/api/v1/technical-regulations", &missing).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/issuance");
}

#[test]
fn a_merged_provinces_regulation_keeps_its_origin_until_replaced_both_ways() {
    let hub = Hub::start();
    let a = agencies(&hub);
    water_standard(&hub, &a.admin);
    let r = hub.post(&a.drafter, "/api/v1/technical-regulations/batch?atomic=true", &existing());
    assert_eq!(r.status, 200, "{}", r.body);
    let hd = hub.send("GET", "/api/v1/technical-regulations?origin=hd", &[], None).json();
    assert_eq!(ids_of(&hd), ["QCĐP 01:2021/HD"]);
    let tphp = hub.send("GET", "/api/v1/technical-regulations?origin=TPHP", &[], None).json();
    assert_eq!(ids_of(&tphp), ["QCĐP 02:2023/TPHP"]);
    let (hd_id, tphp_id) =
        (hd["items"][0]["id"].as_str().unwrap().to_owned(), tphp["items"][0]["id"].as_str().unwrap().to_owned());
    let draft = propose(&hub, &a.drafter, json!({"title_vi": "Dự thảo thay thế", "sector": "nước sạch"}));
    let replace = |by: &str| json!({"action": "replace", "replaced_by": by, "decision": decision("40/2026/QĐ-UBND", "2026-10-01")});
    let p =
        act(&hub, &a.drafter, &hd_id, replace(draft["id"].as_str().unwrap())).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "replacement_not_issued");
    act(&hub, &a.drafter, &hd_id, replace("QCĐP 09:2026/TPHP")).assert_problem(422, "validation_failed");
    act(&hub, &a.other, &hd_id, replace("QCDP 02:2023/TPHP")).assert_problem(403, "not_lead_agency");
    let r = moved(&hub, &a.drafter, &hd_id, replace("QCDP 02:2023/TPHP"));
    assert_eq!(
        (r["state"].as_str(), r["lifecycle"]["replaced_by"]["id"].as_str()),
        (Some("replaced"), Some(tphp_id.as_str()))
    );
    assert_eq!(r["origin"], "HD", "it keeps its origin");
    let replacing = hub.send("GET", &format!("/api/v1/technical-regulations/{tphp_id}"), &[], None).json();
    assert_eq!(replacing["lifecycle"]["replaces"], json!([{"id": hd_id, "code": "QCĐP 01:2021/HD"}]));
    assert_eq!(replacing["version"], 2);
    assert_eq!(
        hub.send("GET", &format!("/api/v1/technical-regulations/{hd_id}"), &[], None).status,
        200,
        "a replaced text stays public"
    );
    let p = act(
        &hub,
        &a.drafter,
        &hd_id,
        json!({"action": "repeal", "reason": "x", "decision": decision("1/QĐ", "2026-01-01")}),
    );
    p.assert_problem(409, "illegal_transition");
}

#[test]
fn a_regulation_in_force_is_reviewed_amended_corrected_and_repealed() {
    let hub = Hub::start();
    let a = agencies(&hub);
    water_standard(&hub, &a.admin);
    hub.post(&a.drafter, "/api/v1/technical-regulations/batch?atomic=true", &existing());
    let page = hub.get(&a.drafter, "/api/v1/technical-regulations?origin=TPHP").json();
    let id = page["items"][0]["id"].as_str().unwrap().to_owned();
    let review = json!({"action": "review", "reviewed_on": "2026-03-01", "result": "amend", "findings": "Chỉ tiêu asen cần cập nhật."});
    act(&hub, &a.drafter, &id, review.clone()).assert_problem(403, "dost_only");
    let r = moved(&hub, &a.dost, &id, review);
    assert_eq!(
        (r["state"].as_str(), r["lifecycle"]["reviews"][0]["result"].as_str()),
        (Some("in_effect"), Some("amend"))
    );
    let amend = json!({"action": "amend", "decision": decision("55/2026/QĐ-UBND", "2026-06-01"), "summary": "Sửa chỉ tiêu asen.", "effective_date": "2026-06-15"});
    moved(&hub, &a.drafter, &id, amend);
    let correct = json!({"action": "correct", "decision": decision("60/QĐ-UBND", "2026-06-20"), "summary": "Đính chính lỗi chính tả tại 2.3."});
    let r = moved(&hub, &a.dost, &id, correct);
    assert_eq!(
        (
            r["lifecycle"]["amendments"].as_array().unwrap().len(),
            r["lifecycle"]["corrections"].as_array().unwrap().len()
        ),
        (1, 1)
    );
    let kinds: Vec<&str> = r["documents"].as_array().unwrap().iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["issuing_decision", "amendment", "correction"]);
    act(&hub, &a.drafter, &id, json!({"action": "repeal", "decision": decision("70/QĐ-UBND", "2026-11-01")}))
        .assert_problem(422, "validation_failed");
    let r = moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "repeal", "reason": "Áp dụng QCVN 01-1:2024/BYT.", "decision": decision("70/QĐ-UBND", "2026-11-01")}),
    );
    assert_eq!((r["state"].as_str(), r["next_actions"].clone()), (Some("repealed"), json!([])));
    let feed = hub.send("GET", "/api/v1/changes?entity=technical_regulation", &[], None).json();
    let actions: Vec<&str> = feed["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(
        actions.ends_with(&["review", "amend", "correct", "repeal"]),
        "the public feed carries published regulations' moves: {actions:?}"
    );
}
