//! Health, readiness, metrics and the service description.

use diesel::{QueryDsl, RunQueryDsl};

use crate::support::{Hub, test_config};
use serde_json::json;

#[test]
fn health_and_readiness() {
    let hub = Hub::start();
    let r = hub.send("GET", "/healthz", &[], None);
    assert_eq!((r.status, r.json()["status"].as_str()), (200, Some("ok")));
    let r = hub.send("GET", "/readyz", &[], None);
    assert_eq!((r.status, r.json()["status"].as_str()), (200, Some("ok")));
}

#[test]
fn readiness_fails_while_a_migration_is_missing() {
    let hub = Hub::start();
    let mut db = hub.db();
    diesel::sql_query("DELETE FROM __diesel_schema_migrations").execute(&mut db).unwrap();
    let r = hub.send("GET", "/readyz", &[], None);
    assert_eq!(r.status, 503, "{}", r.body);
    assert_eq!(r.header("retry-after"), Some("5"));
    assert!(r.json()["reason"].as_str().unwrap().contains("migrations"));
}

#[test]
fn metrics_count_requests_by_route_pattern() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    hub.get(&admin, "/api/v1/agencies/01a2080e-a99a-74fb-9475-d86a87dcb050");
    let text = hub.send("GET", "/metrics", &[], None).body;
    assert!(
        text.contains(r#"tdc_hub_http_requests_total{method="GET",route="/api/v1/agencies/{id}",status="404"} 1"#),
        "{text}"
    );
    assert!(text.contains("tdc_hub_http_request_duration_seconds_bucket"));
    assert!(text.contains("tdc_hub_db_pool_max_connections 4"));
}

#[test]
fn metrics_count_batch_and_import_rows_and_each_followers_lag() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let codes = crate::support::valid_tax_codes(2);
    let batch = json!([{"tax_code": codes[0], "name": "Một"}, {"tax_code": "12", "name": "Hai"}]);
    assert_eq!(hub.post(&admin, "/api/v1/businesses/batch", &batch).status, 200);
    let file = format!("tax_code,name\n{},Hai\n", codes[1]);
    let auth = format!("Bearer {admin}");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "text/csv")];
    let sent = hub.send("POST", "/api/v1/import-jobs?resource=businesses", &headers, Some(&file));
    let location = sent.header("location").unwrap().to_owned();
    let started = std::time::Instant::now();
    while hub.get(&admin, &location).json()["status"] != "succeeded" {
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "the import did not end");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(hub.get(&admin, "/api/v1/changes?after=1").status, 200);
    let text = hub.send("GET", "/metrics", &[], None).body;
    for line in [
        r#"tdc_hub_batch_rows_total{outcome="accepted",route="/api/v1/businesses/batch"} 1"#,
        r#"tdc_hub_batch_rows_total{outcome="rejected",route="/api/v1/businesses/batch"} 1"#,
        r#"tdc_hub_import_jobs{status="succeeded"} 1"#,
        r#"tdc_hub_import_rows{outcome="accepted",resource="businesses"} 1"#,
        r#"tdc_hub_queue_items{kind="import",state="done"} 1"#,
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    let head = hub.get(&admin, "/api/v1/changes?after=0&limit=1000").json()["items"].as_array().unwrap().len();
    let lag = format!(r#"tdc_hub_feed_lag_events{{follower="client:admin"}} {head}"#);
    assert!(hub.send("GET", "/metrics", &[], None).body.contains(&lag), "{lag}");
}

#[test]
fn the_service_describes_itself() {
    let hub = Hub::start();
    let body = hub.send("GET", "/api/v1", &[], None).json();
    assert_eq!(body["name"], "TĐC Hub");
    assert_eq!(body["province"]["name"], "Hải Phòng");
    assert_eq!(body["limits"]["max_page_size"], 1000);
    assert_eq!(body["limits"]["max_import_bytes"], 10_240u64 * 1024 * 1024);
    assert_eq!(body["links"]["openapi"], "/api/v1/openapi.json");
    let features: Vec<&str> = body["features"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    for expected in [
        "idempotency_key",
        "change_feed",
        "batches",
        "standards_catalogue",
        "technical_regulations",
        "lifecycle_transitions",
        "programs_and_plans",
        "conformity_registry",
        "csv_ndjson_export",
        "province_notifications",
    ] {
        assert!(features.contains(&expected), "{expected} missing from {features:?}");
    }
    assert_eq!(body["limits"]["idempotency_retention_hours"], 24);
    assert_eq!(
        (body["limits"]["consultation_min_days"].as_u64(), body["limits"]["public_comments_per_day"].as_u64()),
        (Some(60), Some(20))
    );
}

#[test]
fn two_instances_starting_together_on_an_empty_database_both_come_up() {
    let (config, _db) = test_config();
    let pool = tdc_gateway::server::open_database(&config).unwrap();
    tdc_gateway::server::migrate(&pool).unwrap();
    let starts: Vec<_> = (0..2)
        .map(|_| {
            let config = config.clone();
            std::thread::spawn(move || tdc_gateway::server::prepare(&config, true).map(|(_, done)| done.created_admin))
        })
        .collect();
    let created: Vec<bool> = starts.into_iter().map(|t| t.join().unwrap().expect("each instance starts")).collect();
    assert_eq!(created.iter().filter(|c| **c).count(), 1, "exactly one instance created the admin client");
    let mut db = crate::support::connect(&config.database_url);
    let n: i64 = tdc_kernel::db::schema::api_clients::table.count().get_result(&mut db).unwrap();
    assert_eq!(n, 1);
    let _ = std::fs::remove_dir_all(&config.data_dir);
}

#[test]
fn connections_the_database_dropped_are_replaced_instead_of_failing_forever() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    for _ in 0..8 {
        assert_eq!(hub.get(&admin, "/api/v1/agencies").status, 200, "warm every pooled connection");
    }
    if !hub.database_url.starts_with("postgres") {
        return; // SQLite's connections are files; nothing drops them.
    }
    let mut db = hub.db();
    let terminated = diesel::sql_query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .execute(&mut db)
    .unwrap();
    assert!(terminated >= 1, "the hub's connections were dropped");
    let statuses: Vec<u16> = (0..12).map(|_| hub.get(&admin, "/api/v1/agencies").status).collect();
    let pool_size = 4;
    assert!(
        statuses.iter().filter(|s| **s != 200).count() <= pool_size,
        "each dead connection fails once at most: {statuses:?}"
    );
    assert!(statuses[pool_size..].iter().all(|s| *s == 200), "then every request succeeds: {statuses:?}");
}

#[test]
fn postgresql_refuses_an_enumeration_name_the_hub_does_not_know() {
    let hub = Hub::start();
    if !hub.database_url.starts_with("postgres") {
        return; // SQLite has no CHECK constraints on these columns (see migration 17).
    }
    let admin = hub.admin_token();
    let body = serde_json::json!({"tax_code": "0100233488", "name": "Công ty Cát Hải", "sharing": "shared"});
    assert_eq!(hub.post(&admin, "/api/v1/businesses", &body).status, 201);
    let mut db = hub.db();
    for edit in [
        "UPDATE businesses SET status = 'bankrupt'",
        "UPDATE businesses SET sharing = 'everyone'",
        "UPDATE changes SET sharing = 'everyone'",
        "UPDATE agencies SET kind = 'ministry'",
    ] {
        let refused = diesel::sql_query(edit).execute(&mut db);
        assert!(refused.is_err_and(|e| e.to_string().contains("_known")), "{edit} was accepted");
    }
    assert_eq!(hub.get(&admin, "/api/v1/businesses?limit=5").status, 200, "the stored rows are as they were");
}

#[test]
fn postgresql_stores_instants_as_moments_that_read_right_in_any_time_zone() {
    let hub = Hub::start();
    if !hub.database_url.starts_with("postgres") {
        return; // SQLite keeps UTC text.
    }
    let admin = hub.admin_token();
    let body = serde_json::json!({"tax_code": "0100233488", "name": "Công ty Cát Hải"});
    let created = hub.post(&admin, "/api/v1/businesses", &body).json();
    let shown = chrono::DateTime::parse_from_rfc3339(created["created_at"].as_str().unwrap()).unwrap();
    #[derive(diesel::QueryableByName)]
    struct Local {
        #[diesel(sql_type = diesel::sql_types::Text)]
        local: String,
    }
    let mut db = hub.db();
    diesel::sql_query("SET TIME ZONE 'Asia/Ho_Chi_Minh'").execute(&mut db).unwrap();
    let read: Local =
        diesel::sql_query("SELECT to_char(created_at, 'YYYY-MM-DD\"T\"HH24:MI:SS.USOF') AS local FROM businesses")
            .get_result(&mut db)
            .unwrap();
    let local = chrono::DateTime::parse_from_str(&format!("{}:00", read.local), "%Y-%m-%dT%H:%M:%S%.f%:z").unwrap();
    assert_eq!(local.offset().local_minus_utc(), 7 * 3600, "read in Vietnam's time: {}", read.local);
    assert_eq!(local, shown, "the same moment the API showed");
}
