//! The database: one code path over SQLite (embedded default) and PostgreSQL (production).
//!
//! The backend is picked from the URL scheme; every query goes through [`AnyConnection`].
//! Handlers reach the database only through [`read`] and [`write`], which run the work on a
//! pooled connection on actix's blocking pool, inside one transaction.

mod connection;
mod errors;
mod migrate;
mod pool;
mod probe;
mod rule;
pub mod schema;
mod tx;

pub use connection::{AnyConnection, INSERT_CHUNK, MultiBackend};
pub use errors::{is_unique_violation, unique};
pub use migrate::{applied_migration_count, has_pending_migrations, run_migrations};
pub use pool::{Backend, DbPool, PoolOptions, open_pool};
pub use probe::{NotReady, readiness};
pub use rule::SqlRule;
pub use tx::{blocking, read, read_point, savepoint, write, write_blocking};

/// Current time truncated to microseconds (both databases keep microseconds), in UTC.
pub fn now() -> chrono::NaiveDateTime {
    use chrono::{SubsecRound, Utc};
    Utc::now().naive_utc().trunc_subsecs(6)
}
