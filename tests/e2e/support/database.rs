//! A fresh database per test: a temporary SQLite file, or a PostgreSQL database created for
//! the test and dropped afterwards — copied from the run's template, or empty. `TDC_TEST_DATABASE_URL`
//! picks PostgreSQL.

use std::path::Path;

use diesel::{Connection, RunQueryDsl};
use tdc_kernel::db::AnyConnection;

pub struct TestDb {
    pub url: String,
    admin_url: Option<String>,
    name: String,
}

/// The PostgreSQL server the tests may create databases on (`TDC_TEST_DATABASE_URL`), without TLS
/// unless the URL asks for it: the server is local, and libpq's OpenSSL, torn down when the test
/// process exits, crashes it (SIGSEGV) while test hubs' threads still hold TLS connections.
fn admin_url() -> Option<String> {
    let url = std::env::var("TDC_TEST_DATABASE_URL").ok().filter(|u| !u.is_empty())?;
    if url.contains("sslmode=") {
        return Some(url);
    }
    Some(format!("{url}{}sslmode=disable", if url.contains('?') { '&' } else { '?' }))
}

impl TestDb {
    /// A database already migrated and bootstrapped, copied from the run's template.
    pub fn from_template(data_dir: &Path) -> TestDb {
        let admin_url = admin_url();
        match super::template::template(admin_url.as_deref()) {
            super::template::Template::Sqlite(file) => {
                std::fs::create_dir_all(data_dir).expect("data directory");
                let target = data_dir.join("hub.db");
                std::fs::copy(file, &target).expect("copy the template");
                TestDb { url: format!("sqlite://{}", target.display()), admin_url: None, name: String::new() }
            }
            super::template::Template::Postgres(template) => {
                let admin_url = admin_url.expect("PostgreSQL URL");
                let name = format!("tdc_e2e_{}", uuid::Uuid::now_v7().simple());
                let mut conn = diesel::PgConnection::establish(&admin_url).expect("PostgreSQL reachable");
                diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {template}"))
                    .execute(&mut conn)
                    .expect("create the test database from the template");
                let url = replace_database(&admin_url, &name);
                TestDb { url, admin_url: Some(admin_url), name }
            }
        }
    }

    /// An empty database (for tests of the first start itself).
    pub fn create(data_dir: &Path) -> TestDb {
        match admin_url() {
            None => TestDb {
                url: format!("sqlite://{}", data_dir.join("hub.db").display()),
                admin_url: None,
                name: String::new(),
            },
            Some(admin_url) => {
                let name = format!("tdc_e2e_{}", uuid::Uuid::now_v7().simple());
                let mut conn = diesel::PgConnection::establish(&admin_url).expect("PostgreSQL reachable");
                diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn).expect("create test database");
                let url = replace_database(&admin_url, &name);
                TestDb { url, admin_url: Some(admin_url), name }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(admin) = &self.admin_url
            && let Ok(mut conn) = diesel::PgConnection::establish(admin)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)).execute(&mut conn);
        }
    }
}

pub fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map(|(b, q)| (b, Some(q))).unwrap_or((url, None));
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    }
}

pub fn connect(url: &str) -> AnyConnection {
    if let Some(path) = url.strip_prefix("sqlite://") {
        AnyConnection::Sqlite(diesel::SqliteConnection::establish(path).expect("open SQLite"))
    } else {
        AnyConnection::Postgresql(diesel::PgConnection::establish(url).expect("open PostgreSQL"))
    }
}
