//! Work the hub does by itself as days pass (a certificate's expiry, and later deadlines): each
//! domain offers [`Job`]s; the gateway runs them every interval, in write transactions of at most
//! one batch each, until a run handles less than a batch. Running on several instances at once is
//! safe: every job updates only the version it read, so a race loses one transaction, which the
//! next run repeats.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;

use crate::db::{self, AnyConnection, DbPool};
use crate::problem::ApiError;

/// One batch of a job: given a connection in a write transaction and today's date (Vietnam time),
/// handle at most `batch` due items; answer how many were handled.
pub type Run = Arc<dyn Fn(&mut AnyConnection, NaiveDate) -> Result<usize, ApiError> + Send + Sync>;

/// A job the hub runs by itself.
#[derive(Clone)]
pub struct Job {
    /// Its name, for the logs.
    pub name: &'static str,
    /// The most items one run handles (one transaction).
    pub batch: usize,
    /// One run.
    pub run: Run,
}

/// Runs every job until each has nothing more due; answers how many items each handled.
pub async fn run_due(pool: &DbPool, jobs: &[Job]) -> Vec<(&'static str, usize)> {
    let mut done = Vec::with_capacity(jobs.len());
    for job in jobs {
        let mut handled = 0;
        loop {
            let run = job.run.clone();
            match db::write(pool, move |c| run(c, crate::calendar::today())).await {
                Ok(n) => {
                    handled += n;
                    if n < job.batch {
                        break;
                    }
                }
                Err(e) => {
                    tracing::warn!(job = job.name, error = %e, "a scheduled job failed; the next run repeats it");
                    break;
                }
            }
        }
        if handled > 0 {
            tracing::info!(job = job.name, handled, "scheduled job ran");
        }
        done.push((job.name, handled));
    }
    done
}

/// Runs the jobs now and then every `every`, on the current actix system (so they stop with it).
pub fn spawn(pool: DbPool, every: Duration, jobs: Vec<Job>) {
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(every);
        loop {
            tick.tick().await;
            run_due(&pool, &jobs).await;
        }
    });
}
