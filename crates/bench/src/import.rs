//! An import job of one whole file beside `COPY`: the file posted at once (NDJSON), the job
//! followed until it ends; the hub's largest resident memory meanwhile.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::hub::HubProcess;

/// Rows a second from the file's first byte sent to the job's end, and the hub's peak RSS (MiB).
pub fn file(hub: &HubProcess, token: &str, items: &[Value]) -> (f64, f64) {
    let body: String = items.iter().map(|i| i.to_string() + "\n").collect();
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(3600)).build();
    let auth = format!("Bearer {token}");
    let started = Instant::now();
    let sent = agent
        .post(&format!("{}/api/v1/import-jobs?resource=businesses", hub.base))
        .set("Authorization", &auth)
        .set("Content-Type", "application/x-ndjson")
        .send_string(&body)
        .expect("the import is accepted");
    let location = sent.header("location").expect("the job's Location").to_owned();
    let mut peak = hub.rss_mib();
    loop {
        let job: Value = agent
            .get(&format!("{}{location}", hub.base))
            .set("Authorization", &auth)
            .call()
            .expect("the job reads")
            .into_json()
            .expect("the job is JSON");
        peak = peak.max(hub.rss_mib());
        match job["status"].as_str() {
            Some("succeeded") => {
                assert_eq!(job["rejected"], 0, "an imported row was refused: {job}");
                return (items.len() as f64 / started.elapsed().as_secs_f64(), peak);
            }
            Some("queued" | "running") => std::thread::sleep(Duration::from_millis(50)),
            _ => panic!("the import did not succeed: {job}"),
        }
    }
}
