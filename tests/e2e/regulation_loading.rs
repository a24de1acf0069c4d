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
         "sector": "nước sạch", "initial_state": "in_effect", "lead_agency": "SNNMT", "cited_standards": [{"designation": "TCVN 6096:2004", "clauses": "6.1"}],
         "issuance": {"decision": decision("31/2023/QĐ-UBND", "2023-09-11"), "effective_date": "2023-09-21"}},
        {"code": "QCDP 01:2021/HD", "title_vi": "Quy chuẩn kỹ thuật địa phương về chất lượng nước sạch sử dụng cho mục đích sinh hoạt trên địa bàn tỉnh Hải Dương",
         "sector": "nước sạch", "initial_state": "in_effect", "lead_agency": "SNNMT",
         "issuance": {"decision": {"number": "12/2021/QĐ-UBND", "date": "2021-05-20", "issued_by": "UBND tỉnh Hải Dương"}, "effective_date": "2021-06-01"}}
    ])
}

/// A People's Committee decision.
fn committee(number: &str, date: &str) -> Value {
    json!({"number": number, "date": date, "issued_by": "UBND thành phố Hải Phòng"})
}

fn ids_of(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap_or("").to_owned()).collect()
}

#[test]
fn existing_regulations_load_in_a_batch_that_is_safe_to_resend() {
    let hub = Hub::start();
    let a = agencies(&hub);
    let r = hub.post(&a.dost, "/api/v1/technical-regulations/batch", &existing());
    let statuses: Vec<i64> =
        r.json()["results"].as_array().unwrap().iter().map(|i| i["status"].as_i64().unwrap()).collect();
    assert_eq!(statuses, [422, 201], "the cited standard is not in the catalogue yet: {}", r.body);
    assert_eq!(r.json()["results"][0]["problem"]["errors"][0]["pointer"], "/0/cited_standards/0/designation");
    let atomic = hub.post(&a.dost, "/api/v1/technical-regulations/batch?atomic=true", &existing());
    atomic.assert_problem(422, "validation_failed");
    water_standard(&hub, &a.admin);
    let r = hub.post(&a.dost, "/api/v1/technical-regulations/batch", &existing());
    let statuses: Vec<i64> =
        r.json()["results"].as_array().unwrap().iter().map(|i| i["status"].as_i64().unwrap()).collect();
    assert_eq!(statuses, [201, 200], "{}", r.body);
    let again = hub.post(&a.dost, "/api/v1/technical-regulations/batch", &existing()).json();
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
    let p = hub.post(&a.dost, "/api/v1/technical-regulations", &missing).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/issuance");
}

#[test]
fn a_merged_provinces_regulation_keeps_its_origin_until_replaced_both_ways() {
    let hub = Hub::start();
    let a = agencies(&hub);
    water_standard(&hub, &a.admin);
    let r = hub.post(&a.dost, "/api/v1/technical-regulations/batch?atomic=true", &existing());
    assert_eq!(r.status, 200, "{}", r.body);
    let hd = hub.send("GET", "/api/v1/technical-regulations?origin=hd", &[], None).json();
    assert_eq!(ids_of(&hd), ["QCĐP 01:2021/HD"]);
    let tphp = hub.send("GET", "/api/v1/technical-regulations?origin=TPHP", &[], None).json();
    assert_eq!(ids_of(&tphp), ["QCĐP 02:2023/TPHP"]);
    let (hd_id, tphp_id) =
        (hd["items"][0]["id"].as_str().unwrap().to_owned(), tphp["items"][0]["id"].as_str().unwrap().to_owned());
    let draft = propose(&hub, &a.drafter, json!({"title_vi": "Dự thảo thay thế", "sector": "nước sạch"}));
    let replace = |by: &str| json!({"action": "replace", "replaced_by": by, "decision": committee("40/2026/QĐ-UBND", "2026-10-01")});
    let review = json!({"action": "review", "reviewed_on": "2026-09-01", "result": "replace"});
    act(&hub, &a.drafter, &hd_id, replace("QCDP 02:2023/TPHP")).assert_problem(409, "review_required");
    moved(&hub, &a.dost, &hd_id, review);
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
    hub.post(&a.dost, "/api/v1/technical-regulations/batch?atomic=true", &existing());
    let page = hub.get(&a.drafter, "/api/v1/technical-regulations?origin=TPHP").json();
    let id = page["items"][0]["id"].as_str().unwrap().to_owned();
    let review = json!({"action": "review", "reviewed_on": "2026-03-01", "result": "amend", "findings": "Chỉ tiêu asen cần cập nhật."});
    act(&hub, &a.drafter, &id, review.clone()).assert_problem(403, "dost_only");
    let r = moved(&hub, &a.dost, &id, review);
    assert_eq!(
        (r["state"].as_str(), r["lifecycle"]["reviews"][0]["result"].as_str()),
        (Some("in_effect"), Some("amend"))
    );
    let mut amend = json!({"action": "amend", "decision": decision("55/2026/QĐ-UBND", "2026-06-01"), "summary": "Sửa chỉ tiêu asen.", "effective_date": "2026-06-15"});
    let p = act(&hub, &a.drafter, &id, amend.clone()).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "committee_decision_required", "the People's Committee decides");
    amend["decision"] = committee("55/2026/QĐ-UBND", "2026-06-01");
    let r = moved(&hub, &a.drafter, &id, amend.clone());
    assert_eq!(r["lifecycle"]["reviews"][0]["acted_on"], true);
    act(&hub, &a.drafter, &id, amend).assert_problem(409, "review_required");
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
    act(&hub, &a.drafter, &id, json!({"action": "repeal", "decision": committee("70/QĐ-UBND", "2026-11-01")}))
        .assert_problem(422, "validation_failed");
    let repeal = json!({"action": "repeal", "reason": "Áp dụng QCVN 01-1:2024/BYT.", "decision": committee("70/QĐ-UBND", "2026-11-01")});
    act(&hub, &a.drafter, &id, repeal).assert_problem(409, "review_required");
    let keep = json!({"action": "review", "reviewed_on": "2026-09-01", "result": "keep"});
    moved(&hub, &a.dost, &id, keep);
    let repeal_review = json!({"action": "review", "reviewed_on": "2026-10-01", "result": "repeal"});
    moved(&hub, &a.dost, &id, repeal_review);
    let r = moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "repeal", "reason": "Áp dụng QCVN 01-1:2024/BYT.", "decision": committee("70/QĐ-UBND", "2026-11-01")}),
    );
    assert_eq!((r["state"].as_str(), r["next_actions"].clone()), (Some("repealed"), json!([])));
    let feed = hub.send("GET", "/api/v1/changes?entity=technical_regulation", &[], None).json();
    let actions: Vec<&str> = feed["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(
        actions.ends_with(&["review", "amend", "correct", "review", "review", "repeal"]),
        "the public feed carries published regulations' moves: {actions:?}"
    );
}

#[test]
fn only_dost_loads_issued_regulations_and_a_proposal_says_what_it_changes() {
    let hub = Hub::start();
    let a = agencies(&hub);
    water_standard(&hub, &a.admin);
    let loaded = existing()[0].clone();
    hub.post(&a.drafter, "/api/v1/technical-regulations", &loaded).assert_problem(403, "dost_only");
    let batch = hub.post(&a.drafter, "/api/v1/technical-regulations/batch", &existing()).json();
    assert!(batch["results"].as_array().unwrap().iter().all(|i| i["status"] == 403), "{batch}");
    let r = hub.post(&a.dost, "/api/v1/technical-regulations", &loaded);
    assert_eq!((r.status, r.json()["lead_agency"].as_str()), (201, Some("SNNMT")), "DOST loads it for its drafter");
    let log = hub.send(
        "GET",
        &format!("/api/v1/technical-regulations/{}/transitions", r.json()["id"].as_str().unwrap()),
        &[],
        None,
    );
    assert_eq!(
        (log.json()["items"][0]["action"].as_str(), log.json()["items"][0]["agency_code"].as_str()),
        (Some("load"), Some("SKHCN"))
    );

    let proposal = |kind: &str, changes: Option<&str>| {
        let mut body = json!({"title_vi": "Sửa đổi QCĐP nước sạch", "sector": "nước sạch", "proposal_kind": kind});
        if let Some(c) = changes {
            body["changes"] = json!(c);
        }
        hub.post(&a.drafter, "/api/v1/technical-regulations", &body)
    };
    let p = proposal("amendment", None).assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/changes"), Some("required"))
    );
    let p = proposal("new", Some("QCĐP 02:2023/TPHP")).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "kind_mismatch");
    let p = proposal("replacement", Some("QCĐP 07:2020/TPHP")).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "unknown_regulation");
    let draft = proposal("new", None).json();
    let p = proposal("amendment", draft["id"].as_str()).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "regulation_not_in_force");
    let r = proposal("amendment", Some("qcdp 2:2023/tphp"));
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        r.json()["lifecycle"]["proposal"],
        json!({"kind": "amendment", "changes": {"id": r.json()["lifecycle"]["proposal"]["changes"]["id"], "code": "QCĐP 02:2023/TPHP"}})
    );
    assert_eq!(draft["lifecycle"]["proposal"], json!({"kind": "new"}));
}
