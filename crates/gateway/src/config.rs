//! Configuration: defaults that need nothing, an optional TOML file, then environment
//! variables, which win. A bad value stops the start with a message naming the setting.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One JSON object per line (production).
    Json,
    /// Human-readable lines (development).
    Pretty,
}

/// Everything the hub can be told.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on (`TDC_LISTEN`).
    pub listen: SocketAddr,
    /// Where the SQLite file and signing keys live (`TDC_DATA_DIR`).
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…` (`DATABASE_URL`).
    pub database_url: String,
    /// `json` or `pretty` (`TDC_LOG_FORMAT`).
    pub log_format: LogFormat,
    /// tracing filter, e.g. `info,tdc=debug` (`TDC_LOG`).
    pub log_filter: String,
    /// The province's administrative code (`TDC_PROVINCE_CODE`).
    pub province_code: String,
    /// The province's name (`TDC_PROVINCE_NAME`).
    pub province_name: String,
    /// Most database connections (`TDC_POOL_SIZE`).
    pub pool_size: u32,
    /// Largest request body in bytes (`TDC_BODY_LIMIT`).
    pub body_limit: usize,
    /// Seconds an access token lives (`TDC_TOKEN_TTL`).
    pub token_ttl_seconds: i64,
    /// `iss` of tokens (`TDC_TOKEN_ISSUER`).
    pub token_issuer: String,
    /// `aud` of tokens (`TDC_TOKEN_AUDIENCE`).
    pub token_audience: String,
    /// HTTP worker threads (`TDC_WORKERS`); 0 means one per core.
    pub workers: usize,
    /// The admin client's secret at first start (`TDC_BOOTSTRAP_SECRET`); generated when unset.
    pub bootstrap_secret: Option<String>,
    /// Seconds between runs of the work the hub does by itself, e.g. recording certificates'
    /// expiries (`TDC_SCHEDULE_INTERVAL`); 0 turns it off on this instance.
    pub schedule_interval_seconds: u64,
    /// The shortest public consultation on a draft QCĐP, in days (`TDC_CONSULTATION_MIN_DAYS`).
    pub consultation_min_days: u32,
    /// The most comments one source address files on one draft a day without a token
    /// (`TDC_PUBLIC_COMMENTS_PER_DAY`).
    pub public_comments_per_day: u32,
    /// A business another agency inspected within this many months before a planned period
    /// opens an overlap case when the plan is submitted (`TDC_RECENT_INSPECTION_MONTHS`); 0: off.
    pub recent_inspection_months: u32,
    /// The risk score's factor weights, e.g. `product_risk=40,violations=40,since_inspection=20`
    /// (`TDC_RISK_WEIGHTS`).
    pub risk_weights: String,
    /// Months after which a violation counts half in the risk score
    /// (`TDC_RISK_VIOLATION_HALF_LIFE_MONTHS`).
    pub risk_violation_half_life_months: u32,
    /// Requests a minute each API client may make, across the instances
    /// (`TDC_RATE_LIMIT_CLIENT_PER_MINUTE`).
    pub rate_limit_client_per_minute: u32,
    /// Requests a minute each source address may make without a token, across the instances
    /// (`TDC_RATE_LIMIT_ANONYMOUS_PER_MINUTE`).
    pub rate_limit_anonymous_per_minute: u32,
    /// How many hub instances share those budgets; each keeps its share (`TDC_INSTANCES`).
    pub instances: u32,
    /// Take the source address from the last `X-Forwarded-For` entry: set it only when the hub is
    /// reachable through the deploy's proxy alone (`TDC_TRUST_FORWARDED_FOR`).
    pub trust_forwarded_for: bool,
    /// Seconds a request's body may take to arrive once its head has (`TDC_BODY_TIMEOUT`).
    pub body_timeout_seconds: u64,
    /// Seconds an API client's state (enabled or disabled) is trusted before the database is asked
    /// again; 0 asks on every request (`TDC_CLIENT_CHECK`). Disabling a client takes effect at
    /// once on the instance that did it, within this period on the others.
    pub client_check_seconds: u64,
    /// The longest a long poll of the change feed waits, 0 to 30 seconds (`TDC_FEED_MAX_WAIT`);
    /// keep it below the reverse proxy's read timeout.
    pub feed_max_wait_seconds: u64,
    /// The national traceability portal's base address (`TDC_PORTAL_URL`, plain `http://`: put a
    /// TLS-terminating egress proxy before an `https://` portal); unset: nothing is pushed, the
    /// pushes wait in the outbox.
    pub portal_url: Option<String>,
    /// The bearer token the portal gave the province (`TDC_PORTAL_TOKEN`).
    pub portal_token: Option<String>,
    /// Lot fields renamed for the portal, e.g. `gtin=ma_gtin,lot=so_lo` (`TDC_PORTAL_LOT_FIELDS`).
    pub portal_lot_fields: String,
    /// Milliseconds between the portal worker's looks at the outbox (`TDC_PORTAL_INTERVAL_MS`).
    pub portal_interval_ms: u64,
    /// Milliseconds before the first retry of a failed push; each next one doubles, up to an hour
    /// (`TDC_PORTAL_RETRY_MS`).
    pub portal_retry_ms: u64,
    /// Attempts before a push is given up as dead (`TDC_PORTAL_MAX_ATTEMPTS`).
    pub portal_max_attempts: i32,
    /// Milliseconds between the webhook dispatcher's and worker's rounds (`TDC_WEBHOOK_INTERVAL_MS`).
    pub webhook_interval_ms: u64,
    /// Milliseconds before a failed webhook push is retried, doubling up to an hour (`TDC_WEBHOOK_RETRY_MS`).
    pub webhook_retry_ms: u64,
    /// Attempts before a webhook push is given up as dead (`TDC_WEBHOOK_MAX_ATTEMPTS`).
    pub webhook_max_attempts: i32,
    /// The largest import file accepted, in MiB (`TDC_IMPORT_MAX_MB`).
    pub import_max_mb: u64,
    /// Seconds an instance holds an import job without progress before another may take it up
    /// (`TDC_IMPORT_LEASE_SECONDS`): how soon a job resumes after a crash.
    pub import_lease_seconds: u64,
    /// Milliseconds between the import worker's looks for queued jobs (`TDC_IMPORT_INTERVAL_MS`;
    /// 0: this instance applies none — another does).
    pub import_interval_ms: u64,
    /// The national TĐC database's base address (`TDC_NATIONAL_URL`, plain `http://` as the
    /// portal's); unset: nothing is sent. Its rounds and retries are the webhooks'.
    pub national_url: Option<String>,
    /// The bearer token the national side gave the province (`TDC_NATIONAL_TOKEN`).
    pub national_token: Option<String>,
    /// The kinds of change sent, e.g. `cab_certificate,warning.publish` (`TDC_NATIONAL_EVENTS`).
    pub national_events: String,
    /// Record fields renamed for the national side, e.g. `lead_agency=co_quan_chu_tri`
    /// (`TDC_NATIONAL_FIELDS`).
    pub national_fields: String,
    /// The path of the national side's own feed, e.g. `/changes` (`TDC_NATIONAL_FEED`); unset: it
    /// is not read.
    pub national_feed: Option<String>,
}

/// The TOML file's shape: every key optional, named like the fields of [`Config`].
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    log_format: Option<String>,
    log_filter: Option<String>,
    province_code: Option<String>,
    province_name: Option<String>,
    pool_size: Option<u32>,
    body_limit: Option<usize>,
    token_ttl_seconds: Option<i64>,
    token_issuer: Option<String>,
    token_audience: Option<String>,
    workers: Option<usize>,
    schedule_interval_seconds: Option<u64>,
    consultation_min_days: Option<u32>,
    public_comments_per_day: Option<u32>,
    recent_inspection_months: Option<u32>,
    risk_weights: Option<String>,
    risk_violation_half_life_months: Option<u32>,
    rate_limit_client_per_minute: Option<u32>,
    rate_limit_anonymous_per_minute: Option<u32>,
    instances: Option<u32>,
    trust_forwarded_for: Option<bool>,
    body_timeout_seconds: Option<u64>,
    client_check_seconds: Option<u64>,
    feed_max_wait_seconds: Option<u64>,
    portal_url: Option<String>,
    portal_lot_fields: Option<String>,
    portal_interval_ms: Option<u64>,
    portal_retry_ms: Option<u64>,
    portal_max_attempts: Option<i32>,
    webhook_interval_ms: Option<u64>,
    webhook_retry_ms: Option<u64>,
    webhook_max_attempts: Option<i32>,
    import_max_mb: Option<u64>,
    import_lease_seconds: Option<u64>,
    import_interval_ms: Option<u64>,
    national_url: Option<String>,
    national_events: Option<String>,
    national_fields: Option<String>,
    national_feed: Option<String>,
}

/// A setting that could not be used.
#[derive(Debug, thiserror::Error)]
#[error("{setting}: {message}")]
pub struct ConfigError {
    /// The environment variable or file key.
    pub setting: String,
    /// What is wrong with it.
    pub message: String,
}

fn bad(setting: &str, message: impl Into<String>) -> ConfigError {
    ConfigError { setting: setting.into(), message: message.into() }
}

/// Raw settings before checking: each value with the name it came from.
#[derive(Default)]
struct Raw {
    values: std::collections::BTreeMap<&'static str, (String, String)>,
}

impl Raw {
    fn set(&mut self, key: &'static str, source: String, value: String) {
        self.values.insert(key, (source, value));
    }

    fn get(&self, key: &str) -> Option<(&str, &str)> {
        self.values.get(key).map(|(s, v)| (s.as_str(), v.as_str()))
    }

    fn parse<T: std::str::FromStr>(&self, key: &str, default: T) -> Result<T, ConfigError>
    where
        T::Err: std::fmt::Display,
    {
        match self.get(key) {
            None => Ok(default),
            Some((source, v)) => v.trim().parse().map_err(|e| bad(source, format!("`{v}` is not valid: {e}"))),
        }
    }

    fn text(&self, key: &str, default: &str) -> String {
        self.get(key).map(|(_, v)| v.to_owned()).unwrap_or_else(|| default.to_owned())
    }
}

/// The settings and the environment variables that override them.
const ENV: &[(&str, &str)] = &[
    ("listen", "TDC_LISTEN"),
    ("data_dir", "TDC_DATA_DIR"),
    ("database_url", "DATABASE_URL"),
    ("log_format", "TDC_LOG_FORMAT"),
    ("log_filter", "TDC_LOG"),
    ("province_code", "TDC_PROVINCE_CODE"),
    ("province_name", "TDC_PROVINCE_NAME"),
    ("pool_size", "TDC_POOL_SIZE"),
    ("body_limit", "TDC_BODY_LIMIT"),
    ("token_ttl_seconds", "TDC_TOKEN_TTL"),
    ("token_issuer", "TDC_TOKEN_ISSUER"),
    ("token_audience", "TDC_TOKEN_AUDIENCE"),
    ("workers", "TDC_WORKERS"),
    ("schedule_interval_seconds", "TDC_SCHEDULE_INTERVAL"),
    ("consultation_min_days", "TDC_CONSULTATION_MIN_DAYS"),
    ("public_comments_per_day", "TDC_PUBLIC_COMMENTS_PER_DAY"),
    ("recent_inspection_months", "TDC_RECENT_INSPECTION_MONTHS"),
    ("risk_weights", "TDC_RISK_WEIGHTS"),
    ("risk_violation_half_life_months", "TDC_RISK_VIOLATION_HALF_LIFE_MONTHS"),
    ("rate_limit_client_per_minute", "TDC_RATE_LIMIT_CLIENT_PER_MINUTE"),
    ("rate_limit_anonymous_per_minute", "TDC_RATE_LIMIT_ANONYMOUS_PER_MINUTE"),
    ("instances", "TDC_INSTANCES"),
    ("trust_forwarded_for", "TDC_TRUST_FORWARDED_FOR"),
    ("body_timeout_seconds", "TDC_BODY_TIMEOUT"),
    ("client_check_seconds", "TDC_CLIENT_CHECK"),
    ("feed_max_wait_seconds", "TDC_FEED_MAX_WAIT"),
    ("portal_url", "TDC_PORTAL_URL"),
    ("portal_token", "TDC_PORTAL_TOKEN"),
    ("portal_lot_fields", "TDC_PORTAL_LOT_FIELDS"),
    ("portal_interval_ms", "TDC_PORTAL_INTERVAL_MS"),
    ("portal_retry_ms", "TDC_PORTAL_RETRY_MS"),
    ("portal_max_attempts", "TDC_PORTAL_MAX_ATTEMPTS"),
    ("webhook_interval_ms", "TDC_WEBHOOK_INTERVAL_MS"),
    ("webhook_retry_ms", "TDC_WEBHOOK_RETRY_MS"),
    ("webhook_max_attempts", "TDC_WEBHOOK_MAX_ATTEMPTS"),
    ("import_max_mb", "TDC_IMPORT_MAX_MB"),
    ("import_lease_seconds", "TDC_IMPORT_LEASE_SECONDS"),
    ("import_interval_ms", "TDC_IMPORT_INTERVAL_MS"),
    ("national_url", "TDC_NATIONAL_URL"),
    ("national_token", "TDC_NATIONAL_TOKEN"),
    ("national_events", "TDC_NATIONAL_EVENTS"),
    ("national_fields", "TDC_NATIONAL_FIELDS"),
    ("national_feed", "TDC_NATIONAL_FEED"),
    ("bootstrap_secret", "TDC_BOOTSTRAP_SECRET"),
];

impl Config {
    /// The risk score's rules, as configured.
    pub fn risk_rules(&self) -> Result<tdc_inspections::rules::RiskRules, String> {
        tdc_inspections::rules::RiskRules::parse(&self.risk_weights, f64::from(self.risk_violation_half_life_months))
    }

    /// Loads the configuration from an optional TOML file and the process environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        Config::load_from(file, |name| std::env::var(name).ok())
    }

    /// Loads the configuration with `env` standing for the environment (tests pass a map).
    pub fn load_from(file: Option<&Path>, env: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let mut raw = Raw::default();
        if let Some(path) = file {
            read_file(path, &mut raw)?;
        }
        for (key, var) in ENV {
            if let Some(v) = env(var).filter(|v| !v.is_empty()) {
                raw.set(key, (*var).to_owned(), v);
            }
        }
        Config::from_raw(&raw)
    }

    fn from_raw(raw: &Raw) -> Result<Config, ConfigError> {
        let data_dir = PathBuf::from(raw.text("data_dir", "./data"));
        let default_db = format!("sqlite://{}", data_dir.join("tdc-hub.db").display());
        let config = Config {
            listen: raw.parse("listen", SocketAddr::from(([127, 0, 0, 1], 8080)))?,
            database_url: raw.text("database_url", &default_db),
            log_format: parse_log_format(raw)?,
            log_filter: raw.text("log_filter", "info"),
            province_code: raw.text("province_code", "31"),
            province_name: raw.text("province_name", "Hải Phòng"),
            pool_size: raw.parse("pool_size", 10)?,
            body_limit: raw.parse("body_limit", 10 * 1024 * 1024)?,
            token_ttl_seconds: raw.parse("token_ttl_seconds", 900)?,
            token_issuer: raw.text("token_issuer", "tdc-hub"),
            token_audience: raw.text("token_audience", "tdc-hub-api"),
            workers: raw.parse("workers", 0)?,
            schedule_interval_seconds: raw.parse("schedule_interval_seconds", 300)?,
            consultation_min_days: raw.parse("consultation_min_days", 60)?,
            public_comments_per_day: raw.parse("public_comments_per_day", 20)?,
            recent_inspection_months: raw.parse("recent_inspection_months", 12)?,
            risk_weights: raw.text("risk_weights", "product_risk=40,violations=40,since_inspection=20"),
            risk_violation_half_life_months: raw.parse("risk_violation_half_life_months", 24)?,
            rate_limit_client_per_minute: raw.parse("rate_limit_client_per_minute", 60_000)?,
            rate_limit_anonymous_per_minute: raw.parse("rate_limit_anonymous_per_minute", 12_000)?,
            instances: raw.parse("instances", 1)?,
            trust_forwarded_for: raw.parse("trust_forwarded_for", false)?,
            body_timeout_seconds: raw.parse("body_timeout_seconds", 30)?,
            client_check_seconds: raw.parse("client_check_seconds", 5)?,
            feed_max_wait_seconds: raw.parse("feed_max_wait_seconds", 30)?,
            bootstrap_secret: raw.get("bootstrap_secret").map(|(_, v)| v.to_owned()),
            portal_url: raw.get("portal_url").map(|(_, v)| v.to_owned()),
            portal_token: raw.get("portal_token").map(|(_, v)| v.to_owned()),
            portal_lot_fields: raw.text("portal_lot_fields", ""),
            portal_interval_ms: raw.parse("portal_interval_ms", 10_000)?,
            portal_retry_ms: raw.parse("portal_retry_ms", 30_000)?,
            portal_max_attempts: raw.parse("portal_max_attempts", 10)?,
            webhook_interval_ms: raw.parse("webhook_interval_ms", 1_000)?,
            webhook_retry_ms: raw.parse("webhook_retry_ms", 10_000)?,
            webhook_max_attempts: raw.parse("webhook_max_attempts", 12)?,
            import_max_mb: raw.parse("import_max_mb", 10_240)?,
            import_lease_seconds: raw.parse("import_lease_seconds", 60)?,
            import_interval_ms: raw.parse("import_interval_ms", 500)?,
            national_url: raw.get("national_url").map(|(_, v)| v.to_owned()),
            national_token: raw.get("national_token").map(|(_, v)| v.to_owned()),
            national_events: raw.text("national_events", tdc_reporting::api::NATIONAL_EVENTS),
            national_fields: raw.text("national_fields", ""),
            national_feed: raw.get("national_feed").map(|(_, v)| v.to_owned()),
            data_dir,
        };
        config.check(raw)?;
        Ok(config)
    }

    fn check(&self, raw: &Raw) -> Result<(), ConfigError> {
        let name = |key: &'static str, fallback: &'static str| {
            raw.get(key).map(|(s, _)| s.to_owned()).unwrap_or(fallback.into())
        };
        if let Err(e) = tdc_kernel::db::Backend::from_url(&self.database_url) {
            return Err(bad(&name("database_url", "DATABASE_URL"), e));
        }
        if !(1..=512).contains(&self.pool_size) {
            return Err(bad(&name("pool_size", "TDC_POOL_SIZE"), "must be between 1 and 512"));
        }
        if !(1024..=1 << 30).contains(&self.body_limit) {
            return Err(bad(&name("body_limit", "TDC_BODY_LIMIT"), "must be between 1024 and 1073741824 bytes"));
        }
        if !(60..=86_400).contains(&self.token_ttl_seconds) {
            return Err(bad(&name("token_ttl_seconds", "TDC_TOKEN_TTL"), "must be between 60 and 86400 seconds"));
        }
        if self.bootstrap_secret.as_ref().is_some_and(|s| s.len() < 16) {
            return Err(bad("TDC_BOOTSTRAP_SECRET", "must be at least 16 characters"));
        }
        if !(1..=365).contains(&self.consultation_min_days) {
            return Err(bad(
                &name("consultation_min_days", "TDC_CONSULTATION_MIN_DAYS"),
                "must be between 1 and 365 days",
            ));
        }
        if let Err(why) = self.portal() {
            return Err(bad(&name("portal_url", "TDC_PORTAL_URL"), why));
        }
        if let Err(why) = self.risk_rules() {
            return Err(bad(&name("risk_weights", "TDC_RISK_WEIGHTS"), why));
        }
        if self.recent_inspection_months > 60 {
            return Err(bad(
                &name("recent_inspection_months", "TDC_RECENT_INSPECTION_MONTHS"),
                "must be between 0 and 60 months",
            ));
        }
        if !(1..=10_000).contains(&self.public_comments_per_day) {
            return Err(bad(
                &name("public_comments_per_day", "TDC_PUBLIC_COMMENTS_PER_DAY"),
                "must be between 1 and 10000",
            ));
        }
        for (key, env, value) in [
            ("rate_limit_client_per_minute", "TDC_RATE_LIMIT_CLIENT_PER_MINUTE", self.rate_limit_client_per_minute),
            (
                "rate_limit_anonymous_per_minute",
                "TDC_RATE_LIMIT_ANONYMOUS_PER_MINUTE",
                self.rate_limit_anonymous_per_minute,
            ),
        ] {
            if !(self.instances..=100_000_000).contains(&value) {
                return Err(bad(&name(key, env), "must be at least TDC_INSTANCES and at most 100000000"));
            }
        }
        if !(1..=3600).contains(&self.body_timeout_seconds) {
            return Err(bad(&name("body_timeout_seconds", "TDC_BODY_TIMEOUT"), "must be between 1 and 3600 seconds"));
        }
        if self.feed_max_wait_seconds > 30 {
            return Err(bad(&name("feed_max_wait_seconds", "TDC_FEED_MAX_WAIT"), "must be between 0 and 30 seconds"));
        }
        if self.client_check_seconds > 300 {
            return Err(bad(&name("client_check_seconds", "TDC_CLIENT_CHECK"), "must be between 0 and 300 seconds"));
        }
        if !(1..=64).contains(&self.instances) {
            return Err(bad(&name("instances", "TDC_INSTANCES"), "must be between 1 and 64"));
        }
        if self.province_name.trim().is_empty() || self.province_code.trim().is_empty() {
            return Err(bad("TDC_PROVINCE_NAME / TDC_PROVINCE_CODE", "must not be blank"));
        }
        Ok(())
    }

    /// Which database backend the URL names.
    pub fn backend(&self) -> tdc_kernel::db::Backend {
        tdc_kernel::db::Backend::from_url(&self.database_url).expect("checked at load")
    }

    /// Where the signing keys are kept.
    pub fn keys_dir(&self) -> PathBuf {
        self.data_dir.join("keys")
    }
}

fn parse_log_format(raw: &Raw) -> Result<LogFormat, ConfigError> {
    match raw.get("log_format") {
        None => Ok(LogFormat::Pretty),
        Some((_, "json")) => Ok(LogFormat::Json),
        Some((_, "pretty")) => Ok(LogFormat::Pretty),
        Some((source, v)) => Err(bad(source, format!("`{v}` is not valid: use json or pretty"))),
    }
}

fn read_file(path: &Path, raw: &mut Raw) -> Result<(), ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| bad(&shown, format!("cannot read: {e}")))?;
    let file: FileConfig = toml::from_str(&text).map_err(|e| bad(&shown, e.to_string()))?;
    let src = |key: &str| format!("{shown}: {key}");
    let mut put = |key: &'static str, v: Option<String>| {
        if let Some(v) = v {
            raw.set(key, src(key), v);
        }
    };
    put("listen", file.listen);
    put("data_dir", file.data_dir.map(|p| p.display().to_string()));
    put("database_url", file.database_url);
    put("log_format", file.log_format);
    put("log_filter", file.log_filter);
    put("province_code", file.province_code);
    put("province_name", file.province_name);
    put("pool_size", file.pool_size.map(|v| v.to_string()));
    put("body_limit", file.body_limit.map(|v| v.to_string()));
    put("token_ttl_seconds", file.token_ttl_seconds.map(|v| v.to_string()));
    put("token_issuer", file.token_issuer);
    put("token_audience", file.token_audience);
    put("workers", file.workers.map(|v| v.to_string()));
    put("schedule_interval_seconds", file.schedule_interval_seconds.map(|v| v.to_string()));
    put("consultation_min_days", file.consultation_min_days.map(|v| v.to_string()));
    put("public_comments_per_day", file.public_comments_per_day.map(|v| v.to_string()));
    put("recent_inspection_months", file.recent_inspection_months.map(|v| v.to_string()));
    put("risk_weights", file.risk_weights);
    put("risk_violation_half_life_months", file.risk_violation_half_life_months.map(|v| v.to_string()));
    put("rate_limit_client_per_minute", file.rate_limit_client_per_minute.map(|v| v.to_string()));
    put("rate_limit_anonymous_per_minute", file.rate_limit_anonymous_per_minute.map(|v| v.to_string()));
    put("instances", file.instances.map(|v| v.to_string()));
    put("trust_forwarded_for", file.trust_forwarded_for.map(|v| v.to_string()));
    put("body_timeout_seconds", file.body_timeout_seconds.map(|v| v.to_string()));
    put("client_check_seconds", file.client_check_seconds.map(|v| v.to_string()));
    put("feed_max_wait_seconds", file.feed_max_wait_seconds.map(|v| v.to_string()));
    put("portal_url", file.portal_url);
    put("portal_lot_fields", file.portal_lot_fields);
    put("portal_interval_ms", file.portal_interval_ms.map(|v| v.to_string()));
    put("portal_retry_ms", file.portal_retry_ms.map(|v| v.to_string()));
    put("portal_max_attempts", file.portal_max_attempts.map(|v| v.to_string()));
    put("webhook_interval_ms", file.webhook_interval_ms.map(|v| v.to_string()));
    put("webhook_retry_ms", file.webhook_retry_ms.map(|v| v.to_string()));
    put("webhook_max_attempts", file.webhook_max_attempts.map(|v| v.to_string()));
    put("import_max_mb", file.import_max_mb.map(|v| v.to_string()));
    put("import_lease_seconds", file.import_lease_seconds.map(|v| v.to_string()));
    put("import_interval_ms", file.import_interval_ms.map(|v| v.to_string()));
    put("national_url", file.national_url);
    put("national_events", file.national_events);
    put("national_fields", file.national_fields);
    put("national_feed", file.national_feed);
    Ok(())
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
