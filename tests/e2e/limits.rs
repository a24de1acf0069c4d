//! Rate limits and the token endpoint's guard (`tdc_kernel::limits`, `tdc_directory::token_guard`).

use std::time::{Duration, Instant};

use crate::support::Hub;

#[test]
fn an_anonymous_address_over_its_budget_is_429_with_retry_after() {
    let hub = Hub::start_with(|c| c.rate_limit_anonymous_per_minute = 5);
    for remaining in (0..5).rev() {
        let r = hub.send("GET", "/api/v1/standards", &[], None);
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.header("ratelimit-limit"), Some("5"));
        assert_eq!(r.header("ratelimit-remaining"), Some(remaining.to_string().as_str()));
    }
    let r = hub.send("GET", "/api/v1/standards", &[], None);
    r.assert_problem(429, "rate_limited");
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=12).contains(&wait), "{wait}");
    assert_eq!(hub.send("GET", "/healthz", &[], None).status, 200, "probes draw on no budget");
    let limits = hub.send("GET", "/api/v1", &[], None);
    assert_eq!(limits.status, 429, "the service description is a request like any other");
}

#[test]
fn a_client_over_its_budget_is_429_and_others_are_not() {
    let hub = Hub::start_with(|c| c.rate_limit_client_per_minute = 6);
    let admin = hub.admin_token();
    let (officer, _) = hub.client_with_role("SCT", "sct-app", "agency_officer");
    for remaining in (0..6).rev() {
        let r = hub.get(&officer, "/api/v1/businesses");
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.header("ratelimit-remaining"), Some(remaining.to_string().as_str()));
    }
    let refused = hub.get(&officer, "/api/v1/businesses");
    refused.assert_problem(429, "rate_limited");
    assert!(refused.header("retry-after").is_some());
    let other = hub.get(&admin, "/api/v1/agencies?limit=1");
    assert_eq!(other.status, 200, "another client keeps its own budget: {}", other.body);
}

#[test]
fn the_limits_are_advertised() {
    let hub = Hub::start_with(|c| {
        c.rate_limit_client_per_minute = 1200;
        c.instances = 2;
    });
    let limits = hub.send("GET", "/api/v1", &[], None).json()["limits"].clone();
    assert_eq!(limits["rate_limit_client_per_minute"], 1200);
    assert_eq!(limits["instances"], 2);
    assert_eq!(limits["free_failed_token_attempts"], 3);
    let admin = hub.admin_token();
    assert_eq!(hub.get(&admin, "/api/v1/agencies").header("ratelimit-limit"), Some("600"), "each instance keeps half");
}

fn token_attempt(hub: &Hub, secret: &str) -> (u16, Duration) {
    let form = format!("grant_type=client_credentials&client_id=admin&client_secret={secret}");
    let started = Instant::now();
    let r =
        hub.send("POST", "/api/v1/auth/token", &[("Content-Type", "application/x-www-form-urlencoded")], Some(&form));
    (r.status, started.elapsed())
}

#[test]
fn repeated_wrong_secrets_are_slowed_down_and_a_right_one_still_works() {
    let hub = Hub::start();
    for _ in 0..3 {
        assert_eq!(token_attempt(&hub, "wrong").0, 401);
    }
    let (status, took) = token_attempt(&hub, "wrong");
    assert_eq!(status, 401);
    assert!(took >= Duration::from_millis(250), "the fourth failure in a row waits: {took:?}");
    let (status, took) = token_attempt(&hub, "wrong");
    assert!(status == 401 && took >= Duration::from_millis(500), "and the next waits longer: {took:?}");
    assert_eq!(token_attempt(&hub, crate::support::ADMIN_SECRET).0, 200, "the right secret still gets its token");
    let (status, took) = token_attempt(&hub, "wrong");
    assert!(status == 401 && took < Duration::from_millis(250), "a success forgets the failures: {took:?}");
}

#[test]
fn a_body_that_stalls_is_408_and_the_connection_is_let_go() {
    use std::io::{Read, Write};
    let hub = Hub::start_with(|c| c.body_timeout_seconds = 1);
    let token = hub.admin_token();
    let mut stream = std::net::TcpStream::connect(hub.base.trim_start_matches("http://")).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let head = format!(
        "POST /api/v1/agencies HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"code\": "
    );
    stream.write_all(head.as_bytes()).unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&answer).contains("request_timeout") {
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "the hub closed without an answer");
        answer.extend_from_slice(&buf[..n]);
    }
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

#[test]
fn oversized_header_fields_are_431_with_a_problem() {
    let hub = Hub::start();
    let big = "x".repeat(20 * 1024);
    let r = hub.send("GET", "/api/v1/standards", &[("X-Padding", big.as_str())], None);
    let p = r.assert_problem(431, "headers_too_large");
    assert!(p["request_id"].is_string());
    assert_eq!(hub.send("GET", "/api/v1/standards", &[("X-Padding", "small")], None).status, 200);
}
