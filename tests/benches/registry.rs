//! The public conformity registry: loads bodies and their certificates through the batch
//! endpoints, then times public searches (filters over certificate scopes) and a full CSV export,
//! and reports the process's peak memory before and after the export (the export streams, so it
//! should not grow with the registry).
//!
//! `cargo bench -p tdc-e2e --bench registry` (SQLite), or with `TDC_TEST_DATABASE_URL` set
//! (PostgreSQL). `TDC_BENCH_BODIES` sets the number of bodies (default 5000).
#![allow(missing_docs)]

#[path = "../e2e/support/mod.rs"]
#[allow(dead_code, unused_imports)]
mod support;

use std::time::Instant;

use serde_json::{Value, json};
use support::Hub;

/// The process's peak resident memory so far, in MiB (Linux).
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok());
    kib.unwrap_or(0.0) / 1024.0
}

fn post_batch(hub: &Hub, token: &str, path: &str, items: Vec<Value>) {
    let r = hub.post(token, path, &Value::from(items));
    assert_eq!(r.status, 200, "{}", &r.body[..r.body.len().min(500)]);
    assert!(!r.body.contains("\"problem\""), "{}", &r.body[..r.body.len().min(500)]);
}

fn load(hub: &Hub, token: &str, n: usize) {
    let standards = ["TCVN 6260:2020", "TCVN 4506:2012", "TCVN 6096:2004", "ISO 8124-1:2022"];
    for s in standards {
        hub.post(token, "/api/v1/standards", &json!({"designation": s, "title_vi": s}));
    }
    let codes = support::valid_tax_codes(n);
    let provinces = ["01", "79", "48", "92", "31"];
    let activities = ["testing", "inspection", "certification"];
    for chunk in codes.chunks(1000).enumerate() {
        let (c, chunk) = chunk;
        let businesses = chunk
            .iter()
            .map(|t| json!({"tax_code": t, "name": format!("Tổ chức đánh giá {t}"), "sharing": "public"}))
            .collect();
        post_batch(hub, token, "/api/v1/businesses/batch", businesses);
        let bodies = chunk
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let k = c * 1000 + i;
                json!({"tax_code": t, "activities": [activities[k % 3]], "fields": ["vật liệu xây dựng"],
                       "sites": [{"kind": "branch", "name": "Chi nhánh", "province_code": provinces[k % 5]}]})
            })
            .collect();
        post_batch(hub, token, "/api/v1/conformity-bodies/batch", bodies);
        let certificates = chunk
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let k = c * 1000 + i;
                json!({"tax_code": t, "number": format!("{k}/GCN"), "activity": activities[k % 3],
                       "decision": {"number": format!("{k}/QĐ"), "date": "2024-01-15"}, "valid_until": "2029-01-14",
                       "scope": [{"field": "vật liệu xây dựng", "products": [format!("sản phẩm {}", k % 50)], "standards": [standards[k % 4]]}]})
            })
            .collect();
        post_batch(hub, token, "/api/v1/certificates/batch", certificates);
    }
}

fn searches(hub: &Hub) {
    for query in [
        "limit=50",
        "activity=testing&province=01&limit=50",
        "standard=TCVN%206096%3A2004&status=active&limit=50",
        "product=s%E1%BA%A3n%20ph%E1%BA%A9m%2042&limit=50",
        "q=to%20chuc%20danh%20gia%202000&limit=50",
    ] {
        let runs = 20;
        let started = Instant::now();
        let mut hits = 0;
        for _ in 0..runs {
            let page = hub.send("GET", &format!("/api/v1/conformity-bodies?{query}"), &[], None).json();
            hits = page["items"].as_array().map_or(0, Vec::len);
        }
        let ms = started.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
        println!("public search ?{query}: {hits} on the first page, {ms:.2} ms per request");
    }
}

fn main() {
    let n: usize = std::env::var("TDC_BENCH_BODIES").ok().and_then(|v| v.parse().ok()).unwrap_or(5000);
    let backend = if std::env::var("TDC_TEST_DATABASE_URL").is_ok() { "postgresql" } else { "sqlite" };
    let hub = Hub::start();
    let token = hub.admin_token();
    let started = Instant::now();
    load(&hub, &token, n);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "backend {backend}: loaded {n} bodies with their businesses and certificates in {secs:.1} s ({:.0} bodies/s)",
        n as f64 / secs
    );

    searches(&hub);
    if backend == "postgresql" {
        use diesel::RunQueryDsl;
        diesel::sql_query("ANALYZE").execute(&mut hub.db()).unwrap();
        println!("after ANALYZE (what autovacuum does within a minute of a bulk load):");
        searches(&hub);
    }

    let before = peak_mib();
    let started = Instant::now();
    let csv = hub.send("GET", "/api/v1/conformity-bodies/export", &[], None);
    let secs = started.elapsed().as_secs_f64();
    let lines = csv.body.lines().count();
    let mib = csv.body.len() as f64 / 1_048_576.0;
    drop(csv);
    println!("export: {lines} lines ({mib:.1} MiB of CSV) in {secs:.2} s");
    println!(
        "peak memory of the process (hub + bench client): {before:.0} MiB before the export, {:.0} MiB after",
        peak_mib()
    );
}
