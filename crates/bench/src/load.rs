//! The load generator: blocking HTTP clients on threads, one keep-alive connection each.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What one measurement found.
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
    /// Answers a second.
    pub rate: f64,
    /// Median latency in milliseconds.
    pub p50_ms: f64,
    /// 99th-percentile latency in milliseconds.
    pub p99_ms: f64,
    /// Answers other than the expected status.
    pub errors: usize,
}

/// `GET`s from `connections` threads for `duration`, each thread cycling through `paths` from its
/// own starting point, with `token` as the bearer if given; every answer must be 200.
pub fn gets(base: &str, paths: &[String], token: Option<&str>, connections: usize, duration: Duration) -> Figures {
    let auth = token.map(|t| format!("Bearer {t}"));
    let started = Instant::now();
    let per_thread: Vec<(Vec<u32>, usize)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..connections)
            .map(|n| {
                let auth = auth.clone();
                s.spawn(move || {
                    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(30)).build();
                    let (mut latencies, mut errors, mut i) = (Vec::with_capacity(100_000), 0, n * 7919);
                    while started.elapsed() < duration {
                        let mut req = agent.get(&format!("{base}{}", paths[i % paths.len()]));
                        if let Some(a) = &auth {
                            req = req.set("Authorization", a);
                        }
                        let sent = Instant::now();
                        let ok = req.call().is_ok_and(|r| r.status() == 200 && r.into_string().is_ok());
                        latencies.push(sent.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
                        errors += usize::from(!ok);
                        i += 1;
                    }
                    (latencies, errors)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a load thread")).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let errors = per_thread.iter().map(|(_, e)| e).sum();
    let mut all: Vec<u32> = per_thread.into_iter().flat_map(|(l, _)| l).collect();
    all.sort_unstable();
    let at = |q: f64| all.get(((all.len() as f64 * q) as usize).min(all.len().saturating_sub(1))).copied();
    let ms = |v: Option<u32>| f64::from(v.unwrap_or(0)) / 1000.0;
    Figures { rate: all.len() as f64 / elapsed, p50_ms: ms(at(0.50)), p99_ms: ms(at(0.99)), errors }
}

/// Posts each of `bodies` (a JSON array of items) to `path` from `uploaders` threads; answers
/// the items stored a second. Every batch must be answered 200 with no failed item.
pub fn batches(base: &str, path: &str, token: &str, bodies: &[String], uploaders: usize) -> f64 {
    posts(base, path, token, "application/json", bodies, uploaders, |result| {
        assert_eq!(result["failed"], 0, "a batch item failed: {result:.400}");
        result["succeeded"].as_u64().unwrap_or(0)
    })
}

/// Posts each of `bodies` (of `content_type`) to `path` from `uploaders` threads; answers what
/// `stored` counts in the answers, a second. A refused request stops the run.
pub fn posts(
    base: &str,
    path: &str,
    token: &str,
    content_type: &str,
    bodies: &[String],
    uploaders: usize,
    stored: fn(&serde_json::Value) -> u64,
) -> f64 {
    let next = AtomicUsize::new(0);
    let auth = format!("Bearer {token}");
    let started = Instant::now();
    let total: u64 = std::thread::scope(|s| {
        let handles: Vec<_> = (0..uploaders)
            .map(|_| {
                s.spawn(|| {
                    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(600)).build();
                    let mut total = 0;
                    while let Some(body) = bodies.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let answer = agent
                            .post(&format!("{base}{path}"))
                            .set("Authorization", &auth)
                            .set("Content-Type", content_type)
                            .send_string(body)
                            .unwrap_or_else(|e| panic!("{path} refused: {e}"));
                        let text = answer.into_string().unwrap_or_default();
                        total += stored(&serde_json::from_str(&text).expect("a JSON answer"));
                    }
                    total
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("an upload thread")).sum()
    });
    total as f64 / started.elapsed().as_secs_f64()
}

/// Follows the change feed from its start to its end in pages of 1,000 as `token`'s reader;
/// answers the events a second and how many there were.
pub fn follow(base: &str, token: &str) -> (f64, usize) {
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(60)).build();
    let (mut after, mut events) = (0_i64, 0_usize);
    let started = Instant::now();
    loop {
        let page: FeedPage = agent
            .get(&format!("{base}/api/v1/changes?after={after}&limit=1000"))
            .set("Authorization", &format!("Bearer {token}"))
            .call()
            .expect("a page of the feed")
            .into_json()
            .expect("a page as JSON");
        if page.items.is_empty() {
            break;
        }
        events += page.items.len();
        after = page.next_after;
    }
    (events as f64 / started.elapsed().as_secs_f64(), events)
}

/// What a follower keeps of a page of the feed: how many events, and where to go on.
#[derive(serde::Deserialize)]
struct FeedPage {
    items: Vec<serde::de::IgnoredAny>,
    next_after: i64,
}
