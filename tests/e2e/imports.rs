//! Import jobs: files of any size through a resource's batch code, chunk by chunk, with a per-row
//! error report, cancel, idempotent resends and another instance taking the work.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use serde_json::{Value, json};
use tdc_kernel::db::schema::{import_chunks, import_jobs};

use crate::support::{Client, Hub, valid_tax_codes};

/// Sends `body` as a file of `content_type` for `resource`.
fn import(
    hub: &Client,
    token: &str,
    resource: &str,
    content_type: &str,
    body: &str,
    key: Option<&str>,
) -> crate::support::Resp {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("Authorization", auth.as_str()), ("Content-Type", content_type)];
    if let Some(key) = key {
        headers.push(("Idempotency-Key", key));
    }
    hub.send(
        "POST",
        &format!("/api/v1/import-jobs?resource={resource}&file_name=t%E1%BB%87p.csv"),
        &headers,
        Some(body),
    )
}

/// Waits until the job at `location` has ended; answers it.
fn ended(hub: &Client, token: &str, location: &str) -> Value {
    let started = Instant::now();
    loop {
        let job = hub.get(token, location);
        assert_eq!(job.status, 200, "{}", job.body);
        let job = job.json();
        if ["succeeded", "failed", "canceled"].contains(&job["status"].as_str().unwrap()) {
            return job;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the job did not end: {job}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn csv_of(codes: &[String], bad: &[usize]) -> String {
    let mut csv = String::from("\u{feff}tax_code,name,historical,sectors\n");
    for (i, code) in codes.iter().enumerate() {
        match bad.iter().position(|b| *b == i) {
            Some(0) => csv.push_str(&format!("{code}0,Công ty lỗi,false,aquaculture\n")),
            Some(1) => csv.push_str(&format!("{code},Công ty thiếu ô\n")),
            Some(_) => csv.push_str(&format!("{code},Công ty {i},perhaps,aquaculture\n")),
            None => csv.push_str(&format!("{code},\"Công ty {i}, Hải Phòng\",false,aquaculture|food\n")),
        }
    }
    csv
}

#[test]
fn a_csv_import_applies_every_row_reports_the_refused_ones_and_is_safe_to_send_again() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let codes = valid_tax_codes(2_500);
    let file = csv_of(&codes, &[7, 1_200, 2_499]);
    let sent = import(&hub, &admin, "businesses", "text/csv", &file, None);
    assert_eq!(sent.status, 202, "{}", sent.body);
    let location = sent.header("location").unwrap().to_owned();
    assert!(location.starts_with("/api/v1/import-jobs/"), "{location}");
    assert_eq!(sent.json()["file_name"], "tệp.csv");
    let job = ended(&hub, &admin, &location);
    assert_eq!((job["status"].as_str(), job["received"].as_i64()), (Some("succeeded"), Some(2_500)), "{job}");
    assert_eq!(
        (job["accepted"].as_i64(), job["rejected"].as_i64(), job["progress"].as_f64()),
        (Some(2_497), Some(3), Some(1.0))
    );
    let stored = hub.get(&admin, &format!("/api/v1/businesses/by-tax-code/{}", codes[8])).json();
    assert_eq!(stored["name"], "Công ty 8, Hải Phòng");
    assert_eq!(stored["sectors"], json!(["aquaculture", "food"]));
    assert_eq!(hub.get(&admin, &format!("/api/v1/businesses/by-tax-code/{}", codes[1_200])).status, 404);

    let report = hub.get(&admin, &format!("{location}/errors"));
    assert_eq!(report.status, 200);
    let lines: Vec<&str> = report.body.lines().collect();
    assert_eq!(lines[0], "row,pointer,code,message");
    assert!(lines[1].starts_with("8,/tax_code,"), "{}", report.body);
    assert!(lines[2].starts_with("1201,,malformed_row,"), "{}", report.body);
    assert!(lines[3].starts_with("2500,/historical,"), "{}", report.body);
    assert_eq!(lines.len(), 4, "{}", report.body);
    let ndjson = hub.get(&admin, &format!("{location}/errors?format=ndjson"));
    let first: Value = serde_json::from_str(ndjson.body.lines().next().unwrap()).unwrap();
    assert_eq!((first["row"].as_i64(), first["pointer"].as_str()), (Some(8), Some("/tax_code")));

    let version = hub.get(&admin, &format!("/api/v1/businesses/by-tax-code/{}", codes[8])).json()["version"].clone();
    let again = import(&hub, &admin, "businesses", "text/csv", &file, None);
    let again = ended(&hub, &admin, again.header("location").unwrap());
    assert_eq!((again["accepted"].as_i64(), again["rejected"].as_i64()), (Some(2_497), Some(3)));
    assert_eq!(again["file_sha256"], job["file_sha256"]);
    let after = hub.get(&admin, &format!("/api/v1/businesses/by-tax-code/{}", codes[8])).json();
    assert_eq!(after["version"], version, "an identical row is stored unchanged");
    let page = hub.get(&admin, "/api/v1/import-jobs?resource=businesses&status=succeeded").json();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
}

#[test]
fn ndjson_and_json_arrays_import_and_a_file_of_the_wrong_shape_leaves_nothing() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let codes = valid_tax_codes(4);
    let ndjson = format!(
        "{}\n\n{{not json\n{}\n",
        json!({"tax_code": codes[0], "name": "Một"}),
        json!({"tax_code": codes[1], "name": "Hai", "colour": "red"})
    );
    let sent = import(&hub, &admin, "businesses", "application/x-ndjson", &ndjson, None);
    assert_eq!(sent.status, 202, "{}", sent.body);
    let job = ended(&hub, &admin, sent.header("location").unwrap());
    assert_eq!(
        (job["received"].as_i64(), job["accepted"].as_i64(), job["rejected"].as_i64()),
        (Some(3), Some(1), Some(2)),
        "{job}"
    );
    let report = hub.get(&admin, &format!("{}/errors?format=ndjson", sent.header("location").unwrap())).body;
    let rows: Vec<Value> = report.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!((rows[0]["row"].as_i64(), rows[0]["code"].as_str()), (Some(3), Some("malformed_row")), "{report}");
    assert_eq!((rows[1]["row"].as_i64(), rows[1]["pointer"].as_str()), (Some(4), Some("/colour")), "{report}");

    let array =
        json!([{"tax_code": codes[2], "name": "Ba [x], {y}"}, {"tax_code": codes[3], "name": "Bốn \"]\""}]).to_string();
    let sent = import(&hub, &admin, "businesses", "application/json", &array, None);
    let job = ended(&hub, &admin, sent.header("location").unwrap());
    assert_eq!(job["accepted"].as_i64(), Some(2), "{job}");
    assert_eq!(hub.get(&admin, &format!("/api/v1/businesses/by-tax-code/{}", codes[3])).json()["name"], "Bốn \"]\"");

    let one = json!({"tax_code": codes[0], "name": "Một"}).to_string();
    let named = import(&hub, &admin, "businesses&format=ndjson", "application/octet-stream", &one, None);
    assert_eq!(
        ended(&hub, &admin, named.header("location").unwrap())["accepted"],
        1,
        "a binary body with its format named"
    );
    import(&hub, &admin, "businesses", "application/octet-stream", &one, None)
        .assert_problem(415, "unsupported_media_type");

    let listed = || hub.get(&admin, "/api/v1/import-jobs").json()["items"].as_array().unwrap().len();
    let before = listed();
    import(&hub, &admin, "businesses", "application/json", "{\"tax_code\": 1}", None)
        .assert_problem(400, "malformed_request");
    import(&hub, &admin, "businesses", "application/json", "[{}] [", None).assert_problem(400, "malformed_request");
    import(&hub, &admin, "businesses", "text/csv", "\n", None).assert_problem(400, "malformed_request");
    import(&hub, &admin, "businesses", "text/csv", "a,a\n1,2\n", None).assert_problem(400, "malformed_request");
    import(&hub, &admin, "nothing", "text/csv", "a\n1\n", None).assert_problem(400, "malformed_request");
    import(&hub, &admin, "businesses", "text/plain", "a\n1\n", None).assert_problem(415, "unsupported_media_type");
    assert_eq!(listed(), before, "a refused file leaves no job");
    let staged: i64 = import_chunks::table.count().get_result(&mut hub.db()).unwrap();
    let jobs: i64 = import_jobs::table.count().get_result(&mut hub.db()).unwrap();
    assert_eq!((staged, jobs), (0, 3), "a refused file leaves nothing staged");
}

#[test]
fn a_queued_job_is_canceled_or_taken_up_by_another_instance_and_only_its_agency_sees_it() {
    let hub = Hub::start_with(|c| c.import_interval_ms = 0);
    let (officer, _) = hub.client_with_role("SCT", "sct-system", "agency_officer");
    let (viewer, _) = hub.client_with_role("SYT", "syt-viewer", "viewer");
    let codes = valid_tax_codes(3);
    let file = codes.iter().map(|c| json!({"tax_code": c, "name": "Công ty"}).to_string() + "\n").collect::<String>();
    import(&hub, &viewer, "businesses", "application/x-ndjson", &file, None).assert_problem(403, "insufficient_scope");

    let first = import(&hub, &officer, "businesses", "application/x-ndjson", &file, Some("load-1"));
    assert_eq!((first.status, first.json()["status"].as_str()), (202, Some("queued")), "{}", first.body);
    let location = first.header("location").unwrap().to_owned();
    let again = import(&hub, &officer, "businesses", "application/x-ndjson", &file, Some("load-1"));
    assert_eq!((again.status, again.header("location")), (202, Some(location.as_str())));
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    import(&hub, &officer, "businesses", "application/x-ndjson", "{}\n", Some("load-1"))
        .assert_problem(422, "idempotency_key_reused");
    hub.get(&viewer, &location).assert_problem(404, "not_found");
    assert_eq!(hub.get(&viewer, "/api/v1/import-jobs").json()["items"], json!([]));

    let canceled = hub.send("DELETE", &location, &[("Authorization", &format!("Bearer {officer}"))], None);
    assert_eq!((canceled.status, canceled.json()["status"].as_str()), (200, Some("canceled")), "{}", canceled.body);
    let twice = hub.send("DELETE", &location, &[("Authorization", &format!("Bearer {officer}"))], None);
    twice.assert_problem(409, "import_ended");

    let second = import(&hub, &officer, "businesses", "application/x-ndjson", &file, Some("load-2"));
    let location = second.header("location").unwrap().to_owned();
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(hub.get(&officer, &location).json()["status"], "queued", "this instance applies no import job");
    let twin = hub.twin_with(|c| c.import_interval_ms = 100);
    let job = ended(&twin, &officer, &location);
    assert_eq!((job["status"].as_str(), job["accepted"].as_i64()), (Some("succeeded"), Some(3)), "{job}");
    let stored = hub.get(&officer, &format!("/api/v1/businesses/by-tax-code/{}", codes[0])).json();
    assert_eq!(stored["lead_agency"], "SCT", "the rows are the sending agency's");
    let history = hub.get(&officer, &format!("/api/v1/businesses/{}/history", stored["id"].as_str().unwrap())).json();
    assert_eq!(history["items"][0]["client_id"], "sct-system", "{history}");
}

#[test]
fn an_import_killed_half_way_resumes_after_a_restart_with_nothing_lost_or_doubled() {
    let data = std::env::temp_dir().join(format!("tdc-import-crash-{}", uuid::Uuid::now_v7().simple()));
    let db = crate::support::TestDb::from_template(&data);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let env = [("TDC_IMPORT_LEASE_SECONDS", "2"), ("TDC_IMPORT_INTERVAL_MS", "100")];
    let mut hub = crate::crash::start(&db, &data, port, &env);
    let client = Client::new(&format!("http://127.0.0.1:{port}"));
    let admin = crate::crash::token(&client.base);
    let codes = valid_tax_codes(20_000);
    let sent = import(&client, &admin, "businesses", "text/csv", &csv_of(&codes, &[]), None);
    assert_eq!(sent.status, 202, "{}", sent.body);
    let location = sent.header("location").unwrap().to_owned();
    let started = Instant::now();
    while client.get(&admin, &location).json()["processed"].as_i64().unwrap() < 3_000 {
        assert!(started.elapsed() < Duration::from_secs(120), "the job did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    hub.kill().unwrap();
    hub.wait().unwrap();
    let mut conn = crate::support::connect(&db.url);
    let processed: i64 = import_jobs::table.select(import_jobs::processed).first(&mut conn).unwrap();
    assert!((3_000..20_000).contains(&processed), "killed half way: {processed}");

    let mut hub = crate::crash::start(&db, &data, port, &env);
    let admin = crate::crash::token(&client.base);
    let job = ended(&client, &admin, &location);
    assert_eq!((job["status"].as_str(), job["processed"].as_i64()), (Some("succeeded"), Some(20_000)), "{job}");
    assert_eq!((job["accepted"].as_i64(), job["rejected"].as_i64()), (Some(20_000), Some(0)));
    use tdc_kernel::db::schema::changes;
    let created: i64 = changes::table
        .filter(changes::entity.eq("business").and(changes::action.eq("created")))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(created, 20_000, "each row created once: nothing lost, nothing twice");
    hub.kill().unwrap();
    let _ = hub.wait();
    drop(db);
    let _ = std::fs::remove_dir_all(&data);
}
