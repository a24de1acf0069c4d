//! Prometheus metrics: requests by route, method and status, latency histograms, pool use, the
//! job queues' items by state.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, web};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry, TextEncoder,
};
use tdc_kernel::db::DbPool;

/// The hub's metrics, one registry per running server (nothing global).
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool_connections: IntGauge,
    pool_idle: IntGauge,
    pool_max: IntGauge,
    queue_items: IntGaugeVec,
}

impl Metrics {
    /// Registers the metrics.
    pub fn new() -> Metrics {
        let registry = Registry::new_custom(Some("tdc_hub".into()), None).expect("valid registry");
        let labels = &["method", "route", "status"];
        let requests = IntCounterVec::new(Opts::new("http_requests_total", "HTTP requests answered"), labels)
            .expect("valid metric");
        let buckets = vec![0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];
        let latency = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "Time to answer HTTP requests").buckets(buckets),
            labels,
        )
        .expect("valid metric");
        let gauge = |name: &str, help: &str| IntGauge::new(name, help).expect("valid metric");
        let pool_connections = gauge("db_pool_connections", "Database connections open");
        let pool_idle = gauge("db_pool_idle_connections", "Database connections open and idle");
        let pool_max = gauge("db_pool_max_connections", "Most database connections the pool may open");
        let queue_items =
            IntGaugeVec::new(Opts::new("queue_items", "Job queue items by queue and state"), &["kind", "state"])
                .expect("valid metric");
        for c in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(pool_connections.clone()),
            Box::new(pool_idle.clone()),
            Box::new(pool_max.clone()),
            Box::new(queue_items.clone()),
        ] {
            registry.register(c).expect("metric registered once");
        }
        Metrics { registry, requests, latency, pool_connections, pool_idle, pool_max, queue_items }
    }

    fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let status = status.to_string();
        let labels = [method, route, status.as_str()];
        self.requests.with_label_values(&labels).inc();
        self.latency.with_label_values(&labels).observe(seconds);
    }

    /// The metrics in Prometheus text format, with the pool's state read now and the queues' as
    /// given.
    pub fn render(&self, pool: &DbPool, queues: &[tdc_kernel::queue::QueueSummary]) -> String {
        for q in queues {
            for (state, n) in [("pending", q.pending), ("running", q.running), ("done", q.done), ("dead", q.dead)] {
                self.queue_items.with_label_values(&[q.kind.as_str(), state]).set(n);
            }
        }
        let state = pool.state();
        self.pool_connections.set(i64::from(state.connections));
        self.pool_idle.set(i64::from(state.idle_connections));
        self.pool_max.set(i64::from(pool.max_size()));
        let mut out = Vec::new();
        TextEncoder::new().encode(&self.registry.gather(), &mut out).expect("text encoding cannot fail");
        String::from_utf8(out).unwrap_or_default()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

/// The middleware function (wrap with `actix_web::middleware::from_fn(track)`).
pub async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let metrics = req.app_data::<web::Data<Metrics>>().cloned();
    let started = Instant::now();
    let res = next.call(req).await?;
    if let Some(m) = metrics {
        // The route pattern, not the path: ids must not explode the label set.
        let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".into());
        m.observe(res.request().method().as_str(), &route, res.status().as_u16(), started.elapsed().as_secs_f64());
    }
    Ok(res)
}
