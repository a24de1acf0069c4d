//! The hub under test: this very binary started again as `tdc-hub serve` in a child process, so
//! that its memory is its own to measure and the load generator does not share its threads.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The administrator's secret the child is bootstrapped with.
pub const ADMIN_SECRET: &str = "bench-admin-secret-0123456789";

/// A running hub.
pub struct HubProcess {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// How long it took from spawn to its first 200 on `/readyz`.
    pub ready_after: Duration,
}

impl HubProcess {
    /// Starts the hub on `database_url`, its keys and SQLite file under `data_dir`, with `workers`
    /// HTTP workers (0: one per core) and rate limits out of the way; waits until it is ready.
    pub fn start(database_url: &str, data_dir: &Path, workers: usize) -> HubProcess {
        let port = free_port();
        let started = Instant::now();
        let child = Command::new(std::env::current_exe().expect("own path"))
            .arg("--hub")
            .env("DATABASE_URL", database_url)
            .env("TDC_DATA_DIR", data_dir)
            .env("TDC_LISTEN", format!("127.0.0.1:{port}"))
            .env("TDC_WORKERS", workers.to_string())
            .env("TDC_BOOTSTRAP_SECRET", ADMIN_SECRET)
            .env("TDC_RATE_LIMIT_CLIENT_PER_MINUTE", "100000000")
            .env("TDC_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "100000000")
            .env("TDC_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("start the hub");
        let base = format!("http://127.0.0.1:{port}");
        let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(2)).build();
        while agent.get(&format!("{base}/readyz")).call().is_err() {
            assert!(started.elapsed() < Duration::from_secs(120), "the hub did not become ready");
            std::thread::sleep(Duration::from_millis(5));
        }
        HubProcess { child, base, ready_after: started.elapsed() }
    }

    /// The child's resident memory in MiB (from `/proc`).
    pub fn rss_mib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let kib = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .unwrap_or(0.0);
        kib / 1024.0
    }
}

impl Drop for HubProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}
