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

/// Inserts many rows with one statement (`INSERT … VALUES (…), (…)`) on either backend — what
/// diesel's multi-backend connection cannot express: `insert_many!(conn, changes::table, &rows)`.
/// The row type derives `Insertable` with `treat_none_as_default_value = false` (SQLite's
/// multi-row insert has no `DEFAULT`). Keep a statement under SQLite's 32,766 parameters.
#[macro_export]
macro_rules! insert_many {
    ($conn:expr, $table:expr, $rows:expr) => {{
        use diesel::RunQueryDsl as _;
        match $conn {
            $crate::db::AnyConnection::Postgresql(c) => diesel::insert_into($table).values($rows).execute(c),
            $crate::db::AnyConnection::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    }};
}
