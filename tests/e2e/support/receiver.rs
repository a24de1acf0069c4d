//! A receiver of the hub's pushes (webhooks, the national database) on a free port: keeps every
//! request and what it answered — 500 to the next `fail` requests, or to every other one while
//! `flaky`, else 204.

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
}

/// Reads one HTTP request's headers and body.
fn read(reader: &mut BufReader<std::net::TcpStream>) -> (HashMap<String, String>, String) {
    let mut headers = HashMap::new();
    let mut line = String::new();
    reader.read_line(&mut line).unwrap_or_default();
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
    (headers, String::from_utf8(body).unwrap_or_default())
}

impl Receiver {
    /// Starts one, answering 204 to everything until told otherwise.
    pub fn start() -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let (got, fail, flaky) =
            (Arc::new(Mutex::new(Vec::new())), Arc::new(AtomicUsize::new(0)), Arc::new(AtomicBool::new(false)));
        let (kept, failing, alternating) = (got.clone(), fail.clone(), flaky.clone());
        std::thread::spawn(move || {
            for (n, stream) in listener.incoming().flatten().enumerate() {
                let mut reader = BufReader::new(stream);
                let (headers, body) = read(&mut reader);
                let failed = failing.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok()
                    || (alternating.load(Ordering::SeqCst) && n % 2 == 0);
                let answered = if failed { 500 } else { 204 };
                kept.lock().unwrap().push(Got { headers, body, answered });
                let status = if failed { "500 Internal Server Error" } else { "204 No Content" };
                let answer = format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                let _ = reader.get_mut().write_all(answer.as_bytes());
            }
        });
        Receiver { url, got, fail, flaky }
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
