//! Local technical regulations (QCĐP): the lifecycle from proposal to in force, who may make each
//! move, consultation comments, and what the public sees.

use serde_json::{Value, json};

use crate::support::{Hub, Resp};

/// The agencies of these tests: a sector department that drafts, DOST's officer, another department.
pub struct Agencies {
    pub admin: String,
    pub drafter: String,
    pub dost: String,
    pub other: String,
}

pub fn agencies(hub: &Hub) -> Agencies {
    Agencies {
        admin: hub.admin_token(),
        drafter: hub.client_with_role("SNNMT", "snnmt-system", "agency_officer").0,
        dost: hub.client_with_role("SKHCN", "skhcn-officer", "agency_officer").0,
        other: hub.client_with_role("SCT", "sct-system", "agency_officer").0,
    }
}

pub fn propose(hub: &Hub, token: &str, body: Value) -> Value {
    let r = hub.post(token, "/api/v1/technical-regulations", &body);
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()
}

pub fn act(hub: &Hub, token: &str, id: &str, body: Value) -> Resp {
    hub.post(token, &format!("/api/v1/technical-regulations/{id}/transitions"), &body)
}

pub fn moved(hub: &Hub, token: &str, id: &str, body: Value) -> Value {
    let r = act(hub, token, id, body);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["regulation"].clone()
}

pub fn decision(number: &str, date: &str) -> Value {
    json!({"number": number, "date": date})
}

fn today_plus(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::hours(7) + chrono::Duration::days(days)).date_naive().to_string()
}

fn floats_proposal() -> Value {
    json!({"title_vi": "Quy chuẩn kỹ thuật địa phương về vật liệu sử dụng làm phao dùng trong các bè nuôi trồng thủy sản trên biển",
           "sector": "thủy sản", "coordinating_agencies": ["SKHCN"]})
}

/// Takes a proposal through drafting to an open consultation (today to today + 70).
fn to_consultation(hub: &Hub, a: &Agencies, id: &str) {
    moved(hub, &a.dost, id, json!({"action": "accept_into_plan"}));
    moved(hub, &a.drafter, id, json!({"action": "start_drafting", "decision": decision("120/QĐ-SNNMT", "2023-01-10")}));
    let open = json!({"action": "open_consultation", "opens_on": today_plus(0), "closes_on": today_plus(70)});
    moved(hub, &a.drafter, id, open);
}

#[test]
fn a_qcdp_goes_from_proposal_to_in_effect() {
    let hub = Hub::start();
    let a = agencies(&hub);
    let plan = hub.post(
        &a.dost,
        "/api/v1/programs",
        &json!({"name": "Kế hoạch xây dựng QCĐP năm 2023", "kind": "annual", "start_year": 2023, "end_year": 2023}),
    );
    assert_eq!(plan.status, 201, "{}", plan.body);
    let plan_id = plan.json()["id"].as_str().unwrap().to_owned();
    let r = propose(&hub, &a.drafter, floats_proposal());
    let id = r["id"].as_str().unwrap().to_owned();
    assert_eq!((r["state"].as_str(), r["lead_agency"].as_str()), (Some("proposed"), Some("SNNMT")));
    assert_eq!(r["next_actions"], json!(["accept_into_plan", "reject_proposal", "withdraw"]));
    let r = moved(
        &hub,
        &a.dost,
        &id,
        json!({"action": "accept_into_plan", "program_id": plan_id, "due_date": "2023-06-30"}),
    );
    let task_id = r["lifecycle"]["program_task_id"].as_str().unwrap().to_owned();
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "start_drafting", "decision": decision("120/QĐ-SNNMT", "2023-01-10")}),
    );
    let open = json!({"action": "open_consultation", "opens_on": today_plus(0), "closes_on": today_plus(70),
                      "draft_url": "https://snnmt.haiphong.gov.vn/du-thao-qcdp-phao.pdf"});
    let r = moved(&hub, &a.drafter, &id, open);
    assert_eq!((r["state"].as_str(), r["public"].as_bool()), (Some("consultation"), Some(true)));
    let comment = hub.post(
        &a.other,
        &format!("/api/v1/technical-regulations/{id}/comments"),
        &json!({"clause": "2.1", "comment": "Bổ sung phép thử độ bền kéo."}),
    );
    assert_eq!(comment.status, 201, "{}", comment.body);
    let comment_id = comment.json()["id"].as_str().unwrap().to_owned();
    let submit = json!({"action": "submit_for_appraisal", "decision": decision("45/QĐ-UBND", "2023-03-01")});
    act(&hub, &a.drafter, &id, submit.clone()).assert_problem(409, "unanswered_comments");
    let answer_path = format!("/api/v1/technical-regulations/{id}/comments/{comment_id}/answer");
    hub.post(&a.other, &answer_path, &json!({"disposition": "accepted"})).assert_problem(403, "not_lead_agency");
    hub.post(&a.drafter, &answer_path, &json!({"disposition": "not_accepted"}))
        .assert_problem(422, "validation_failed");
    let answered =
        hub.post(&a.drafter, &answer_path, &json!({"disposition": "accepted", "response": "Đã bổ sung tại 2.1.3."}));
    assert_eq!((answered.status, answered.json()["answered_by"].as_str()), (200, Some("SNNMT")), "{}", answered.body);
    hub.post(&a.drafter, &answer_path, &json!({"disposition": "accepted"})).assert_problem(409, "already_answered");
    moved(&hub, &a.drafter, &id, submit);
    moved(&hub, &a.dost, &id, json!({"action": "pass_appraisal", "concluded_on": "2023-03-20"}));
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "request_ministry_opinion", "ministry": "Bộ Nông nghiệp và Phát triển nông thôn", "decision": decision("310/SNNMT-TS", "2023-04-01")}),
    );
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "record_ministry_opinion", "decision": decision("2150/BNN-TS", "2023-05-10"), "summary": "Thống nhất."}),
    );
    let issue = json!({"action": "issue", "code": "qcdp 1:2023/tphp", "decision": decision("16/2023/QĐ-UBND", "2023-06-15"), "effective_date": "2023-06-25"});
    let r = moved(&hub, &a.drafter, &id, issue);
    assert_eq!((r["code"].as_str(), r["origin"].as_str()), (Some("QCĐP 01:2023/TPHP"), Some("TPHP")));
    act(&hub, &a.drafter, &id, json!({"action": "register", "registered_on": "2023-07-01"}))
        .assert_problem(403, "dost_only");
    moved(&hub, &a.dost, &id, json!({"action": "register", "registered_on": "2023-07-01"}));
    let r = moved(&hub, &a.drafter, &id, json!({"action": "bring_into_force"}));
    assert_eq!(r["state"], "in_effect");
    let kinds: Vec<&str> = r["documents"].as_array().unwrap().iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"issuing_decision") && kinds.contains(&"committee_decision"), "{kinds:?}");

    let public = hub.send("GET", "/api/v1/technical-regulations/by-code/QCDP%2001%3A2023/TPHP", &[], None);
    assert_eq!((public.status, public.json()["id"].as_str()), (200, Some(id.as_str())), "{}", public.body);
    let log = hub.send("GET", &format!("/api/v1/technical-regulations/{id}/transitions"), &[], None).json();
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|t| t["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        [
            "propose",
            "accept_into_plan",
            "start_drafting",
            "open_consultation",
            "submit_for_appraisal",
            "pass_appraisal",
            "request_ministry_opinion",
            "record_ministry_opinion",
            "issue",
            "register",
            "bring_into_force"
        ]
    );
    assert_eq!(log["items"][9]["agency_code"], "SKHCN");
    let tasks = hub.get(&a.dost, &format!("/api/v1/programs/{plan_id}/tasks")).json();
    assert_eq!(
        (tasks["items"][0]["id"].as_str(), tasks["items"][0]["status"].as_str()),
        (Some(task_id.as_str()), Some("done"))
    );
    let history = hub.get(&a.admin, &format!("/api/v1/technical-regulations/{id}/history")).json();
    assert_eq!(history["items"].as_array().unwrap().len(), 11, "one change per move");
}

#[test]
fn illegal_moves_and_wrong_agencies_are_refused() {
    let hub = Hub::start();
    let a = agencies(&hub);
    let id = propose(&hub, &a.drafter, floats_proposal())["id"].as_str().unwrap().to_owned();
    let p = act(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "issue", "decision": decision("1/QĐ", "2023-01-01"), "effective_date": "2023-01-02"}),
    )
    .assert_problem(409, "illegal_transition");
    assert_eq!(p["allowed_actions"], json!(["accept_into_plan", "reject_proposal", "withdraw"]));
    act(&hub, &a.drafter, &id, json!({"action": "accept_into_plan"})).assert_problem(403, "dost_only");
    moved(&hub, &a.admin, &id, json!({"action": "accept_into_plan"}));
    let start = json!({"action": "start_drafting", "decision": decision("120/QĐ-SNNMT", "2023-01-10")});
    act(&hub, &a.other, &id, start.clone()).assert_problem(403, "not_lead_agency");
    act(&hub, &a.dost, &id, start).assert_problem(403, "not_lead_agency");
    let p = act(&hub, &a.drafter, &id, json!({"action": "start_drafting"})).assert_problem(422, "validation_failed");
    assert!(p["errors"][0]["pointer"].as_str().unwrap().contains("decision"), "{p}");
    act(&hub, &a.drafter, &id, json!({"action": "publish"})).assert_problem(422, "validation_failed");
    let no_token = hub.send(
        "POST",
        &format!("/api/v1/technical-regulations/{id}/transitions"),
        &[("Content-Type", "application/json")],
        Some(r#"{"action":"withdraw","reason":"x"}"#),
    );
    assert_eq!(no_token.status, 401);
    let stale = hub.send(
        "POST",
        &format!("/api/v1/technical-regulations/{id}/transitions"),
        &[
            ("Authorization", &format!("Bearer {}", a.drafter)),
            ("Content-Type", "application/json"),
            ("If-Match", "\"1\""),
        ],
        Some(r#"{"action":"withdraw","reason":"x"}"#),
    );
    stale.assert_problem(412, "version_mismatch");
    let r =
        moved(&hub, &a.drafter, &id, json!({"action": "withdraw", "reason": "Trùng phạm vi với QCVN mới ban hành."}));
    assert_eq!((r["state"].as_str(), r["next_actions"].clone()), (Some("withdrawn"), json!([])));
    let p = act(&hub, &a.drafter, &id, json!({"action": "start_drafting", "decision": decision("1/QĐ", "2023-01-10")}))
        .assert_problem(409, "illegal_transition");
    assert!(p["detail"].as_str().unwrap().contains("cannot be moved any more"), "{p}");
    let other = propose(&hub, &a.drafter, floats_proposal())["id"].as_str().unwrap().to_owned();
    act(&hub, &a.dost, &other, json!({"action": "reject_proposal"})).assert_problem(422, "validation_failed");
    let r = moved(&hub, &a.dost, &other, json!({"action": "reject_proposal", "reason": "Chưa cần thiết."}));
    assert_eq!(
        (r["state"].as_str(), r["lifecycle"]["rejection"]["reason"].as_str()),
        (Some("rejected"), Some("Chưa cần thiết."))
    );
}

#[test]
fn drafts_are_shared_and_a_consultation_is_public_only_while_open() {
    let hub = Hub::start();
    let a = agencies(&hub);
    let id = propose(&hub, &a.drafter, floats_proposal())["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/technical-regulations/{id}");
    assert_eq!(hub.send("GET", &path, &[], None).status, 404, "a proposal is not public");
    assert_eq!(hub.get(&a.other, &path).status, 200, "but every agency reads it");
    let public_list = hub.send("GET", "/api/v1/technical-regulations", &[], None).json();
    assert_eq!(public_list["items"].as_array().unwrap().len(), 0);
    moved(&hub, &a.dost, &id, json!({"action": "accept_into_plan"}));
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "start_drafting", "decision": decision("120/QĐ-SNNMT", "2023-01-10")}),
    );
    let later = json!({"action": "open_consultation", "opens_on": today_plus(3), "closes_on": today_plus(70)});
    let r = moved(&hub, &a.drafter, &id, later);
    assert_eq!(r["public"], false, "not open yet");
    assert_eq!(hub.send("GET", &path, &[], None).status, 404);
    let p = hub
        .post(&a.other, &format!("{path}/comments"), &json!({"comment": "Sớm quá"}))
        .assert_problem(409, "consultation_not_open");
    assert!(p["detail"].as_str().unwrap().contains(&today_plus(3)), "{p}");

    let second = propose(&hub, &a.drafter, floats_proposal())["id"].as_str().unwrap().to_owned();
    to_consultation(&hub, &a, &second);
    let open = hub.send("GET", &format!("/api/v1/technical-regulations/{second}"), &[], None);
    assert_eq!((open.status, open.json()["public"].as_bool()), (200, Some(true)));
    let listed = hub.send("GET", "/api/v1/technical-regulations?state=consultation", &[], None).json();
    let ids: Vec<&str> = listed["items"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [second.as_str()], "only the open consultation is public");
    let comments = hub.send("GET", &format!("/api/v1/technical-regulations/{second}/comments"), &[], None);
    assert_eq!(comments.status, 200, "an open consultation's comments are public");
    let hidden = hub.send("GET", &format!("{path}/comments"), &[], None);
    assert_eq!(hidden.status, 404, "a draft not yet open is not, nor its comments");
}

#[test]
fn content_is_checked_and_changed_with_if_match() {
    let hub = Hub::start();
    let a = agencies(&hub);
    let standard = json!({"designation": "TCVN 6238-1:2017", "title_vi": "An toàn đồ chơi trẻ em"});
    assert_eq!(hub.post(&a.admin, "/api/v1/standards", &standard).status, 201);
    let mut body = floats_proposal();
    body["code"] = json!("QCĐP 01-2023/TPHP");
    body["cited_standards"] = json!([{"designation": "ISO 9999:2020"}]);
    body["coordinating_agencies"] = json!(["NOPE"]);
    let p = hub.post(&a.drafter, "/api/v1/technical-regulations", &body).assert_problem(422, "validation_failed");
    let pointers: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap()).collect();
    assert_eq!(pointers, ["/code"], "the code's format is checked first: {p}");
    body["code"] = json!("QCDP 03:2024/TPHP");
    let p = hub.post(&a.drafter, "/api/v1/technical-regulations", &body).assert_problem(422, "validation_failed");
    let pointers: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap()).collect();
    assert_eq!(pointers, ["/coordinating_agencies/0", "/cited_standards/0/designation"], "{p}");
    body["coordinating_agencies"] = json!(["SCT"]);
    body["cited_standards"] = json!([{"designation": "tcvn 6238-1:2017", "clauses": "5.2"}]);
    let created = propose(&hub, &a.drafter, body.clone());
    assert_eq!(created["code"], "QCĐP 03:2024/TPHP");
    assert_eq!(created["cited_standards"], json!([{"designation": "TCVN 6238-1:2017", "clauses": "5.2"}]));
    hub.post(&a.drafter, "/api/v1/technical-regulations", &body).assert_problem(409, "duplicate_key");
    let path = format!("/api/v1/technical-regulations/{}", created["id"].as_str().unwrap());
    body["title_en"] = json!("Floats for aquaculture rafts");
    hub.put(&a.drafter, &path, None, &body).assert_problem(428, "precondition_required");
    hub.put(&a.other, &path, Some("\"1\""), &body).assert_problem(403, "not_lead_agency");
    let r = hub.put(&a.drafter, &path, Some("\"1\""), &body);
    assert_eq!((r.status, r.json()["version"].as_i64()), (200, Some(2)), "{}", r.body);
    hub.put(&a.drafter, &path, Some("\"1\""), &body).assert_problem(412, "version_mismatch");
    let same = hub.put(&a.drafter, &path, Some("\"2\""), &body);
    assert_eq!(same.json()["version"], 2, "an identical resend makes no version");
    body["initial_state"] = json!("in_effect");
    let p = hub.put(&a.drafter, &path, Some("\"2\""), &body).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/initial_state");
    let found = hub.get(&a.other, "/api/v1/technical-regulations?cites=tcvn%206238-1%3A2017&q=PHAO").json();
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
}

#[test]
fn appraisal_can_return_a_draft_and_dates_and_codes_are_checked() {
    let hub = Hub::start();
    let a = agencies(&hub);
    let id = propose(&hub, &a.drafter, floats_proposal())["id"].as_str().unwrap().to_owned();
    moved(&hub, &a.dost, &id, json!({"action": "accept_into_plan"}));
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "start_drafting", "decision": decision("120/QĐ-SNNMT", "2023-01-10")}),
    );
    let backwards = json!({"action": "open_consultation", "opens_on": today_plus(5), "closes_on": today_plus(1)});
    let p = act(&hub, &a.drafter, &id, backwards).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/closes_on");
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "open_consultation", "opens_on": today_plus(0), "closes_on": today_plus(70)}),
    );
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "submit_for_appraisal", "decision": decision("45/QĐ-UBND", "2023-03-01")}),
    );
    let r = hub.post(&a.other, &format!("/api/v1/technical-regulations/{id}/comments"), &json!({"comment": "Muộn"}));
    r.assert_problem(409, "consultation_not_open");
    act(&hub, &a.dost, &id, json!({"action": "return_for_revision", "concluded_on": "2023-03-20"}))
        .assert_problem(422, "validation_failed");
    let back =
        json!({"action": "return_for_revision", "concluded_on": "2023-03-20", "remarks": "Thiếu phương pháp thử."});
    act(&hub, &a.drafter, &id, back.clone()).assert_problem(403, "dost_only");
    let r = moved(&hub, &a.dost, &id, back);
    assert_eq!(
        (r["state"].as_str(), r["lifecycle"]["appraisal"]["result"].as_str()),
        (Some("drafting"), Some("revise"))
    );
    assert_eq!(r["lifecycle"]["consultation"]["closed_on"], today_plus(0));
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "open_consultation", "opens_on": today_plus(0), "closes_on": today_plus(70)}),
    );
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "submit_for_appraisal", "decision": decision("50/QĐ-UBND", "2023-04-01")}),
    );
    moved(
        &hub,
        &a.dost,
        &id,
        json!({"action": "pass_appraisal", "concluded_on": "2023-04-20", "report": decision("07/BC-HĐTĐ", "2023-04-20")}),
    );
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "request_ministry_opinion", "ministry": "Bộ NN&PTNT", "decision": decision("1/SNNMT", "2023-05-01")}),
    );
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "record_ministry_opinion", "decision": decision("2/BNN", "2023-05-10")}),
    );
    let issue = |code: Option<&str>, effective: &str| {
        let mut body = json!({"action": "issue", "decision": decision("16/2023/QĐ-UBND", "2023-06-15"), "effective_date": effective});
        if let Some(code) = code {
            body["code"] = json!(code);
        }
        body
    };
    let p = act(&hub, &a.drafter, &id, issue(None, "2023-06-01")).assert_problem(422, "validation_failed");
    let pointers: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap()).collect();
    assert_eq!(pointers, ["/effective_date", "/code"]);
    let taken = json!({"code": "QCĐP 02:2023/TPHP", "title_vi": "Nước sạch", "sector": "nước sạch", "initial_state": "in_effect",
                       "issuance": {"decision": decision("31/2023/QĐ-UBND", "2023-09-11"), "effective_date": "2023-09-21"}});
    propose(&hub, &a.dost, taken);
    act(&hub, &a.drafter, &id, issue(Some("QCDP 02:2023/TPHP"), "2023-06-25")).assert_problem(409, "duplicate_key");
    moved(&hub, &a.drafter, &id, issue(Some("QCĐP 01:2023/TPHP"), &today_plus(20)));
    moved(&hub, &a.dost, &id, json!({"action": "register", "registered_on": "2023-07-01"}));
    let p = act(&hub, &a.drafter, &id, json!({"action": "bring_into_force"})).assert_problem(409, "not_yet_effective");
    assert!(p["detail"].as_str().unwrap().contains(&today_plus(20)), "{p}");
    let kinds: Vec<String> = hub.get(&a.other, &format!("/api/v1/technical-regulations/{id}")).json()["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        kinds.contains(&"appraisal_report".to_owned()) && kinds.contains(&"appraisal_council_decision".to_owned()),
        "{kinds:?}"
    );
}

#[test]
fn concurrent_moves_of_one_regulation_make_exactly_one_transition() {
    let hub = Hub::start();
    let a = agencies(&hub);
    let id = propose(&hub, &a.drafter, floats_proposal())["id"].as_str().unwrap().to_owned();
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let runs: Vec<_> =
            (0..6).map(|_| s.spawn(|| act(&hub, &a.dost, &id, json!({"action": "accept_into_plan"})).status)).collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| matches!(s, 200 | 409 | 412)), "{statuses:?}");
    let log = hub.get(&a.dost, &format!("/api/v1/technical-regulations/{id}/transitions")).json();
    let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|t| t["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["propose", "accept_into_plan"]);
}
