//! A receiver of the hub's pushes (webhooks, the national database) on a free port: keeps every
//! request and what it answered — 500 to the next `fail` requests, or to every other push while
//! `flaky`, else 204 — and serves `feed` to `GET`s, the items after `?after=`.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Got {
    /// Its headers, names lower-cased.
    pub headers: HashMap<String, String>,
    /// Its body.
    pub body: String,
    /// The status it was answered.
    pub answered: u16,
}

impl Got {
    /// Its body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

/// The receiver.
pub struct Receiver {
    /// Its address.
    pub url: String,
    got: Arc<Mutex<Vec<Got>>>,
    /// How many of the next requests fail.
    pub fail: Arc<AtomicUsize>,
    /// Whether every other request fails.
    pub flaky: Arc<AtomicBool>,
    /// What a `GET` of its feed answers: the items whose `seq` follows `?after=`.
    pub feed: Arc<Mutex<Vec<serde_json::Value>>>,
}

/// Reads one HTTP request's first line, headers and body.
fn read(reader: &mut BufReader<std::net::TcpStream>) -> (String, HashMap<String, String>, String) {
    let mut headers = HashMap::new();
    let mut line = String::new();
    reader.read_line(&mut line).unwrap_or_default();
    let first = line.trim().to_owned();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_lowercase(), v.trim().to_owned());
        }
    }
    let length: usize = headers.get("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap_or_default();
    (first, headers, String::from_utf8(body).unwrap_or_default())
}

/// The feed's items after the `after` a request line names.
fn page(first: &str, feed: &[serde_json::Value]) -> String {
    let after: i64 =
        first.split("after=").nth(1).and_then(|r| r.split(['&', ' ']).next()).and_then(|n| n.parse().ok()).unwrap_or(0);
    let items: Vec<&serde_json::Value> = feed.iter().filter(|i| i["seq"].as_i64().is_some_and(|s| s > after)).collect();
    serde_json::json!({ "items": items }).to_string()
}

impl Receiver {
    /// Starts one, answering 204 to everything until told otherwise.
    pub fn start() -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let (got, fail, flaky) =
            (Arc::new(Mutex::new(Vec::new())), Arc::new(AtomicUsize::new(0)), Arc::new(AtomicBool::new(false)));
        let feed = Arc::new(Mutex::new(Vec::new()));
        let (kept, failing, alternating, served) = (got.clone(), fail.clone(), flaky.clone(), feed.clone());
        std::thread::spawn(move || {
            let mut n = 0usize;
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream);
                let (first, headers, body) = read(&mut reader);
                if first.starts_with("GET") {
                    let json = page(&first, &served.lock().unwrap());
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
                        json.len()
                    );
                    let _ = reader.get_mut().write_all(answer.as_bytes());
                    continue;
                }
                n += 1;
                let failed = failing.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok()
                    || (alternating.load(Ordering::SeqCst) && n % 2 == 1);
                let answered = if failed { 500 } else { 204 };
                kept.lock().unwrap().push(Got { headers, body, answered });
                let status = if failed { "500 Internal Server Error" } else { "204 No Content" };
                let answer = format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                let _ = reader.get_mut().write_all(answer.as_bytes());
            }
        });
        Receiver { url, got, fail, flaky, feed }
    }

    /// Every request so far.
    pub fn got(&self) -> Vec<Got> {
        self.got.lock().unwrap().clone()
    }

    /// Waits (up to 30 s) until `done` holds of what was received.
    pub fn wait(&self, what: &str, done: impl Fn(&[Got]) -> bool) -> Vec<Got> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let got = self.got();
            if done(&got) {
                return got;
            }
            assert!(Instant::now() < deadline, "{what}: got {got:#?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
