//! The connection pool: our own r2d2 manager, so the backend comes from the URL scheme and
//! PostgreSQL's real connection error reaches the operator.

use std::path::Path;
use std::time::Duration;

use diesel::{Connection, RunQueryDsl};

use super::AnyConnection;

/// The pool every request borrows from. A connection is not tested when it is borrowed (that
/// would cost every request a round trip); one that fails is tested after the failure and, if
/// it no longer answers, replaced in place ([`DbPool::heal`]).
#[derive(Clone)]
pub struct DbPool {
    inner: r2d2::Pool<AnyManager>,
    manager: std::sync::Arc<AnyManager>,
}

/// A connection borrowed from the pool.
pub type PooledConnection = r2d2::PooledConnection<AnyManager>;

impl DbPool {
    /// A connection, waiting up to the pool's acquire timeout.
    pub fn get(&self) -> Result<PooledConnection, r2d2::Error> {
        self.inner.get()
    }

    /// A connection, waiting up to `timeout`.
    pub fn get_timeout(&self, timeout: Duration) -> Result<PooledConnection, r2d2::Error> {
        self.inner.get_timeout(timeout)
    }

    /// How many connections are open and idle.
    pub fn state(&self) -> r2d2::State {
        self.inner.state()
    }

    /// The most connections open at once.
    pub fn max_size(&self) -> u32 {
        self.inner.max_size()
    }

    /// After a failure on `conn`: if it no longer answers `SELECT 1` (the server restarted, the
    /// network dropped it), replaces it with a new connection, so the pool does not keep handing
    /// out a dead one.
    pub fn heal(&self, conn: &mut AnyConnection) {
        use r2d2::ManageConnection;
        if self.manager.is_valid(conn).is_err()
            && let Ok(fresh) = self.manager.connect()
        {
            *conn = fresh;
        }
    }
}

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
    let inner = r2d2::Pool::builder()
        .max_size(options.max_size)
        .min_idle(Some(1))
        .test_on_check_out(false)
        .connection_timeout(options.acquire_timeout)
        .build(AnyManager { url: url.to_owned(), backend })
        .map_err(|e| e.to_string())?;
    Ok(DbPool { inner, manager: std::sync::Arc::new(manager) })
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

    /// A connection whose transaction state diesel lost track of (a failed `ROLLBACK`) is not
    /// reused.
    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        diesel::r2d2::R2D2Connection::is_broken(conn)
    }
}
