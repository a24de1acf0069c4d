//! A flood of wrong secrets at the token endpoint must not starve other requests. Measures the
//! public business list (8 threads) alone and while 32 threads send wrong secrets as fast as the
//! hub answers them, beside the hub's own `/healthz` floor, and prints the ratio (the goal: at
//! least 80 % of the list's rate kept).
//!
//! `cargo bench -p tdc-e2e --bench flood` (SQLite), or with `TDC_TEST_DATABASE_URL` set.
#![allow(missing_docs)]

#[path = "../e2e/support/mod.rs"]
#[allow(dead_code, unused_imports)]
mod support;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use support::Hub;

const MEASURE: Duration = Duration::from_secs(5);

/// Requests a second that `threads` threads get through `path` in [`MEASURE`].
fn rate(base: &str, path: &str, threads: usize) -> f64 {
    let done = AtomicU64::new(0);
    let started = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let agent = ureq::AgentBuilder::new().build();
                while started.elapsed() < MEASURE {
                    let r = support::http::send(&agent, "GET", &format!("{base}{path}"), &[], None);
                    assert_eq!(r.status, 200, "{}", r.body);
                    done.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

fn seed(hub: &Hub) {
    let admin = hub.admin_token();
    for (i, tax_code) in ["0100233488", "0200519875", "0101248141"].iter().enumerate() {
        let body = serde_json::json!({"tax_code": tax_code, "name": format!("Công ty {i}"), "sharing": "public"});
        assert_eq!(hub.post(&admin, "/api/v1/businesses", &body).status, 201);
    }
}

fn main() {
    let backend = if std::env::var("TDC_TEST_DATABASE_URL").is_ok() { "postgresql" } else { "sqlite" };
    let hub = Hub::start_with(|c| {
        c.workers = 2;
        c.rate_limit_anonymous_per_minute = 100_000_000;
        c.rate_limit_client_per_minute = 100_000_000;
    });
    seed(&hub);
    let base = hub.base.clone();
    let floor = rate(&base, "/healthz", 8);
    let calm = rate(&base, "/api/v1/businesses?limit=50", 8);
    let stop = AtomicBool::new(false);
    let (attempts, refused) = (AtomicU64::new(0), AtomicU64::new(0));
    let flooded = std::thread::scope(|s| {
        for i in 0..32 {
            let (stop, attempts, refused, base) = (&stop, &attempts, &refused, &base);
            s.spawn(move || {
                let agent = ureq::AgentBuilder::new().build();
                let form = format!("grant_type=client_credentials&client_id=admin&client_secret=wrong-{i}");
                let headers = [("Content-Type", "application/x-www-form-urlencoded")];
                while !stop.load(Ordering::Relaxed) {
                    let r = support::http::send(
                        &agent,
                        "POST",
                        &format!("{base}/api/v1/auth/token"),
                        &headers,
                        Some(&form),
                    );
                    attempts.fetch_add(1, Ordering::Relaxed);
                    if r.status != 401 {
                        refused.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
        std::thread::sleep(Duration::from_secs(2));
        let flooded = rate(&base, "/api/v1/businesses?limit=50", 8);
        stop.store(true, Ordering::Relaxed);
        flooded
    });
    let seconds = MEASURE.as_secs_f64() + 2.0;
    println!("backend {backend}, 2 workers");
    println!("  /healthz floor:                        {floor:>9.0} req/s");
    println!("  public list, alone:                    {calm:>9.0} req/s");
    println!(
        "  public list, 32 threads of wrong secrets: {flooded:>6.0} req/s ({:.0} % kept; goal ≥ 80 %)",
        100.0 * flooded / calm
    );
    println!(
        "  wrong-secret attempts answered:         {:>9.1} /s ({} not 401)",
        attempts.load(Ordering::Relaxed) as f64 / seconds,
        refused.load(Ordering::Relaxed)
    );
}
