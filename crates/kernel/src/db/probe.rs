//! The readiness probe: answers quickly, whatever state the database is in.

use std::time::Duration;

/// How long the probe waits for a connection before calling the database unreachable.
const PROBE_TIMEOUT: Duration = Duration::from_secs(1);

/// Why the hub is not ready.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotReady {
    /// No connection within the probe's timeout.
    Unreachable,
    /// The database lacks a migration this binary carries.
    MigrationsPending,
}

/// Checks that the database answers within a second and has every migration.
pub async fn readiness(pool: &super::DbPool) -> Result<(), NotReady> {
    let pool = pool.clone();
    let outcome = actix_web::web::block(move || {
        let mut conn = pool.get_timeout(PROBE_TIMEOUT).map_err(|_| NotReady::Unreachable)?;
        match super::has_pending_migrations(&mut conn) {
            Ok(false) => Ok(()),
            Ok(true) => Err(NotReady::MigrationsPending),
            Err(_) => Err(NotReady::Unreachable),
        }
    })
    .await;
    outcome.unwrap_or(Err(NotReady::Unreachable))
}
