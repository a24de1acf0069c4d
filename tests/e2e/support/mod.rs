//! The test harness: a real hub on port 0 over a fresh database, and a small HTTP client.

mod database;
pub mod http;
mod template;

use std::path::PathBuf;
use std::sync::mpsc;
use std::thread::JoinHandle;

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

/// A running hub over its own database, stopped and cleaned up when dropped.
pub struct Hub {
    /// `http://127.0.0.1:<port>`
    pub base: String,
    /// The hub's data directory (keys live in `keys/`).
    pub data_dir: PathBuf,
    /// The database URL the hub uses.
    pub database_url: String,
    server: actix_web::dev::ServerHandle,
    thread: Option<JoinHandle<()>>,
    _db: TestDb,
    agent: ureq::Agent,
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
        let data_dir = config.data_dir.clone();
        adjust(&mut config);
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
        Hub {
            base: format!("http://{addr}"),
            data_dir,
            database_url: db.url.clone(),
            server,
            thread: Some(thread),
            _db: db,
            agent: ureq::AgentBuilder::new().redirects(0).build(),
        }
    }

    /// An admin token (all scopes).
    pub fn admin_token(&self) -> String {
        self.token_for("admin", ADMIN_SECRET)
    }

    /// A token for a client, through the form-encoded OAuth2 request.
    pub fn token_for(&self, client_id: &str, secret: &str) -> String {
        let form = format!("grant_type=client_credentials&client_id={client_id}&client_secret={secret}");
        let r = self.send(
            "POST",
            "/api/v1/auth/token",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Some(&form),
        );
        assert_eq!(r.status, 200, "token for {client_id}: {}", r.body);
        r.json()["access_token"].as_str().unwrap().to_owned()
    }

    /// Creates an agency and a client with `role` for it; returns the client's token.
    pub fn client_with_role(&self, agency: &str, client_id: &str, role: &str) -> (String, String) {
        let admin = self.admin_token();
        let a = self.post(
            &admin,
            "/api/v1/agencies",
            &serde_json::json!({"code": agency, "name_vi": agency, "kind": "department"}),
        );
        assert!(a.status == 201 || a.status == 409, "agency: {}", a.body);
        let body =
            serde_json::json!({"client_id": client_id, "name": client_id, "agency_code": agency, "roles": [role]});
        let c = self.post(&admin, "/api/v1/clients", &body);
        assert_eq!(c.status, 201, "client: {}", c.body);
        let secret = c.json()["client_secret"].as_str().unwrap().to_owned();
        (self.token_for(client_id, &secret), secret)
    }

    /// Sends a request with headers and an optional body.
    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Resp {
        http::send(&self.agent, method, &format!("{}{path}", self.base), headers, body)
    }

    /// GET with a bearer token.
    pub fn get(&self, token: &str, path: &str) -> Resp {
        self.send("GET", path, &[("Authorization", &format!("Bearer {token}"))], None)
    }

    /// POST JSON with a bearer token.
    pub fn post(&self, token: &str, path: &str, body: &serde_json::Value) -> Resp {
        let auth = format!("Bearer {token}");
        self.send(
            "POST",
            path,
            &[("Authorization", &auth), ("Content-Type", "application/json")],
            Some(&body.to_string()),
        )
    }

    /// PUT JSON with a bearer token and an optional `If-Match`.
    pub fn put(&self, token: &str, path: &str, if_match: Option<&str>, body: &serde_json::Value) -> Resp {
        let auth = format!("Bearer {token}");
        let mut headers = vec![("Authorization", auth.as_str()), ("Content-Type", "application/json")];
        if let Some(tag) = if_match {
            headers.push(("If-Match", tag));
        }
        self.send("PUT", path, &headers, Some(&body.to_string()))
    }

    /// PATCH JSON with a bearer token and an optional `If-Match`.
    pub fn patch(&self, token: &str, path: &str, if_match: Option<&str>, body: &serde_json::Value) -> Resp {
        let auth = format!("Bearer {token}");
        let mut headers = vec![("Authorization", auth.as_str()), ("Content-Type", "application/merge-patch+json")];
        if let Some(tag) = if_match {
            headers.push(("If-Match", tag));
        }
        self.send("PATCH", path, &headers, Some(&body.to_string()))
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
        let _ = std::fs::remove_dir_all(&self.data_dir);
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
