//! Running database work from a handler: on actix's blocking pool, on one pooled connection;
//! writes inside one transaction that commits only if the work succeeds.

use diesel::{Connection, RunQueryDsl};

use super::{AnyConnection, DbPool};
use crate::problem::ApiError;

/// Runs read-only work: on SQLite in one transaction (a snapshot across its queries); on
/// PostgreSQL without one, each statement reading its own snapshot as it would under READ
/// COMMITTED anyway.
pub async fn read<T, F>(pool: &DbPool, work: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    blocking(move || {
        let mut pooled = checkout(&pool)?;
        let conn: &mut AnyConnection = &mut pooled;
        let outcome = match conn.backend() {
            // BEGIN and COMMIT would only cost two round trips.
            super::Backend::Postgres => work(conn),
            super::Backend::Sqlite => conn.transaction(work),
        };
        heal_after(&pool, conn, &outcome);
        outcome
    })
    .await
}

/// Runs a point read — one record by its key, bounded work — on the calling thread when the
/// database is SQLite and a connection is idle: the statement runs in-process in microseconds, and
/// the hop to the blocking pool and back (two thread switches, a fifth of a read's time under
/// load) costs more than it. Otherwise (PostgreSQL, whose round trip would hold the async worker
/// idle; or no idle connection) as [`read`].
pub async fn read_point<T, F>(pool: &DbPool, work: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let idle = if pool.backend() == super::Backend::Sqlite { pool.try_get() } else { None };
    match idle {
        Some(mut pooled) => {
            // A panic (a stored value the hub never wrote) answers 500 as it does on the pool,
            // and leaves the worker serving.
            let conn: &mut AnyConnection = &mut pooled;
            let run = std::panic::AssertUnwindSafe(|| conn.transaction(work));
            let outcome = std::panic::catch_unwind(run)
                .unwrap_or_else(|_| Err(ApiError::Internal("a point read panicked".into())));
            heal_after(pool, &mut pooled, &outcome);
            outcome
        }
        None => read(pool, work).await,
    }
}

/// Runs writing work in one transaction; a failure leaves the database as it was.
pub async fn write<T, F>(pool: &DbPool, work: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    blocking(move || write_blocking(&pool, work)).await
}

/// [`write`] for callers already off the async runtime (the command line, start-up).
///
/// On SQLite the transaction starts with `BEGIN IMMEDIATE`: it takes the write lock first, so
/// concurrent writers queue on `busy_timeout` instead of failing when a read lock cannot upgrade.
pub fn write_blocking<T, F>(pool: &DbPool, work: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, ApiError>,
{
    // The turn first: a writer waiting for it holds no connection that a reader could use.
    let _turn = (pool.backend() == super::Backend::Sqlite).then(|| pool.writer_turn());
    let mut pooled = checkout(pool)?;
    let conn: &mut AnyConnection = &mut pooled;
    crate::changes::begin();
    let work = |c: &mut AnyConnection| {
        let done = work(c)?;
        crate::changes::write_held(c)?; // last: numbered in commit order
        Ok(done)
    };
    let outcome = match conn.backend() {
        super::Backend::Postgres => conn.transaction(work),
        super::Backend::Sqlite => sqlite_immediate(conn, work),
    };
    heal_after(pool, conn, &outcome);
    match outcome {
        Ok(_) => crate::changes::committed(),
        Err(_) => crate::changes::forget_since(0),
    }
    outcome
}

/// Runs `work` in a savepoint of the caller's write transaction and answers what it answered;
/// when `keep` says no, what it did — rows written and changes recorded — is undone and the
/// transaction goes on. The one way to undo part of a transaction (the changes a transaction
/// records are held until it ends, and must be forgotten with the rows).
pub fn savepoint<T>(
    conn: &mut AnyConnection,
    work: impl FnOnce(&mut AnyConnection) -> T,
    keep: impl FnOnce(&T) -> bool,
) -> Result<T, ApiError> {
    let mark = crate::changes::held_mark();
    diesel::sql_query("SAVEPOINT tdc_work").execute(conn)?;
    let done = work(conn);
    if !keep(&done) {
        diesel::sql_query("ROLLBACK TO SAVEPOINT tdc_work").execute(conn)?;
        crate::changes::forget_since(mark);
    }
    diesel::sql_query("RELEASE SAVEPOINT tdc_work").execute(conn)?;
    Ok(done)
}

/// After a server-side failure, replaces the connection if it no longer answers.
fn heal_after<T>(pool: &DbPool, conn: &mut AnyConnection, outcome: &Result<T, ApiError>) {
    if matches!(outcome, Err(ApiError::Unavailable(_) | ApiError::Internal(_))) {
        pool.heal(conn);
    }
}

fn sqlite_immediate<T, F>(conn: &mut AnyConnection, work: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, ApiError>,
{
    diesel::sql_query("BEGIN IMMEDIATE").execute(conn)?;
    let outcome = work(conn);
    let end = if outcome.is_ok() { "COMMIT" } else { "ROLLBACK" };
    if let Err(e) = diesel::sql_query(end).execute(conn) {
        let _ = diesel::sql_query("ROLLBACK").execute(conn);
        return Err(e.into());
    }
    outcome
}

fn checkout(pool: &DbPool) -> Result<super::pool::PooledConnection, ApiError> {
    pool.get().map_err(|e| ApiError::Unavailable(e.to_string()))
}

/// Runs `f` on the blocking pool, off the async workers: database work, and CPU work long enough
/// to stall the requests that share a worker (a capture's checks of a thousand events).
pub async fn blocking<T, F>(f: F) -> Result<T, ApiError>
where
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    actix_web::web::block(f).await.map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))?
}
