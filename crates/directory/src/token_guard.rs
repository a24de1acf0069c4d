//! The token endpoint's guard against guessing secrets: checking a secret (Argon2) is costly by
//! design, so a flood of wrong secrets must not take the hub's threads from everyone else.
//!
//! - At most [`TokenGuard::new`]'s `concurrency` checks run at once, on the blocking pool; a
//!   request that waits more than [`WAIT_FOR_CHECK`] for its turn is answered 503 with
//!   `Retry-After` (the hub is busy), so the pool keeps room for reads and writes.
//! - Repeated failures slow the next attempt down: after [`FREE_FAILURES`] failed attempts for a
//!   client from one source address (or [`FREE_FAILURES_PER_SOURCE`] from one address for any
//!   client), each further attempt is held — without a thread — for a delay that doubles up to
//!   [`MAX_DELAY`]. Failures are forgotten after [`FORGET_AFTER`] of quiet, or at a success.
//!
//! A legitimate client never waits: its attempts succeed, and another address's failures for it
//! do not count against it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed attempts for a client from one address before attempts are slowed down.
pub const FREE_FAILURES: u32 = 3;
/// Failed attempts from one address, for any clients, before its attempts are slowed down.
pub const FREE_FAILURES_PER_SOURCE: u32 = 20;
/// The longest an attempt is held.
pub const MAX_DELAY: Duration = Duration::from_secs(8);
/// Quiet time after which failures are forgotten.
pub const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);
/// How long an attempt waits for its turn to check a secret before the hub answers 503.
pub const WAIT_FOR_CHECK: Duration = Duration::from_secs(5);

struct Failures {
    count: u32,
    last: Instant,
}

/// Why a secret could not be checked now.
#[derive(Debug, PartialEq, Eq)]
pub struct Busy;

/// Bounds the secret checks and slows down repeated failures.
pub struct TokenGuard {
    checks: tokio::sync::Semaphore,
    failures: Mutex<HashMap<String, Failures>>,
}

impl TokenGuard {
    /// A guard running at most `concurrency` secret checks at once.
    pub fn new(concurrency: usize) -> TokenGuard {
        TokenGuard { checks: tokio::sync::Semaphore::new(concurrency.max(1)), failures: Mutex::new(HashMap::new()) }
    }

    /// A guard with as many concurrent checks as the machine has cores, at most four.
    pub fn for_this_machine() -> TokenGuard {
        let cores = std::thread::available_parallelism().map(usize::from).unwrap_or(2);
        TokenGuard::new(cores.min(4))
    }

    fn keys(client_id: &str, source: &str) -> [(String, u32); 2] {
        [(format!("{client_id}\u{1f}{source}"), FREE_FAILURES), (format!("\u{1f}{source}"), FREE_FAILURES_PER_SOURCE)]
    }

    /// How long to hold an attempt for `client_id` from `source` before checking its secret.
    pub fn delay(&self, client_id: &str, source: &str) -> Duration {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let held = |(key, free): (String, u32)| {
            let f = failures.get(&key).filter(|f| now.duration_since(f.last) < FORGET_AFTER)?;
            let over = f.count.checked_sub(free)?;
            Some(Duration::from_millis(250u64 << over.min(5)).min(MAX_DELAY))
        };
        Self::keys(client_id, source).into_iter().filter_map(held).max().unwrap_or_default()
    }

    /// Notes a failed attempt.
    pub fn failed(&self, client_id: &str, source: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if failures.len() > 100_000 {
            failures.retain(|_, f| now.duration_since(f.last) < FORGET_AFTER);
        }
        for (key, _) in Self::keys(client_id, source) {
            let entry = failures.entry(key).or_insert(Failures { count: 0, last: now });
            entry.count = if now.duration_since(entry.last) < FORGET_AFTER { entry.count + 1 } else { 1 };
            entry.last = now;
        }
    }

    /// Forgets the failures of `client_id` from `source` (its secret was right).
    pub fn succeeded(&self, client_id: &str, source: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(&Self::keys(client_id, source)[0].0);
    }

    /// Checks `secret` against `stored` when a check may run, on the blocking pool.
    pub async fn check(&self, secret: String, stored: Option<String>) -> Result<bool, Busy> {
        let permit = tokio::time::timeout(WAIT_FOR_CHECK, self.checks.acquire()).await;
        let Ok(Ok(_permit)) = permit else { return Err(Busy) };
        let verified = actix_web::web::block(move || crate::secrets::verify(&secret, stored.as_deref())).await;
        Ok(verified.unwrap_or(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_slow_down_that_client_from_that_address_only() {
        let guard = TokenGuard::new(1);
        for _ in 0..FREE_FAILURES {
            assert_eq!(guard.delay("sct", "10.0.0.9"), Duration::ZERO);
            guard.failed("sct", "10.0.0.9");
        }
        assert_eq!(guard.delay("sct", "10.0.0.9"), Duration::from_millis(250));
        guard.failed("sct", "10.0.0.9");
        assert_eq!(guard.delay("sct", "10.0.0.9"), Duration::from_millis(500));
        assert_eq!(guard.delay("sct", "10.0.0.1"), Duration::ZERO, "the client's own address is not slowed");
        for _ in 0..20 {
            guard.failed("sct", "10.0.0.9");
        }
        assert_eq!(guard.delay("sct", "10.0.0.9"), MAX_DELAY);
        guard.succeeded("sct", "10.0.0.9");
        assert_eq!(guard.delay("sct", "10.0.0.9"), Duration::from_millis(4000), "the address still sprayed");
    }

    #[test]
    fn an_address_spraying_many_clients_is_slowed_down() {
        let guard = TokenGuard::new(1);
        for i in 0..FREE_FAILURES_PER_SOURCE {
            guard.failed(&format!("client-{i}"), "10.0.0.7");
        }
        assert!(guard.delay("another", "10.0.0.7") > Duration::ZERO);
        assert_eq!(guard.delay("another", "10.0.0.8"), Duration::ZERO);
    }
}
