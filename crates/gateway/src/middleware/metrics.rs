//! Prometheus metrics: requests by route, method and status, latency histograms, pool use, the
//! job queues' items by state, batch rows stored and refused, import jobs and their rows, and how
//! far each follower of the change feed lags behind its newest change.

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
    batch_rows: IntCounterVec,
    import_jobs: IntGaugeVec,
    import_rows: IntGaugeVec,
    feed_lag: IntGaugeVec,
    /// Where each client that reads the feed over HTTP on this instance last read from.
    followers: std::sync::Mutex<std::collections::BTreeMap<String, i64>>,
}

/// What the metrics read from the database at each scrape.
#[derive(Debug, Default)]
pub struct Figures {
    /// The job queues.
    pub queues: Vec<tdc_kernel::queue::QueueSummary>,
    /// The import jobs.
    pub imports: tdc_kernel::imports::ImportFigures,
    /// Each webhook subscription's position in the feed.
    pub webhooks: Vec<(String, i64)>,
    /// The newest change's sequence number.
    pub head: i64,
}

impl Figures {
    /// Reads them.
    pub fn read(conn: &mut tdc_kernel::db::AnyConnection) -> Result<Figures, tdc_kernel::ApiError> {
        Ok(Figures {
            queues: tdc_kernel::queue::summary(conn)?,
            imports: tdc_kernel::imports::figures(conn)?,
            webhooks: tdc_kernel::webhooks::positions(conn)?,
            head: tdc_kernel::changes::head(conn)?,
        })
    }
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
        let vec = |name: &str, help: &str, labels: &[&str]| {
            IntGaugeVec::new(Opts::new(name, help), labels).expect("valid metric")
        };
        let batch_rows = IntCounterVec::new(
            Opts::new("batch_rows_total", "Items of batch requests, by route and outcome (accepted, rejected)"),
            &["route", "outcome"],
        )
        .expect("valid metric");
        let import_jobs = vec("import_jobs", "Import jobs kept, by status", &["status"]);
        let import_rows =
            vec("import_rows", "Rows of the import jobs kept, by resource and outcome", &["resource", "outcome"]);
        let feed_lag = vec(
            "feed_lag_events",
            "Changes a follower of the feed has not read yet: `client:<id>` read it over HTTP from this instance, `webhook:<id>` is pushed",
            &["follower"],
        );
        for c in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(pool_connections.clone()),
            Box::new(pool_idle.clone()),
            Box::new(pool_max.clone()),
            Box::new(queue_items.clone()),
            Box::new(batch_rows.clone()),
            Box::new(import_jobs.clone()),
            Box::new(import_rows.clone()),
            Box::new(feed_lag.clone()),
        ] {
            registry.register(c).expect("metric registered once");
        }
        Metrics {
            registry,
            requests,
            latency,
            pool_connections,
            pool_idle,
            pool_max,
            queue_items,
            batch_rows,
            import_jobs,
            import_rows,
            feed_lag,
            followers: Default::default(),
        }
    }

    fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let status = status.to_string();
        let labels = [method, route, status.as_str()];
        self.requests.with_label_values(&labels).inc();
        self.latency.with_label_values(&labels).observe(seconds);
    }

    /// Counts what a request left in its extensions: a batch's outcome, a feed read's position.
    fn note(&self, req: &actix_web::HttpRequest, route: &str) {
        use actix_web::HttpMessage;
        let extensions = req.extensions();
        if let Some(tally) = extensions.get::<tdc_kernel::batch::BatchTally>() {
            self.batch_rows.with_label_values(&[route, "accepted"]).inc_by(tally.accepted as u64);
            self.batch_rows.with_label_values(&[route, "rejected"]).inc_by(tally.rejected as u64);
        }
        if let Some(read) = extensions.get::<tdc_kernel::changes::http::FeedRead>()
            && let Ok(mut followers) = self.followers.lock()
        {
            followers.insert(read.client_id.clone(), read.position);
        }
    }

    /// The metrics in Prometheus text format, with the pool's state read now and the database's
    /// figures as given.
    pub fn render(&self, pool: &DbPool, figures: &Figures) -> String {
        self.render_figures(figures);
        for q in &figures.queues {
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

impl Metrics {
    fn render_figures(&self, figures: &Figures) {
        for (status, n) in &figures.imports.jobs {
            self.import_jobs.with_label_values(&[status.as_str()]).set(*n);
        }
        for (resource, accepted, rejected) in &figures.imports.rows {
            self.import_rows.with_label_values(&[resource.as_str(), "accepted"]).set(*accepted);
            self.import_rows.with_label_values(&[resource.as_str(), "rejected"]).set(*rejected);
        }
        self.feed_lag.reset();
        for (id, position) in &figures.webhooks {
            self.feed_lag.with_label_values(&[format!("webhook:{id}").as_str()]).set((figures.head - position).max(0));
        }
        let followers = self.followers.lock().map(|f| f.clone()).unwrap_or_default();
        for (client, position) in followers {
            self.feed_lag
                .with_label_values(&[format!("client:{client}").as_str()])
                .set((figures.head - position).max(0));
        }
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
        m.note(res.request(), &route);
    }
    Ok(res)
}
