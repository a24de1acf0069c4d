//! kill -9 while batches are being written: after a restart, every acknowledged item is there and
//! no batch is there in part (the hub process is the `tdc-hub` binary, killed for real).

use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::support::{ADMIN_SECRET, TestDb, http};

const BATCH: usize = 100;

/// The `tdc-hub` binary beside the test binary, built if `cargo test` did not build it.
pub fn binary() -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap();
    let bin = exe.parent().unwrap().parent().unwrap().join("tdc-hub");
    if !bin.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let built =
            Command::new(cargo).args(["build", "-q", "-p", "tdc-gateway", "--bin", "tdc-hub"]).status().unwrap();
        assert!(built.success() && bin.exists(), "could not build {}", bin.display());
    }
    bin
}

/// Starts the `tdc-hub` binary over `db` on `port`, with `env` besides the test settings; waits
/// until it is ready.
pub fn start(db: &TestDb, data: &std::path::Path, port: u16, env: &[(&str, &str)]) -> Child {
    let child = Command::new(binary())
        .envs(env.iter().copied())
        .env("DATABASE_URL", &db.url)
        .env("TDC_DATA_DIR", data)
        .env("TDC_LISTEN", format!("127.0.0.1:{port}"))
        .env("TDC_BOOTSTRAP_SECRET", ADMIN_SECRET)
        .env("TDC_LOG", "warn")
        .env("TDC_SCHEDULE_INTERVAL", "0")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let agent = ureq::AgentBuilder::new().build();
    let started = Instant::now();
    let ready = || agent.get(&format!("http://127.0.0.1:{port}/readyz")).call().is_ok_and(|r| r.status() == 200);
    while !ready() {
        assert!(started.elapsed() < Duration::from_secs(30), "the hub did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    child
}

/// An admin token from the hub at `base`.
pub fn token(base: &str) -> String {
    let agent = ureq::AgentBuilder::new().build();
    let form = format!("grant_type=client_credentials&client_id=admin&client_secret={ADMIN_SECRET}");
    let headers = [("Content-Type", "application/x-www-form-urlencoded")];
    let r = http::send(&agent, "POST", &format!("{base}/api/v1/auth/token"), &headers, Some(&form));
    r.json()["access_token"].as_str().unwrap().to_owned()
}

#[test]
fn a_kill_during_batches_loses_no_acknowledged_item_and_leaves_no_half_batch() {
    let data = std::env::temp_dir().join(format!("tdc-crash-{}", uuid::Uuid::now_v7().simple()));
    let db = TestDb::from_template(&data);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let mut hub = start(&db, &data, port, &[]);
    let auth = format!("Bearer {}", token(&base));
    let codes = crate::support::valid_tax_codes(BATCH * 40);
    let (stop, batches) = (AtomicBool::new(false), AtomicUsize::new(0));
    let acknowledged: Vec<String> = std::thread::scope(|s| {
        let writer = s.spawn(|| {
            let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(10)).build();
            let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json")];
            let mut acked = Vec::new();
            for chunk in codes.chunks(BATCH) {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let items: Vec<_> =
                    chunk.iter().map(|t| serde_json::json!({"tax_code": t, "name": format!("Công ty {t}")})).collect();
                let body = serde_json::Value::from(items).to_string();
                let mut request = agent.post(&format!("{base}/api/v1/businesses/batch"));
                for (name, value) in headers {
                    request = request.set(name, value);
                }
                match request.send_string(&body) {
                    Ok(r) if r.status() == 200 => {}
                    _ => break,
                }
                acked.extend(chunk.iter().cloned());
                batches.fetch_add(1, Ordering::Relaxed);
            }
            acked
        });
        let started = Instant::now();
        while batches.load(Ordering::Relaxed) < 3 && started.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(Duration::from_millis(30));
        hub.kill().unwrap();
        hub.wait().unwrap();
        stop.store(true, Ordering::Relaxed);
        writer.join().unwrap()
    });
    assert!(
        !acknowledged.is_empty() && acknowledged.len() < codes.len(),
        "the kill came mid-run: {}",
        acknowledged.len()
    );
    let mut hub = start(&db, &data, port, &[]);
    let (agent, auth) = (ureq::AgentBuilder::new().build(), format!("Bearer {}", token(&base)));
    let headers = [("Authorization", auth.as_str())];
    let mut stored = 0;
    let mut cursor = String::new();
    loop {
        let page =
            http::send(&agent, "GET", &format!("{base}/api/v1/businesses?limit=1000{cursor}"), &headers, None).json();
        stored += page["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| codes.contains(&b["tax_code"].as_str().unwrap().to_owned()))
            .count();
        match page["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    for code in acknowledged.iter().step_by(7) {
        let r = http::send(&agent, "GET", &format!("{base}/api/v1/businesses/by-tax-code/{code}"), &headers, None);
        assert_eq!(r.status, 200, "acknowledged {code} is gone");
    }
    assert!(stored >= acknowledged.len(), "{stored} stored, {} acknowledged", acknowledged.len());
    assert_eq!(stored % BATCH, 0, "no batch is stored in part: {stored}");
    assert!(stored - acknowledged.len() <= BATCH, "at most the batch in flight was stored unacknowledged");
    hub.kill().unwrap();
    let _ = hub.wait();
    drop(db);
    let _ = std::fs::remove_dir_all(&data);
}
