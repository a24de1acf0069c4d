//! Keyset paging: a deep page costs what the first costs. Loads businesses through the batch
//! endpoint, walks every page over HTTP and prints latency by depth, plus a search.
//!
//! `cargo bench -p tdc-e2e --bench paging` (SQLite), or with `TDC_TEST_DATABASE_URL` set
//! (PostgreSQL). `TDC_BENCH_ROWS` sets the number of businesses (default 20000).
#![allow(missing_docs)]

#[path = "../e2e/support/mod.rs"]
#[allow(dead_code, unused_imports)]
mod support;

use std::time::{Duration, Instant};

use support::Hub;

fn load(hub: &Hub, token: &str, rows: usize) -> Duration {
    let started = Instant::now();
    let auth = format!("Bearer {token}");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    let numbered: Vec<(usize, String)> = support::valid_tax_codes(rows).into_iter().enumerate().collect();
    for chunk in numbered.chunks(1000) {
        let items: Vec<serde_json::Value> = chunk
            .iter()
            .map(|(i, t)| serde_json::json!({"tax_code": t, "name": format!("Công ty TNHH Sản xuất Hải Phòng số {i} {t}")}))
            .collect();
        let r =
            hub.send("POST", "/api/v1/businesses/batch", &headers, Some(&serde_json::Value::from(items).to_string()));
        assert_eq!(r.status, 200, "{}", r.body);
    }
    started.elapsed()
}

fn millis(d: &[Duration]) -> f64 {
    d.iter().map(Duration::as_secs_f64).sum::<f64>() * 1000.0 / d.len().max(1) as f64
}

fn main() {
    let rows: usize = std::env::var("TDC_BENCH_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
    let backend = if std::env::var("TDC_TEST_DATABASE_URL").is_ok() { "postgresql" } else { "sqlite" };
    let hub = Hub::start();
    let token = hub.admin_token();
    let load_time = load(&hub, &token, rows);
    println!(
        "backend {backend}: loaded {rows} businesses in {:.1} s ({:.0} rows/s)",
        load_time.as_secs_f64(),
        rows as f64 / load_time.as_secs_f64()
    );

    let mut times = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/businesses?limit=50&cursor={c}"),
            None => "/api/v1/businesses?limit=50".to_owned(),
        };
        let started = Instant::now();
        let page = hub.get(&token, &path).json();
        times.push(started.elapsed());
        cursor = page["next_cursor"].as_str().map(str::to_owned);
        if cursor.is_none() {
            break;
        }
    }
    let n = times.len();
    println!("walked {n} pages of 50");
    println!("  pages 1-10:      {:.2} ms per page", millis(&times[..10.min(n)]));
    println!("  middle 10 pages: {:.2} ms per page", millis(&times[n / 2..(n / 2 + 10).min(n)]));
    println!("  last 10 pages:   {:.2} ms per page", millis(&times[n.saturating_sub(10)..]));

    let started = Instant::now();
    let found = hub.get(&token, "/api/v1/businesses?q=hai%20phong%20so%2012345&limit=50").json();
    println!(
        "search `hai phong so 12345` over {rows} rows: {} hit(s) in {:.2} ms",
        found["items"].as_array().unwrap().len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
}
