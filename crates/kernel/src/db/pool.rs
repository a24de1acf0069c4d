//! The connection pool: our own r2d2 manager, so the backend comes from the URL scheme and
//! PostgreSQL's real connection error reaches the operator.

use std::path::Path;
use std::time::Duration;

use diesel::{Connection, RunQueryDsl};

use super::AnyConnection;

/// The pool every request borrows from.
pub type DbPool = r2d2::Pool<AnyManager>;

/// Which database a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite://path`
    Sqlite,
    /// `postgres://…` or `postgresql://…`
    Postgres,
}

impl Backend {
    /// The backend named by a database URL's scheme, or an explanation.
    pub fn from_url(url: &str) -> Result<Backend, String> {
        if url.starts_with("sqlite://") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err("must start with sqlite:// or postgres://".into())
        }
    }

    /// Lower-case name for logs and the service description.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgresql",
        }
    }
}

/// Pool sizing.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    /// Most connections open at once.
    pub max_size: u32,
    /// How long a request waits for a connection before it is answered 503.
    pub acquire_timeout: Duration,
}

/// Opens (and creates, for SQLite) the database and returns a pool over it.
pub fn open_pool(url: &str, options: &PoolOptions) -> Result<DbPool, String> {
    let backend = Backend::from_url(url)?;
    let manager = AnyManager { url: url.to_owned(), backend };
    if backend == Backend::Sqlite {
        prepare_sqlite_file(url)?;
    }
    r2d2::Pool::builder()
        .max_size(options.max_size)
        .min_idle(Some(1))
        .connection_timeout(options.acquire_timeout)
        .build(manager)
        .map_err(|e| e.to_string())
}

/// Creates the SQLite file's directory and switches the file to WAL once, on one connection,
/// before the pool opens the others (several switching at once fail with "database is locked").
fn prepare_sqlite_file(url: &str) -> Result<(), String> {
    let path = sqlite_path(url);
    if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut conn = diesel::SqliteConnection::establish(path).map_err(|e| e.to_string())?;
    diesel::sql_query("PRAGMA journal_mode = WAL").execute(&mut conn).map_err(|e| e.to_string())?;
    Ok(())
}

fn sqlite_path(url: &str) -> &str {
    url.trim_start_matches("sqlite://")
}

/// An r2d2 manager that opens connections of the URL's backend.
#[derive(Debug)]
pub struct AnyManager {
    url: String,
    backend: Backend,
}

impl r2d2::ManageConnection for AnyManager {
    type Connection = AnyConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, Self::Error> {
        let conn = match self.backend {
            Backend::Postgres => {
                let mut c = diesel::PgConnection::establish(&self.url).map_err(diesel::r2d2::Error::ConnectionError)?;
                diesel::sql_query("SET TIME ZONE 'UTC'").execute(&mut c).map_err(diesel::r2d2::Error::QueryError)?;
                AnyConnection::Postgresql(c)
            }
            Backend::Sqlite => {
                let mut c = diesel::SqliteConnection::establish(sqlite_path(&self.url))
                    .map_err(diesel::r2d2::Error::ConnectionError)?;
                for pragma in ["PRAGMA busy_timeout = 10000", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL"]
                {
                    diesel::sql_query(pragma).execute(&mut c).map_err(diesel::r2d2::Error::QueryError)?;
                }
                AnyConnection::Sqlite(c)
            }
        };
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), Self::Error> {
        diesel::sql_query("SELECT 1").execute(conn).map(|_| ()).map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut AnyConnection) -> bool {
        false
    }
}
