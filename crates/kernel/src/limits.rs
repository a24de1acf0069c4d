//! Rate limits: how many requests a client (by its token) or an anonymous source address may make
//! a minute, kept per hub instance in memory (no database round trip), the budget split evenly
//! between the instances behind one proxy; and where a request comes from.
//!
//! A request over its budget is refused with 429 `rate_limited` and `Retry-After`; every answer
//! carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (the IETF `RateLimit`
//! header fields draft) for the budget it drew on.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::HttpRequest;

use crate::problem::ApiError;

/// The limits as configured, and the network the hub sits in.
#[derive(Debug, Clone)]
pub struct RateLimits {
    /// Requests a minute for each API client, across the instances.
    pub client_per_minute: u32,
    /// Requests a minute for each source address without a token, across the instances.
    pub anonymous_per_minute: u32,
    /// How many hub instances share the budget (each keeps `1/instances` of it).
    pub instances: u32,
    /// Whether the source address is the last `X-Forwarded-For` entry (behind the deploy's proxy)
    /// rather than the connection's peer.
    pub trust_forwarded_for: bool,
}

impl Default for RateLimits {
    fn default() -> RateLimits {
        RateLimits { client_per_minute: 60_000, anonymous_per_minute: 12_000, instances: 1, trust_forwarded_for: false }
    }
}

/// The budget a request drew on, for the `RateLimit-*` headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drawn {
    /// The budget per window (this instance's share).
    pub limit: u32,
    /// What is left of it.
    pub remaining: u32,
    /// Seconds until it is whole again.
    pub reset_seconds: u64,
}

struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Token buckets by key: each holds a minute's budget and refills evenly.
pub struct Buckets {
    per_minute: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

/// Keys kept at most before full buckets are forgotten.
const MAX_KEYS: usize = 100_000;

impl Buckets {
    /// Buckets of `per_minute` requests a minute each.
    pub fn new(per_minute: u32) -> Buckets {
        Buckets { per_minute: f64::from(per_minute.max(1)), buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one request from `key`'s bucket: what is left, or how long until one is available.
    pub fn take(&self, key: &str) -> Result<Drawn, Duration> {
        let now = Instant::now();
        let rate = self.per_minute / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_KEYS {
            let full = self.per_minute;
            buckets.retain(|_, b| b.tokens + now.duration_since(b.updated).as_secs_f64() * rate < full);
        }
        let bucket = buckets.entry(key.to_owned()).or_insert(Bucket { tokens: self.per_minute, updated: now });
        bucket.tokens = (bucket.tokens + now.duration_since(bucket.updated).as_secs_f64() * rate).min(self.per_minute);
        bucket.updated = now;
        if bucket.tokens < 1.0 {
            return Err(Duration::from_secs_f64((1.0 - bucket.tokens) / rate));
        }
        bucket.tokens -= 1.0;
        let reset = ((self.per_minute - bucket.tokens) / rate).ceil();
        Ok(Drawn { limit: self.per_minute as u32, remaining: bucket.tokens as u32, reset_seconds: reset as u64 })
    }
}

/// The hub's limiters: one set of buckets for clients, one for anonymous source addresses.
pub struct Limiter {
    /// The configured limits.
    pub limits: RateLimits,
    clients: Buckets,
    anonymous: Buckets,
}

impl Limiter {
    /// Limiters holding this instance's share of the limits.
    pub fn new(limits: RateLimits) -> Limiter {
        let share = |per_minute: u32| (per_minute / limits.instances.max(1)).max(1);
        Limiter {
            clients: Buckets::new(share(limits.client_per_minute)),
            anonymous: Buckets::new(share(limits.anonymous_per_minute)),
            limits,
        }
    }

    /// Draws on the client's budget (429 `rate_limited` when it is spent).
    pub fn client(&self, client_id: &str) -> Result<Drawn, ApiError> {
        self.clients.take(client_id).map_err(|wait| refused(wait, "this client"))
    }

    /// Draws on an anonymous source address's budget (429 `rate_limited` when it is spent).
    pub fn anonymous(&self, source: &str) -> Result<Drawn, ApiError> {
        self.anonymous.take(source).map_err(|wait| refused(wait, "this address without a token"))
    }
}

fn refused(wait: Duration, whose: &str) -> ApiError {
    let seconds = wait.as_secs().max(1);
    ApiError::TooManyRequests {
        code: "rate_limited",
        detail: format!("{whose} has used its requests for now; try again in {seconds} s"),
        retry_after_seconds: seconds,
    }
}

/// Where a request comes from: the connection's peer, or, behind the deploy's proxy
/// ([`RateLimits::trust_forwarded_for`]), the address the proxy appended to `X-Forwarded-For`.
pub fn source_of(req: &HttpRequest) -> String {
    let trusted = req.app_data::<actix_web::web::Data<Limiter>>().is_some_and(|l| l.limits.trust_forwarded_for);
    let forwarded = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    match forwarded.filter(|_| trusted).and_then(|v| v.rsplit(',').next()) {
        Some(last) if !last.trim().is_empty() => last.trim().to_owned(),
        _ => req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_holds_a_minute_and_then_refuses() {
        let buckets = Buckets::new(3);
        assert_eq!(buckets.take("a").unwrap().remaining, 2);
        assert_eq!(buckets.take("a").unwrap().remaining, 1);
        assert_eq!(buckets.take("a").unwrap().remaining, 0);
        let wait = buckets.take("a").unwrap_err();
        assert!(wait > Duration::from_secs(15) && wait <= Duration::from_secs(20), "{wait:?}");
        assert_eq!(buckets.take("b").unwrap().remaining, 2, "each key has its own budget");
    }

    #[test]
    fn instances_split_the_budget() {
        let limiter = Limiter::new(RateLimits { client_per_minute: 100, instances: 2, ..RateLimits::default() });
        assert_eq!(limiter.client("x").unwrap().limit, 50);
    }
}
