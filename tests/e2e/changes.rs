//! History and the change feed: what is recorded, who sees it, and that a follower never misses
//! an event nor sees a rolled-back one, even with concurrent writers.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use diesel::RunQueryDsl;
use serde_json::json;
use tdc_kernel::access::{Access, Sharing};
use tdc_kernel::changes::{Actor, Change};
use tdc_kernel::db::{PoolOptions, open_pool, write_blocking};

use crate::support::Hub;

fn seqs(page: &serde_json::Value) -> Vec<i64> {
    page["items"].as_array().unwrap().iter().map(|e| e["seq"].as_i64().unwrap()).collect()
}

#[test]
fn an_agencys_history_shows_who_changed_what() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let created = hub
        .post(&admin, "/api/v1/agencies", &json!({"code": "SYT", "name_vi": "Sở Y tế", "kind": "department"}))
        .json();
    let path = format!("/api/v1/agencies/{}", created["id"].as_str().unwrap());
    hub.patch(&admin, &path, Some("\"1\""), &json!({"name_en": "Department of Health", "sectors": ["health"]}));
    let r = hub.get(&admin, &format!("{path}/history"));
    assert_eq!(r.status, 200, "{}", r.body);
    let history = r.json();
    let items = history["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!((items[0]["action"].as_str(), items[0]["version"].as_i64()), (Some("created"), Some(1)));
    assert!(items[0].get("before").is_none());
    assert_eq!(items[1]["action"], "updated");
    assert_eq!(items[1]["client_id"], "admin");
    assert_eq!(items[1]["agency_code"], "SKHCN");
    assert_eq!(items[1]["changed_fields"], json!(["name_en", "sectors"]));
    assert_eq!(items[1]["before"], json!({"sectors": []}));
    assert_eq!(items[1]["after"], json!({"name_en": "Department of Health", "sectors": ["health"]}));
    let unknown = "/api/v1/agencies/01a2080e-a99a-74fb-9475-d86a87dcb050/history";
    hub.get(&admin, unknown).assert_problem(404, "not_found");
}

#[test]
fn the_feed_lists_changes_in_order_and_continues_from_next_after() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let first_start = hub.get(&admin, "/api/v1/changes").json();
    let entities: Vec<&str> =
        first_start["items"].as_array().unwrap().iter().map(|e| e["entity"].as_str().unwrap()).collect();
    assert_eq!(entities, vec!["agency", "administrative_unit", "api_client"], "what the first start recorded");
    let b = first_start["next_after"].as_i64().unwrap();
    for code in ["F1", "F2", "F3"] {
        hub.post(&admin, "/api/v1/agencies", &json!({"code": code, "name_vi": code, "kind": "commune"}));
    }
    let all = hub.get(&admin, &format!("/api/v1/changes?after={b}")).json();
    assert_eq!(seqs(&all), vec![b + 1, b + 2, b + 3]);
    assert_eq!(all["next_after"], b + 3);
    assert_eq!(all["items"][2]["data"]["code"], "F3");

    let r = hub.get(&admin, &format!("/api/v1/changes?after={b}&limit=2&entity=agency"));
    assert_eq!((seqs(&r.json()), r.json()["more"].as_bool()), (vec![b + 1, b + 2], Some(true)));
    assert!(r.header("link").unwrap().contains(&format!("after={}", b + 2)), "{:?}", r.header("link"));
    let rest = hub.get(&admin, &format!("/api/v1/changes?after={}&entity=agency", b + 2)).json();
    assert_eq!((seqs(&rest), rest["more"].as_bool()), (vec![b + 3], Some(false)), "up to date");
    let end = hub.get(&admin, &format!("/api/v1/changes?after={}", b + 3)).json();
    assert_eq!((seqs(&end), end["next_after"].as_i64()), (vec![], Some(b + 3)));
    hub.get(&admin, "/api/v1/changes?after=-1").assert_problem(400, "malformed_request");
}

#[test]
fn readers_see_only_what_they_may() {
    let hub = Hub::start();
    let (viewer, _) = hub.client_with_role("SCT", "sct-reader", "viewer");
    let anonymous = hub.send("GET", "/api/v1/changes", &[], None).json();
    let public: Vec<&str> =
        anonymous["items"].as_array().unwrap().iter().map(|e| e["entity"].as_str().unwrap()).collect();
    assert_eq!(public, vec!["administrative_unit"], "the public sees only public records' changes");
    let seen = hub.get(&viewer, "/api/v1/changes").json();
    let clients: Vec<&str> = seen["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "api_client")
        .map(|e| e["entity_id"].as_str().unwrap())
        .collect();
    assert_eq!(clients, vec!["sct-reader"], "another agency's clients are restricted to it");
    let admin = hub.admin_token();
    let r = hub.get(&admin, "/api/v1/changes?entity=api_client").json();
    assert_eq!(r["items"].as_array().unwrap().len(), 2, "administrators see every client");
    assert!(!hub.get(&admin, "/api/v1/changes").body.contains("secret_hash"));
}

fn pool_for(hub: &Hub) -> tdc_kernel::db::DbPool {
    open_pool(&hub.database_url, &PoolOptions { max_size: 2, acquire_timeout: std::time::Duration::from_secs(5) })
        .unwrap()
}

#[test]
fn a_rolled_back_change_never_reaches_the_feed_and_leaves_no_gap() {
    let hub = Hub::start();
    let pool = pool_for(&hub);
    let actor = Actor { client_id: "test".into(), agency_code: "SKHCN".into() };
    let access = Access { lead_agency: "SKHCN".into(), sharing: Sharing::Shared, coordinating: vec![] };
    let admin = hub.admin_token();
    let before = hub.get(&admin, "/api/v1/changes").json()["next_after"].as_i64().unwrap();
    let failed = write_blocking(&pool, |_| {
        let change = Change {
            entity: "agency",
            entity_id: "x",
            action: "created",
            version: 1,
            access: &access,
            before: None,
            after: None,
        };
        tdc_kernel::changes::record(&actor, change);
        Err::<(), _>(tdc_kernel::ApiError::Internal("the rest of the write failed".into()))
    });
    assert!(failed.is_err());
    hub.post(&admin, "/api/v1/agencies", &json!({"code": "AFTER", "name_vi": "Sau", "kind": "other"}));
    let feed = hub.get(&admin, "/api/v1/changes").json();
    assert_eq!(seqs(&feed), (1..=before + 1).collect::<Vec<i64>>(), "the next change took the rolled-back number");
    assert!(feed["items"].as_array().unwrap().iter().all(|e| e["entity_id"] != "x"));
}

#[test]
fn concurrent_writers_never_make_a_follower_skip_a_sequence_number() {
    let hub = Arc::new(Hub::start());
    let admin = hub.admin_token();
    let first_start = hub.get(&admin, "/api/v1/changes").json()["next_after"].as_i64().unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let follower = {
        let (hub, admin, done) = (hub.clone(), admin.clone(), done.clone());
        std::thread::spawn(move || {
            let (mut seen, mut after) = (Vec::new(), 0);
            loop {
                let finished = done.load(Ordering::SeqCst);
                let page = hub.get(&admin, &format!("/api/v1/changes?after={after}&limit=7")).json();
                for seq in seqs(&page) {
                    assert_eq!(seq, after + 1, "the follower skipped from {after} to {seq}");
                    after = seq;
                    seen.push(seq);
                }
                if finished && page["items"].as_array().unwrap().is_empty() {
                    return seen;
                }
            }
        })
    };
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (hub, admin) = (hub.clone(), admin.clone());
            std::thread::spawn(move || {
                for i in 0..12 {
                    let body = json!({"code": format!("W{w}-{i}"), "name_vi": "x", "kind": "commune"});
                    let r = hub.post(&admin, "/api/v1/agencies", &body);
                    assert_eq!(r.status, 201, "{}", r.body);
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    done.store(true, Ordering::SeqCst);
    let seen = follower.join().unwrap();
    assert_eq!(
        seen,
        (1..=first_start + 48).collect::<Vec<i64>>(),
        "the first start's changes + 48 writes, each once, in order"
    );
}

#[test]
fn a_record_restricted_later_takes_its_past_events_with_it() {
    let hub = Hub::start();
    let (sct, _) = hub.client_with_role("SCT", "sct-app", "agency_officer");
    let (syt, _) = hub.client_with_role("SYT", "syt-app", "agency_officer");
    let body = json!({"tax_code": "0100233488", "name": "Công ty Bí Mật", "sharing": "public"});
    let created = hub.post(&sct, "/api/v1/businesses", &body).json();
    let id = created["id"].as_str().unwrap().to_owned();
    let shows = |token: Option<&str>, path: &str| {
        let r = match token {
            Some(t) => hub.get(t, path),
            None => hub.send("GET", path, &[], None),
        };
        r.body.contains("Công ty Bí Mật")
    };
    assert!(shows(None, "/api/v1/changes?entity=business"), "public: everyone sees it");
    let restricted = json!({"tax_code": "0100233488", "name": "Công ty Bí Mật", "sharing": "restricted"});
    let tag = format!("\"{}\"", created["version"]);
    let r = hub.put(&sct, "/api/v1/businesses/by-tax-code/0100233488", Some(&tag), &restricted);
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(!shows(None, "/api/v1/changes?entity=business"), "the public no longer sees its creation");
    assert!(!shows(Some(&syt), "/api/v1/changes?entity=business"), "nor does another agency");
    assert_eq!(hub.get(&syt, &format!("/api/v1/businesses/{id}/history")).status, 404);
    assert!(shows(Some(&sct), "/api/v1/changes?entity=business"), "its lead still follows it");
    let history = hub.get(&sct, &format!("/api/v1/businesses/{id}/history")).json();
    assert_eq!(history["items"].as_array().unwrap().len(), 2);
}

#[test]
fn a_follower_at_the_head_waits_for_the_next_event_instead_of_spinning() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let head = hub.get(&admin, "/api/v1/changes").json()["next_after"].as_i64().unwrap();
    let started = std::time::Instant::now();
    let page = std::thread::scope(|s| {
        s.spawn(|| {
            std::thread::sleep(std::time::Duration::from_millis(400));
            let agency = json!({"code": "SCT", "name_vi": "Sở Công Thương", "kind": "department"});
            assert_eq!(hub.post(&admin, "/api/v1/agencies", &agency).status, 201);
        });
        hub.get(&admin, &format!("/api/v1/changes?after={head}&wait=10")).json()
    });
    let waited = started.elapsed();
    assert_eq!(
        (page["items"][0]["entity"].as_str(), page["items"][0]["data"]["code"].as_str()),
        (Some("agency"), Some("SCT")),
        "{page}"
    );
    assert_eq!(page["items"][0]["seq"].as_i64(), Some(head + 1));
    assert!(waited >= std::time::Duration::from_millis(400), "it waited for the event: {waited:?}");
    assert!(waited < std::time::Duration::from_secs(5), "it answered when the event came, not at the end: {waited:?}");
}

#[test]
fn a_long_poll_with_nothing_new_answers_an_empty_page_when_its_wait_is_over() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let head = hub.get(&admin, "/api/v1/changes").json()["next_after"].as_i64().unwrap();
    let started = std::time::Instant::now();
    let page = hub.get(&admin, &format!("/api/v1/changes?after={head}&wait=1")).json();
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    assert_eq!((page["items"].as_array().map(Vec::len), page["next_after"].as_i64()), (Some(0), Some(head)));
    let p = hub.get(&admin, "/api/v1/changes?wait=31").assert_problem(400, "malformed_request");
    assert_eq!(p["errors"][0]["code"], "invalid_parameter");
    assert_eq!(p["errors"][0]["pointer"], "/query/wait");
}

/// The feed's head as the administrator sees it.
fn feed_head(hub: &Hub) -> i64 {
    hub.get(&hub.admin_token(), "/api/v1/changes").json()["next_after"].as_i64().unwrap()
}

/// A writer of DOST's, and the access of what it writes.
fn writer() -> (Actor, Access) {
    let actor = Actor { client_id: "test".into(), agency_code: "SKHCN".into() };
    (actor, Access { lead_agency: "SKHCN".into(), sharing: Sharing::Shared, coordinating: vec![] })
}

fn one_change<'a>(entity_id: &'a str, access: &'a Access) -> Change<'a> {
    Change { entity: "agency", entity_id, action: "created", version: 1, access, before: None, after: None }
}

#[test]
fn a_writer_in_a_long_transaction_holds_up_nobody_and_the_feed_stays_in_commit_order() {
    let hub = Hub::start();
    if !hub.database_url.starts_with("postgres") {
        return; // SQLite has one writer at a time by design.
    }
    let (pool, admin, head) = (pool_for(&hub), hub.admin_token(), feed_head(&hub));
    let (actor, access) = writer();
    write_blocking(&pool, |_| {
        tdc_kernel::changes::record(&actor, one_change("slow", &access));
        let body = json!({"code": "FAST", "name_vi": "Nhanh", "kind": "other"});
        let started = std::time::Instant::now();
        assert_eq!(hub.post(&admin, "/api/v1/agencies", &body).status, 201);
        assert!(started.elapsed().as_secs() < 5, "the other writer did not wait for this transaction");
        let feed = hub.get(&admin, &format!("/api/v1/changes?after={head}")).json();
        let ids: Vec<&str> =
            feed["items"].as_array().unwrap().iter().map(|e| e["data"]["code"].as_str().unwrap()).collect();
        assert_eq!(ids, ["FAST"], "the committed write is in the feed; the open one is not");
        Ok(())
    })
    .unwrap();
    let feed = hub.get(&admin, &format!("/api/v1/changes?after={head}")).json();
    let ids: Vec<&str> = feed["items"].as_array().unwrap().iter().map(|e| e["entity_id"].as_str().unwrap()).collect();
    assert_eq!((seqs(&feed), ids.len()), (vec![head + 1, head + 2], 2));
    assert_eq!(ids[1], "slow", "numbered after the write that committed before it");
    assert_eq!(hub.get(&admin, "/api/v1/audit/verify").json()["intact"], true);
}

#[test]
fn work_undone_to_a_savepoint_takes_its_changes_with_it() {
    let hub = Hub::start();
    let (pool, admin, head) = (pool_for(&hub), hub.admin_token(), feed_head(&hub));
    let (actor, access) = writer();
    write_blocking(&pool, |c| {
        tdc_kernel::changes::record(&actor, one_change("kept-1", &access));
        let undone = tdc_kernel::db::savepoint(
            c,
            |_| {
                tdc_kernel::changes::record(&actor, one_change("undone", &access));
                Err::<(), _>(tdc_kernel::ApiError::Internal("this part failed".into()))
            },
            Result::is_ok,
        )?;
        assert!(undone.is_err());
        tdc_kernel::db::savepoint(
            c,
            |_| {
                tdc_kernel::changes::record(&actor, one_change("kept-2", &access));
                Ok::<(), tdc_kernel::ApiError>(())
            },
            Result::is_ok,
        )?
    })
    .unwrap();
    let feed = hub.get(&admin, &format!("/api/v1/changes?after={head}")).json();
    let ids: Vec<&str> = feed["items"].as_array().unwrap().iter().map(|e| e["entity_id"].as_str().unwrap()).collect();
    assert_eq!((seqs(&feed), ids), (vec![head + 1, head + 2], vec!["kept-1", "kept-2"]));
    assert_eq!(hub.get(&admin, "/api/v1/audit/verify").json()["intact"], true);
}

#[test]
fn a_record_restricted_later_in_the_same_batch_takes_that_batchs_events_with_it() {
    let hub = Hub::start();
    let (sct, _) = hub.client_with_role("SCT", "sct-app", "agency_officer");
    let batch = json!([
        {"tax_code": "0100233488", "name": "Công ty Một Lúc", "sharing": "public"},
        {"tax_code": "0100233488", "name": "Công ty Một Lúc", "sharing": "restricted"}
    ]);
    let r = hub.post(&sct, "/api/v1/businesses/batch", &batch);
    let statuses: Vec<i64> =
        r.json()["results"].as_array().unwrap().iter().map(|i| i["status"].as_i64().unwrap()).collect();
    assert_eq!(statuses, [201, 200], "{}", r.body);
    let public = hub.send("GET", "/api/v1/changes?entity=business", &[], None);
    assert!(!public.body.contains("Một Lúc"), "the creation left the public feed with its record: {}", public.body);
    let own = hub.get(&sct, "/api/v1/changes?entity=business").json();
    assert_eq!(own["items"].as_array().unwrap().len(), 2, "its lead still sees both");
}

#[test]
fn a_coordinating_agency_reads_while_it_coordinates_and_not_after() {
    let hub = Hub::start();
    let (sct, _) = hub.client_with_role("SCT", "sct-app", "agency_officer");
    let (syt, _) = hub.client_with_role("SYT", "syt-app", "agency_officer");
    hub.client_with_role("SNN", "snn-app", "agency_officer");
    let path = "/api/v1/businesses/by-tax-code/0100233488";
    let body = |coordinating: &[&str]| json!({"tax_code": "0100233488", "name": "Công ty Phối Hợp", "sharing": "restricted", "coordinating_agencies": coordinating});
    let created = hub.put(&sct, path, None, &body(&["SYT"])).json();
    let sees = |what: &str| {
        let list = hub.get(&syt, "/api/v1/businesses").body.contains("Phối Hợp");
        let feed = hub.get(&syt, "/api/v1/changes?entity=business").body.contains("Phối Hợp");
        assert_eq!(list, feed, "{what}: the list and the feed agree");
        list
    };
    assert!(sees("while it coordinates"));
    let r = hub.put(&sct, path, Some(&format!("\"{}\"", created["version"])), &body(&[]));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(!sees("after it was removed"));
    let r = hub.put(&sct, path, Some("\"2\""), &body(&["SYT", "SNN"]));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(sees("once it coordinates again"));
    let mut db = hub.db();
    let rows: Vec<(String, String, String)> = tdc_kernel::db::schema::record_coordinators::table.load(&mut db).unwrap();
    let agencies: Vec<&str> = rows.iter().map(|(_, _, a)| a.as_str()).collect();
    assert_eq!(agencies.len(), 2, "one row per coordinating agency of the record: {rows:?}");
    assert!(agencies.contains(&"SYT") && agencies.contains(&"SNN"));
}
