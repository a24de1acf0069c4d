//! A minimal blocking HTTP client that returns every status as a response.

use std::collections::HashMap;

/// A response: status, lower-cased headers, body.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HashMap<String, String>,
    pub body: String,
    /// The body as sent (a file that is not text: `body` is then empty).
    pub bytes: Vec<u8>,
}

impl Resp {
    /// The body as JSON (panics with the body if it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(&name.to_ascii_lowercase()).map(String::as_str)
    }

    /// Asserts a problem+json answer with this status and code; returns the body.
    pub fn assert_problem(&self, status: u16, code: &str) -> serde_json::Value {
        assert_eq!(self.status, status, "status; body: {}", self.body);
        assert_eq!(self.header("content-type"), Some("application/problem+json"), "content type; body: {}", self.body);
        let body = self.json();
        assert_eq!(body["code"], code, "code; body: {}", self.body);
        assert_eq!(body["status"], status);
        assert!(body["type"].as_str().unwrap().ends_with(code));
        assert_eq!(body["request_id"].as_str(), self.header("x-request-id"), "request_id matches the header");
        body
    }
}

pub fn send(agent: &ureq::Agent, method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> Resp {
    let mut req = agent.request(method, url);
    for (k, v) in headers {
        req = req.set(k, v);
    }
    let result = match body {
        Some(b) => req.send_string(b),
        None => req.call(),
    };
    let res = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{method} {url}: {e}"),
    };
    let status = res.status();
    let headers = res.headers_names().into_iter().map(|n| {
        let v = res.header(&n).unwrap_or_default().to_owned();
        (n.to_ascii_lowercase(), v)
    });
    let headers: HashMap<String, String> = headers.collect();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(res.into_reader(), 64 << 20), &mut bytes).unwrap_or_default();
    let body = String::from_utf8(bytes.clone()).unwrap_or_default();
    Resp { status, headers, body, bytes }
}
