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

/// The most rows one multi-row insert carries (SQLite allows 32,766 parameters: 500 rows of up to
/// 65 columns).
pub const INSERT_CHUNK: usize = 500;

/// Inserts a slice of rows with multi-row statements (`INSERT … VALUES (…), (…)`, at most
/// [`INSERT_CHUNK`] rows each) on either backend — what diesel's multi-backend connection cannot
/// express: `insert_many!(conn, changes::table, &rows)`; answers how many rows it inserted. The
/// row type derives `Insertable` with `treat_none_as_default_value = false` (SQLite's multi-row
/// insert has no `DEFAULT`).
#[macro_export]
macro_rules! insert_many {
    ($conn:expr, $table:expr, $rows:expr) => {{
        use diesel::RunQueryDsl as _;
        let conn: &mut $crate::db::AnyConnection = $conn;
        let mut inserted: diesel::QueryResult<usize> = Ok(0);
        for chunk in $rows.chunks($crate::db::INSERT_CHUNK) {
            let n = match &mut *conn {
                $crate::db::AnyConnection::Postgresql(c) => diesel::insert_into($table).values(chunk).execute(c),
                $crate::db::AnyConnection::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c),
            };
            inserted = inserted.and_then(|total| n.map(|n| total + n));
            if inserted.is_err() {
                break;
            }
        }
        inserted
    }};
}
