//! The test harness: a real hub on port 0 over a fresh database, and a small HTTP client.

mod client;
mod database;
pub mod http;
pub mod proxy;
pub mod receiver;
mod template;

use std::path::PathBuf;
use std::sync::mpsc;
use std::thread::JoinHandle;

pub use client::Client;
pub use database::connect;
pub use http::Resp;

pub use database::TestDb;
use tdc_gateway::config::Config;

/// The admin client's secret in every test hub.
pub const ADMIN_SECRET: &str = "test-admin-secret-0123456789";

/// A configuration over a fresh, empty database and data directory (the database lives as long
/// as the returned guard).
pub fn test_config() -> (Config, TestDb) {
    let data_dir = fresh_data_dir();
    let db = TestDb::create(&data_dir);
    let config = config_over(data_dir, db.url.clone());
    (config, db)
}

fn fresh_data_dir() -> PathBuf {
    std::env::temp_dir().join(format!("tdc-e2e-{}", uuid::Uuid::now_v7().simple()))
}

/// The test settings over `database_url`, with `data_dir` for the keys.
pub fn config_over(data_dir: PathBuf, database_url: String) -> Config {
    let mut config = Config::load_from(None, |_| None).expect("default configuration");
    config.listen = "127.0.0.1:0".parse().unwrap();
    config.data_dir = data_dir;
    config.database_url = database_url;
    config.bootstrap_secret = Some(ADMIN_SECRET.into());
    config.workers = 2;
    config.pool_size = 4;
    config
}

/// A running hub over its own database, stopped and cleaned up when dropped; its [`Client`]
/// (`hub.get(…)`, `hub.base`) talks to it.
pub struct Hub {
    client: Client,
    /// The hub's data directory (keys live in `keys/`).
    pub data_dir: PathBuf,
    /// The database URL the hub uses.
    pub database_url: String,
    server: actix_web::dev::ServerHandle,
    thread: Option<JoinHandle<()>>,
    /// The database and data directory, which a twin shares and does not own.
    db: Option<TestDb>,
}

impl std::ops::Deref for Hub {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Hub {
    /// Starts a hub with the default test settings.
    pub fn start() -> Hub {
        Hub::start_with(|_| {})
    }

    /// Starts a hub after `adjust` has changed its configuration.
    pub fn start_with(adjust: impl FnOnce(&mut Config)) -> Hub {
        let data_dir = fresh_data_dir();
        let db = TestDb::from_template(&data_dir);
        let mut config = config_over(data_dir, db.url.clone());
        adjust(&mut config);
        Hub::launch(config, Some(db))
    }

    /// Starts a second instance over this hub's database and keys (as a deployment runs several
    /// behind a proxy), after `adjust` has changed its configuration.
    pub fn twin_with(&self, adjust: impl FnOnce(&mut Config)) -> Hub {
        let mut config = config_over(self.data_dir.clone(), self.database_url.clone());
        adjust(&mut config);
        Hub::launch(config, None)
    }

    fn launch(config: Config, db: Option<TestDb>) -> Hub {
        let (data_dir, database_url) = (config.data_dir.clone(), config.database_url.clone());
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let system = actix_web::rt::System::new();
            system.block_on(async move {
                let (shared, _) = tdc_gateway::server::prepare(&config, true).expect("hub prepares");
                let (server, addrs) =
                    tdc_gateway::server::start(config.listen, config.workers, shared).expect("hub binds");
                tx.send((addrs[0], server.handle())).unwrap();
                server.await.unwrap();
            });
        });
        let (addr, server) = rx.recv().expect("hub started");
        Hub { client: Client::new(&format!("http://{addr}")), data_dir, database_url, server, thread: Some(thread), db }
    }

    /// A direct database connection, to check what is stored.
    pub fn db(&self) -> tdc_kernel::db::AnyConnection {
        database::connect(&self.database_url)
    }
}

impl Drop for Hub {
    fn drop(&mut self) {
        actix_web::rt::System::new().block_on(self.server.stop(true));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        if self.db.is_some() {
            let _ = std::fs::remove_dir_all(&self.data_dir);
        }
    }
}

/// `n` valid tax codes: nine digits and the tax authority's check digit (prefixes with none skipped).
pub fn valid_tax_codes(n: usize) -> Vec<String> {
    const WEIGHTS: [u64; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    (100_000_000u64..)
        .filter_map(|prefix| {
            let digits: Vec<u64> = prefix.to_string().chars().map(|c| u64::from(c.to_digit(10).unwrap())).collect();
            let check = 10 - digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum::<u64>() % 11;
            (check < 10).then(|| format!("{prefix}{check}"))
        })
        .take(n)
        .collect()
}
