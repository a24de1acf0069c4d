//! The embedded migrations, one tree per backend, applied at start or by `tdc-hub migrate`.

use diesel::RunQueryDsl;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::AnyConnection;

const POSTGRES: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");
const SQLITE: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");

/// A lock id that keeps two hub instances from migrating the same PostgreSQL database at once.
const PG_MIGRATION_LOCK: i64 = 0x0074_6463_5f68_7562; // "tdc_hub" in ASCII

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Applies every pending migration; returns the versions applied, oldest first.
pub fn run_migrations(conn: &mut AnyConnection) -> Result<Vec<String>, BoxError> {
    let applied = match conn {
        AnyConnection::Postgresql(c) => {
            diesel::sql_query(format!("SELECT pg_advisory_lock({PG_MIGRATION_LOCK})")).execute(c)?;
            let result = c.run_pending_migrations(POSTGRES).map(versions);
            diesel::sql_query(format!("SELECT pg_advisory_unlock({PG_MIGRATION_LOCK})")).execute(c)?;
            result?
        }
        AnyConnection::Sqlite(c) => c.run_pending_migrations(SQLITE).map(versions)?,
    };
    Ok(applied)
}

fn versions(list: Vec<diesel::migration::MigrationVersion<'_>>) -> Vec<String> {
    list.into_iter().map(|v| v.to_string()).collect()
}

/// Whether the database lacks a migration this binary carries.
pub fn has_pending_migrations(conn: &mut AnyConnection) -> Result<bool, BoxError> {
    match conn {
        AnyConnection::Postgresql(c) => c.has_pending_migration(POSTGRES),
        AnyConnection::Sqlite(c) => c.has_pending_migration(SQLITE),
    }
}

/// How many migrations the database has applied.
pub fn applied_migration_count(conn: &mut AnyConnection) -> Result<usize, BoxError> {
    let list = match conn {
        AnyConnection::Postgresql(c) => c.applied_migrations()?,
        AnyConnection::Sqlite(c) => c.applied_migrations()?,
    };
    Ok(list.len())
}
