//! The tamper-evident audit trail: an edited or deleted row of the change log is found, with its
//! place and record; a head kept elsewhere catches the removal of the newest rows.

use diesel::RunQueryDsl;
use serde_json::json;

use crate::support::Hub;

fn verify(hub: &Hub, token: &str, query: &str) -> serde_json::Value {
    let r = hub.get(token, &format!("/api/v1/audit/verify{query}"));
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

fn tamper(hub: &Hub, sql: &str) {
    diesel::sql_query(sql).execute(&mut hub.db()).unwrap();
}

#[test]
fn an_edited_or_deleted_row_breaks_the_chain_where_it_happened() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    for code in ["SYT", "SCT", "SNN"] {
        let body = json!({"code": code, "name_vi": format!("Sở {code}"), "kind": "department"});
        assert_eq!(hub.post(&admin, "/api/v1/agencies", &body).status, 201);
    }
    let (officer, _) = hub.client_with_role("SXD", "sxd-app", "agency_officer");
    hub.get(&officer, "/api/v1/audit/verify").assert_problem(403, "insufficient_scope");
    let clean = verify(&hub, &admin, "");
    assert_eq!(clean["intact"], true, "{clean}");
    let (head_seq, head_hash) = (clean["head_seq"].as_i64().unwrap(), clean["head_hash"].as_str().unwrap().to_owned());
    assert_eq!(head_hash.len(), 64);

    let edited = head_seq - 3;
    tamper(&hub, &format!("UPDATE changes SET after_data = '{{\"name_vi\":\"Sở giả\"}}' WHERE seq = {edited}"));
    let report = verify(&hub, &admin, "");
    assert_eq!(report["intact"], false);
    assert_eq!(
        report["breaks"],
        json!([{"seq": edited, "kind": "edited", "entity": "agency",
        "entity_id": report["breaks"][0]["entity_id"]}])
    );

    let deleted = head_seq - 1;
    tamper(&hub, &format!("DELETE FROM changes WHERE seq = {deleted}"));
    let kinds: Vec<(i64, String)> = verify(&hub, &admin, "")["breaks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["seq"].as_i64().unwrap(), b["kind"].as_str().unwrap().to_owned()))
        .collect();
    assert!(kinds.contains(&(deleted, "missing".into())), "{kinds:?}");
    assert!(kinds.contains(&(deleted + 1, "unchained".into())), "{kinds:?}");
}

#[test]
fn a_head_kept_elsewhere_catches_the_newest_rows_removed() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let body = json!({"code": "SYT", "name_vi": "Sở Y tế", "kind": "department"});
    assert_eq!(hub.post(&admin, "/api/v1/agencies", &body).status, 201);
    let kept = verify(&hub, &admin, "");
    let query = format!("?head_seq={}&head_hash={}", kept["head_seq"], kept["head_hash"].as_str().unwrap());
    assert_eq!(verify(&hub, &admin, &query)["intact"], true);
    tamper(&hub, &format!("DELETE FROM changes WHERE seq = {}", kept["head_seq"]));
    assert_eq!(verify(&hub, &admin, "")["intact"], true, "the chain alone cannot see its end cut off");
    let report = verify(&hub, &admin, &query);
    assert_eq!(report["intact"], false);
    assert_eq!(report["breaks"][0]["kind"], "head_mismatch");
    let body = json!({"code": "SCT", "name_vi": "Sở Công Thương", "kind": "department"});
    assert_eq!(hub.post(&admin, "/api/v1/agencies", &body).status, 201, "the hub keeps writing");
}
