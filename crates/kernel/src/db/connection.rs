//! [`AnyConnection`]: the diesel multi-connection over both backends.
// The derive generates public items (`MultiBackend` and its methods) that cannot carry docs.
#![allow(missing_docs)]

use super::Backend;

/// A connection to either backend. Queries written against it run on both.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    /// PostgreSQL, for production.
    Postgresql(diesel::PgConnection),
    /// SQLite (bundled, WAL), the embedded default.
    Sqlite(diesel::SqliteConnection),
}

impl AnyConnection {
    /// Which backend this connection talks to.
    pub fn backend(&self) -> Backend {
        match self {
            AnyConnection::Postgresql(_) => Backend::Postgres,
            AnyConnection::Sqlite(_) => Backend::Sqlite,
        }
    }
}
