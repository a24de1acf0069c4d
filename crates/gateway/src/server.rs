//! Start-up: open the database, migrate, bootstrap, load the keys, then serve.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use tdc_directory::bootstrap::{Bootstrapped, Province, bootstrap};
use tdc_kernel::auth::{Authenticator, ClientChecks, KeySet, TokenSettings};
use tdc_kernel::db::{self, DbPool, PoolOptions};
use tdc_kernel::idempotency::idempotency;
use tdc_kernel::paging::{DEFAULT_LIMIT, MAX_LIMIT};

use crate::config::Config;
use crate::http::service::{ProvinceInfo, ServiceDescription, ServiceLimits, ServiceLinks};
use crate::middleware::{edge::edge, limit::limit, metrics::Metrics, metrics::track};

/// What the running server shares between its workers (nothing two instances could disagree on:
/// all state is in the database and the key directory).
#[derive(Clone)]
pub struct Shared {
    /// The database pool.
    pub pool: web::Data<DbPool>,
    /// Token verification and issuance.
    pub auth: web::Data<Authenticator>,
    /// Metrics.
    pub metrics: web::Data<Metrics>,
    /// The service description.
    pub info: web::Data<ServiceDescription>,
    /// The province this hub serves.
    pub province: web::Data<tdc_kernel::HomeProvince>,
    /// Largest request body.
    pub body_limit: usize,
    /// How long a body may take to arrive.
    pub body_deadline: web::Data<tdc_kernel::extract::BodyDeadline>,
    /// The longest a long poll of the change feed waits.
    pub feed_max_wait: web::Data<tdc_kernel::changes::FeedMaxWait>,
    /// How often the hub's own work runs (`None`: not on this instance).
    pub schedule_every: Option<Duration>,
    /// The push to the national traceability portal (`None`: not configured).
    pub portal: Option<tdc_traceability::api::PortalSettings>,
    /// How webhooks are pushed.
    pub webhooks: tdc_kernel::webhooks::WebhookSettings,
    /// Where import files are spooled and how import jobs run.
    pub imports: web::Data<tdc_kernel::imports::ImportSettings>,
    /// The connector to the national TĐC database (`None`: not configured).
    pub national: Option<tdc_reporting::api::NationalSettings>,
    /// The province's consultation rules.
    pub consultation: web::Data<tdc_regulations::rules::ConsultationRules>,
    /// How inspection plans are checked for overlaps.
    pub overlap_rules: web::Data<tdc_inspections::rules::OverlapRules>,
    /// The key that seals whistleblowers' identities (a file beside the data, never in the database).
    pub sealer: web::Data<tdc_kernel::seal::Sealer>,
    /// Every domain's public notices about products, for the pages that show them.
    pub notices: web::Data<tdc_kernel::notices::PublicNotices>,
    /// The risk score's weights.
    pub risk_rules: web::Data<tdc_inspections::rules::RiskRules>,
    /// The rate limits' budgets.
    pub limiter: web::Data<tdc_kernel::limits::Limiter>,
    /// The token endpoint's guard against guessing secrets.
    pub token_guard: web::Data<tdc_directory::token_guard::TokenGuard>,
    /// What the domains bring, built once: their operations, the document, their scheduled work.
    pub rooms: Rooms,
}

/// The domains' operations, the OpenAPI document and the scheduled work, built once at start and
/// shared by every worker (the document kept as its JSON only: its structure is large).
#[derive(Clone)]
pub struct Rooms {
    operations: Arc<Vec<tdc_kernel::routing::Operation>>,
    problems: web::Data<crate::http::problems::ProblemCatalogue>,
    entities: web::Data<tdc_kernel::changes::FeedEntities>,
    importers: web::Data<tdc_kernel::imports::Importers>,
    document: web::Bytes,
    jobs: Vec<tdc_kernel::schedule::Job>,
}

impl Rooms {
    fn of(domains: Vec<tdc_kernel::routing::Domain>, home: &tdc_kernel::HomeProvince) -> Rooms {
        let document = crate::openapi::document_of(&domains);
        let document = web::Bytes::from(serde_json::to_vec(&document).expect("the document serializes"));
        let jobs = domains.iter().flat_map(|d| (d.jobs)(home)).collect();
        let problems = web::Data::new(crate::http::problems::ProblemCatalogue::of(&domains));
        let entities = web::Data::new(crate::openapi::feed_entities(&domains));
        let importers =
            web::Data::new(tdc_kernel::imports::Importers::of(domains.iter().flat_map(|d| d.imports.clone())));
        let operations = Arc::new(domains.into_iter().flat_map(|d| d.operations).collect());
        Rooms { operations, problems, entities, importers, document, jobs }
    }
}

/// Opens the pool for a configuration (creating the SQLite file if needed).
pub fn open_database(config: &Config) -> Result<DbPool, String> {
    let options = PoolOptions { max_size: config.pool_size, acquire_timeout: Duration::from_secs(5) };
    db::open_pool(&config.database_url, &options).map_err(|e| format!("cannot open the database: {e}"))
}

/// Applies pending migrations; returns the versions applied.
pub fn migrate(pool: &DbPool) -> Result<Vec<String>, String> {
    let mut conn = pool.get().map_err(|e| format!("cannot reach the database: {e}"))?;
    db::run_migrations(&mut conn).map_err(|e| format!("migration failed: {e}"))
}

/// Everything before listening: database, migrations (unless `migrate` is false), first-start
/// bootstrap and keys. Returns the shared state and what the bootstrap created.
pub fn prepare(config: &Config, migrate_now: bool) -> Result<(Shared, Bootstrapped), String> {
    let pool = open_database(config)?;
    if migrate_now {
        let applied = migrate(&pool)?;
        if !applied.is_empty() {
            tracing::info!(migrations = ?applied, "migrations applied");
        }
    }
    let province = Province { code: config.province_code.clone(), name: config.province_name.clone() };
    let done = first_start(&pool, &province, config.bootstrap_secret.clone())?;
    let keys = KeySet::open(&config.keys_dir()).map_err(|e| format!("cannot load the signing keys: {e}"))?;
    let settings = TokenSettings {
        issuer: config.token_issuer.clone(),
        audience: config.token_audience.clone(),
        ttl_seconds: config.token_ttl_seconds,
    };
    let clients = ClientChecks::new(std::time::Duration::from_secs(config.client_check_seconds));
    let auth = Authenticator { keys: Arc::new(keys), settings, pool: pool.clone(), clients };
    let domains = crate::domains::all();
    let home = tdc_kernel::HomeProvince { code: config.province_code.clone(), name: config.province_name.clone() };
    let shared = Shared {
        pool: web::Data::new(pool),
        auth: web::Data::new(auth),
        metrics: web::Data::new(Metrics::new()),
        info: web::Data::new(describe(config, &domains)),
        province: web::Data::new(home.clone()),
        body_limit: config.body_limit,
        body_deadline: web::Data::new(tdc_kernel::extract::BodyDeadline(Duration::from_secs(
            config.body_timeout_seconds,
        ))),
        feed_max_wait: web::Data::new(tdc_kernel::changes::FeedMaxWait(Duration::from_secs(
            config.feed_max_wait_seconds,
        ))),
        schedule_every: (config.schedule_interval_seconds > 0)
            .then(|| Duration::from_secs(config.schedule_interval_seconds)),
        portal: config.portal()?,
        webhooks: config.webhooks()?,
        imports: web::Data::new(config.imports()?),
        national: config.national()?,
        consultation: web::Data::new(tdc_regulations::rules::ConsultationRules {
            min_days: config.consultation_min_days,
            public_comments_per_day: config.public_comments_per_day,
        }),
        overlap_rules: web::Data::new(tdc_inspections::rules::OverlapRules {
            recent_months: config.recent_inspection_months,
        }),
        risk_rules: web::Data::new(config.risk_rules().unwrap_or_default()),
        sealer: web::Data::new(tdc_kernel::seal::Sealer::open_or_create(&config.data_dir.join("seal.key"))?),
        limiter: web::Data::new(tdc_kernel::limits::Limiter::new(rate_limits(config))),
        token_guard: web::Data::new(tdc_directory::token_guard::TokenGuard::for_this_machine()),
        notices: web::Data::new(tdc_kernel::notices::PublicNotices(domains.iter().filter_map(|d| d.notices).collect())),
        rooms: Rooms::of(domains, &home),
    };
    Ok((shared, done))
}

fn rate_limits(config: &Config) -> tdc_kernel::limits::RateLimits {
    tdc_kernel::limits::RateLimits {
        client_per_minute: config.rate_limit_client_per_minute,
        anonymous_per_minute: config.rate_limit_anonymous_per_minute,
        instances: config.instances,
        trust_forwarded_for: config.trust_forwarded_for,
    }
}

/// Bootstraps an empty database. When another instance bootstraps the same database at the same
/// moment, our transaction loses on a unique key and is rolled back; the retry then finds the rows.
fn first_start(pool: &DbPool, province: &Province, secret: Option<String>) -> Result<Bootstrapped, String> {
    let attempt = || bootstrap(pool, province, secret.clone());
    let result = match attempt() {
        Err(tdc_kernel::ApiError::Conflict { code: "duplicate_key", .. }) => attempt(),
        other => other,
    };
    result.map_err(|e| format!("first-start setup failed (are migrations applied?): {e}"))
}

fn describe(config: &Config, domains: &[tdc_kernel::routing::Domain]) -> ServiceDescription {
    ServiceDescription {
        name: "TĐC Hub".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        api_version: "v1".into(),
        province: ProvinceInfo { code: config.province_code.clone(), name: config.province_name.clone() },
        limits: ServiceLimits {
            max_body_bytes: config.body_limit,
            max_import_bytes: config.import_max_mb * 1024 * 1024,
            body_timeout_seconds: config.body_timeout_seconds,
            default_page_size: DEFAULT_LIMIT,
            max_page_size: MAX_LIMIT,
            token_ttl_seconds: config.token_ttl_seconds,
            idempotency_retention_hours: tdc_kernel::idempotency::RETENTION_HOURS,
            consultation_min_days: config.consultation_min_days,
            public_comments_per_day: config.public_comments_per_day,
            recent_inspection_months: config.recent_inspection_months,
            rate_limit_client_per_minute: config.rate_limit_client_per_minute,
            rate_limit_anonymous_per_minute: config.rate_limit_anonymous_per_minute,
            instances: config.instances,
            free_failed_token_attempts: tdc_directory::token_guard::FREE_FAILURES,
        },
        formats: vec!["application/json".into(), "application/problem+json".into()],
        features: domains.iter().flat_map(|d| d.features.iter().map(|f| f.to_string())).collect(),
        links: ServiceLinks {
            openapi: "/api/v1/openapi.json".into(),
            docs: "/docs/".into(),
            token: "/api/v1/auth/token".into(),
            jwks: "/.well-known/jwks.json".into(),
        },
    }
}

/// Binds and returns the server (not yet polled) and the addresses it listens on; starts the
/// hub's own scheduled work on the current actix system. Must be called inside an actix system.
pub fn start(listen: SocketAddr, workers: usize, shared: Shared) -> Result<(Server, Vec<SocketAddr>), String> {
    let worker_count = if workers > 0 { workers } else { std::thread::available_parallelism().map_or(1, |n| n.get()) };
    let blocking = blocking_threads(shared.pool.max_size() as usize, worker_count);
    if let Some(every) = shared.schedule_every {
        let pool: DbPool = shared.pool.get_ref().clone();
        tdc_kernel::schedule::spawn(pool, every, shared.rooms.jobs.clone());
    }
    let pool: DbPool = shared.pool.get_ref().clone();
    tdc_kernel::webhooks::spawn(pool.clone(), shared.sealer.clone().into_inner(), shared.webhooks);
    let (importers, home) = (shared.rooms.importers.clone().into_inner(), shared.province.get_ref().clone());
    tdc_kernel::imports::spawn(pool.clone(), importers, home, shared.imports.get_ref().clone());
    if let Some(settings) = shared.national.clone() {
        tdc_reporting::api::spawn_national(pool, settings);
    }
    if let Some(settings) = shared.portal.clone() {
        let pool: DbPool = shared.pool.get_ref().clone();
        tdc_kernel::queue::spawn(pool.clone(), tdc_traceability::api::portal_worker(pool, settings));
    }
    let (document, operations) = (shared.rooms.document.clone(), shared.rooms.operations.clone());
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(shared.pool.clone())
            .app_data(shared.auth.clone())
            .app_data(shared.metrics.clone())
            .app_data(shared.info.clone())
            .app_data(shared.province.clone())
            .app_data(shared.consultation.clone())
            .app_data(shared.overlap_rules.clone())
            .app_data(shared.sealer.clone())
            .app_data(shared.notices.clone())
            .app_data(shared.risk_rules.clone())
            .app_data(shared.limiter.clone())
            .app_data(shared.body_deadline.clone())
            .app_data(shared.feed_max_wait.clone())
            .app_data(shared.token_guard.clone())
            .app_data(shared.rooms.problems.clone())
            .app_data(shared.rooms.entities.clone())
            .app_data(shared.rooms.importers.clone())
            .app_data(shared.imports.clone())
            .app_data(web::PayloadConfig::new(shared.body_limit))
            .app_data(web::Data::new(tdc_kernel::extract::BodyLimit(shared.body_limit)))
            .configure(crate::routes::configure(document.clone(), operations.clone()))
            .wrap(from_fn(idempotency))
            .wrap(from_fn(limit))
            .wrap(from_fn(track))
            .wrap(from_fn(edge))
    })
    .shutdown_timeout(30)
    .worker_max_blocking_threads(blocking);
    if workers > 0 {
        server = server.workers(workers);
    }
    let server = server.bind(listen).map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let addrs = server.addrs();
    Ok((server.run(), addrs))
}

/// Threads each worker may block on the database with: its share of the pool's connections and
/// two more (a thread beyond them would only wait for a connection, and each costs memory).
fn blocking_threads(pool_size: usize, workers: usize) -> usize {
    pool_size.div_ceil(workers.max(1)) + 2
}
