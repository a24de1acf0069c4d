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
    writer: std::sync::Arc<std::sync::Mutex<()>>,
    /// While a clone of the pool lives, SQLite's checkpointer runs ([`spawn_checkpointer`]).
    _alive: std::sync::Arc<()>,
}

/// A connection borrowed from the pool.
pub type PooledConnection = r2d2::PooledConnection<AnyManager>;

impl DbPool {
    /// A connection, waiting up to the pool's acquire timeout.
    pub fn get(&self) -> Result<PooledConnection, r2d2::Error> {
        self.inner.get()
    }

    /// The database the pool connects to.
    pub fn backend(&self) -> Backend {
        self.manager.backend
    }

    /// An idle connection, if one is at hand now (none is opened or waited for).
    pub fn try_get(&self) -> Option<PooledConnection> {
        self.inner.try_get()
    }

    /// A connection, waiting up to `timeout`.
    pub fn get_timeout(&self, timeout: Duration) -> Result<PooledConnection, r2d2::Error> {
        self.inner.get_timeout(timeout)
    }

    /// This process's turn to write (SQLite): SQLite admits one writer at a time, and a writer
    /// that finds the lock taken sleeps in `busy_timeout`'s coarse steps (up to 100 ms), so the
    /// process's writers queue here first and each starts the moment the one before commits.
    /// Other processes on the same file still meet `busy_timeout`.
    pub fn writer_turn(&self) -> std::sync::MutexGuard<'_, ()> {
        self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
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
    let alive = std::sync::Arc::new(());
    if backend == Backend::Sqlite {
        spawn_checkpointer(url, std::sync::Arc::downgrade(&alive));
    }
    Ok(DbPool { inner, manager: std::sync::Arc::new(manager), writer: Default::default(), _alive: alive })
}

/// How often SQLite's write-ahead log is copied back into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

/// Copies SQLite's write-ahead log back into the database file from a thread of its own, while
/// the pool lives. The pool's connections do not checkpoint (`wal_autocheckpoint = 0`): left to
/// them, the commit that crosses the log's threshold copies and syncs thousands of pages before
/// it returns, and every writer waits behind it. A passive checkpoint blocks no reader or writer.
fn spawn_checkpointer(url: &str, alive: std::sync::Weak<()>) {
    let path = sqlite_path(url).to_owned();
    let work = move || {
        let Ok(mut conn) = diesel::SqliteConnection::establish(&path) else { return };
        let _ = diesel::sql_query("PRAGMA busy_timeout = 1000").execute(&mut conn);
        while alive.upgrade().is_some() {
            std::thread::sleep(CHECKPOINT_EVERY);
            if let Err(e) = diesel::sql_query("PRAGMA wal_checkpoint(PASSIVE)").execute(&mut conn) {
                tracing::debug!(error = %e, "checkpoint skipped");
            }
        }
    };
    if let Err(e) = std::thread::Builder::new().name("sqlite-checkpoint".into()).spawn(work) {
        tracing::warn!(error = %e, "no checkpoint thread: the log grows until the hub stops");
    }
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

/// Each SQLite connection's settings: wait up to 10 s for another process's write lock; foreign
/// keys enforced; commits written to the log but not synced (a power cut may lose the last ones,
/// never the database's consistency); no checkpoint inside a commit ([`spawn_checkpointer`] does
/// them); the log cut back to 64 MiB after one. (A memory map made reads of a large file faster
/// but counted every page it touched in the hub's memory: 590 MiB under the benchmark's reads.)
const SQLITE_SETTINGS: [&str; 5] = [
    "PRAGMA busy_timeout = 10000",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA wal_autocheckpoint = 0",
    "PRAGMA journal_size_limit = 67108864",
];

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
                for pragma in SQLITE_SETTINGS {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer's commit leaves its pages in the log; the pool's thread copies them into the
    /// database file within a few checkpoint intervals, without anyone committing again.
    #[test]
    fn the_pools_thread_checkpoints_what_writers_commit() {
        let dir = std::env::temp_dir().join(format!("tdc-checkpoint-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let file = dir.join("hub.db");
        let url = format!("sqlite://{}", file.display());
        let options = PoolOptions { max_size: 2, acquire_timeout: Duration::from_secs(5) };
        let pool = open_pool(&url, &options).expect("a pool");
        let size = || std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        let before = size();
        let write = super::super::write_blocking(&pool, |c| {
            diesel::sql_query("CREATE TABLE t (x TEXT)").execute(c)?;
            diesel::sql_query(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) \
                 INSERT INTO t SELECT hex(randomblob(500)) FROM n",
            )
            .execute(c)?;
            Ok(())
        });
        write.expect("the write");
        assert!(size() < before + 1_000_000, "a commit does not checkpoint: the rows wait in the log");
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while size() < before + 1_000_000 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(size() >= before + 1_000_000, "the checkpoint thread copied the log into the file");
        drop(pool);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
