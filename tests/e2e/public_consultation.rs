//! Public consultation: anyone comments on a draft without a token, their identity kept for the
//! drafting agency, within abuse limits; the comments and answers stay readable as the record.

use serde_json::{Value, json};

use crate::regulations::{Agencies, agencies, decision, moved, propose};
use crate::support::Hub;

fn today_plus(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::hours(7) + chrono::Duration::days(days)).date_naive().to_string()
}

fn draft_in_consultation(hub: &Hub, a: &Agencies) -> String {
    let draft = propose(hub, &a.drafter, json!({"title_vi": "Phao nuôi trồng thủy sản", "sector": "thủy sản"}));
    let id = draft["id"].as_str().unwrap().to_owned();
    moved(hub, &a.dost, &id, json!({"action": "accept_into_plan"}));
    moved(
        hub,
        &a.drafter,
        &id,
        json!({"action": "start_drafting", "decision": decision("120/QĐ-SNNMT", "2026-01-10")}),
    );
    let short = json!({"action": "open_consultation", "opens_on": today_plus(0), "closes_on": today_plus(58)});
    let p = crate::regulations::act(hub, &a.drafter, &id, short).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "consultation_too_short", "the configured minimum is 60 days");
    moved(
        hub,
        &a.drafter,
        &id,
        json!({"action": "open_consultation", "opens_on": today_plus(0), "closes_on": today_plus(59)}),
    );
    id
}

fn public_comment(name: &str) -> Value {
    json!({"commenter": {"name": name, "organization": "Hội Nghề cá Hải Phòng", "phone": "0912345678"},
           "clause": "2.1", "comment": "Đề nghị bổ sung yêu cầu chịu tia UV."})
}

#[test]
fn anyone_comments_without_a_token_and_only_the_drafter_sees_who() {
    let hub = Hub::start_with(|c| c.public_comments_per_day = 2);
    let a = agencies(&hub);
    let id = draft_in_consultation(&hub, &a);
    let path = format!("/api/v1/technical-regulations/{id}/public-comments");
    let anonymous =
        |body: &Value| hub.send("POST", &path, &[("Content-Type", "application/json")], Some(&body.to_string()));
    let r = anonymous(&public_comment("Nguyễn Văn An"));
    assert_eq!(
        (r.status, r.json()["channel"].as_str(), r.json().get("commenter")),
        (201, Some("public"), None),
        "{}",
        r.body
    );
    let mut no_contact = public_comment("Trần Thị Bình");
    no_contact["commenter"].as_object_mut().unwrap().remove("phone");
    let p = anonymous(&no_contact).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "contact_required");
    assert_eq!(anonymous(&public_comment("Lê Văn Cường")).status, 201);
    let limited = anonymous(&public_comment("Phạm Thị Dung"));
    limited.assert_problem(429, "too_many_comments");
    assert!(limited.header("retry-after").is_some());

    let comments = format!("/api/v1/technical-regulations/{id}/comments");
    let for_drafter = hub.get(&a.drafter, &comments).json();
    assert_eq!(for_drafter["items"][0]["commenter"]["name"], "Nguyễn Văn An", "the drafting agency sees who");
    let for_others = hub.get(&a.other, &comments);
    let for_public = hub.send("GET", &comments, &[], None);
    let feed = hub.send(
        "GET",
        "/api/v1/changes?entity=regulation_comment",
        &[("Authorization", &format!("Bearer {}", a.other))],
        None,
    );
    for (who, r) in [("another agency", &for_others), ("the public", &for_public), ("the feed", &feed)] {
        assert_eq!(r.status, 200, "{who}: {}", r.body);
        assert!(
            !r.body.contains("Nguyễn Văn An") && !r.body.contains("0912345678"),
            "{who} sees the commenter: {}",
            r.body
        );
    }
    assert_eq!(
        for_public.json()["items"].as_array().unwrap().len(),
        2,
        "the draft in consultation is public, so are its comments"
    );

    // The drafter answers; after issue the comments and answers remain the consultation record.
    let answer = json!({"disposition": "partly_accepted", "response": "Đã bổ sung tại 2.1.4."});
    for item in for_drafter["items"].as_array().unwrap() {
        let r = hub.post(&a.drafter, &format!("{comments}/{}/answer", item["id"].as_str().unwrap()), &answer);
        assert_eq!(r.status, 200, "{}", r.body);
    }
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "submit_for_appraisal", "decision": decision("45/QĐ-UBND", "2026-03-01")}),
    );
    moved(&hub, &a.dost, &id, json!({"action": "pass_appraisal", "concluded_on": "2026-03-20"}));
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "request_ministry_opinion", "ministry": "Bộ Nông nghiệp và Môi trường", "decision": decision("310/SNNMT-TS", "2026-04-01")}),
    );
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "record_ministry_opinion", "decision": decision("2150/BNNMT-TS", "2026-05-10")}),
    );
    moved(
        &hub,
        &a.drafter,
        &id,
        json!({"action": "issue", "code": "QCĐP 05:2026/TPHP", "effective_date": today_plus(10),
                                        "decision": {"number": "16/2026/QĐ-UBND", "date": today_plus(0), "issued_by": "UBND thành phố Hải Phòng"}}),
    );
    let record = hub.send("GET", &comments, &[], None).json();
    let answered: Vec<&str> =
        record["items"].as_array().unwrap().iter().map(|c| c["disposition"].as_str().unwrap()).collect();
    assert_eq!(answered, ["partly_accepted", "partly_accepted"]);
    assert!(record["items"][0].get("commenter").is_none());
    anonymous(&public_comment("Hoàng Văn Em")).assert_problem(409, "consultation_not_open");
}
