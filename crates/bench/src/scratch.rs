//! Where a run keeps its data: a scratch directory, and a scratch database on PostgreSQL (created
//! on the given server, dropped at the end) or the hub's SQLite file in that directory.

use std::path::PathBuf;

use diesel::prelude::*;

/// The run's directory and database.
pub struct Scratch {
    /// Keys and the SQLite file.
    pub dir: PathBuf,
    /// The URL the hub is started with.
    pub database_url: String,
    /// The server's URL and the scratch database's name, on PostgreSQL.
    postgres: Option<(String, String)>,
}

impl Scratch {
    /// A fresh directory, and on `server` (a PostgreSQL URL) a fresh database.
    pub fn create(server: Option<&str>) -> Scratch {
        let dir = std::env::temp_dir().join(format!("tdc-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch directory");
        let Some(server) = server else {
            let database_url = format!("sqlite://{}", dir.join("hub.db").display());
            return Scratch { dir, database_url, postgres: None };
        };
        let name = format!("tdc_bench_{}", std::process::id());
        let mut conn = PgConnection::establish(server).expect("connect to the PostgreSQL server");
        diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn).expect("create the scratch database");
        let base = server.rsplit_once('/').map_or(server, |(base, _)| base);
        let database_url = format!("{base}/{name}");
        Scratch { dir, database_url, postgres: Some((server.to_owned(), name)) }
    }

    /// `sqlite` or `postgresql`.
    pub fn backend(&self) -> &'static str {
        if self.postgres.is_some() { "postgresql" } else { "sqlite" }
    }

    /// Leaves the database as autovacuum does within a minute of a load: the planner's statistics
    /// refreshed and the search indexes' pending entries merged (PostgreSQL; SQLite plans without
    /// them).
    pub fn analyze(&self) {
        if let Some(url) = self.postgres() {
            let mut conn = PgConnection::establish(url).expect("connect for VACUUM ANALYZE");
            diesel::sql_query("VACUUM ANALYZE").execute(&mut conn).expect("VACUUM ANALYZE");
        }
    }

    /// The scratch database's URL, on PostgreSQL.
    pub fn postgres(&self) -> Option<&str> {
        self.postgres.as_ref().map(|_| self.database_url.as_str())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some((server, name)) = &self.postgres
            && let Ok(mut conn) = PgConnection::establish(server)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn);
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
