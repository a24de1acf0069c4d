//! Wakes the change feed's long polls when a write transaction of this instance commits; a poll
//! also looks again every quarter of a second, for what other instances commit.

use std::sync::LazyLock;
use std::time::Duration;

use tokio::sync::Notify;

static COMMITTED: LazyLock<Notify> = LazyLock::new(Notify::new);

/// How long a long poll waits between two looks at the database.
pub(super) const LOOK_AGAIN: Duration = Duration::from_millis(250);

/// Tells the waiting followers that a write transaction committed.
pub fn committed() {
    COMMITTED.notify_waiters();
}

/// A wait for the next commit of this instance, armed at once (a commit made between now and
/// the wait is not missed).
pub(super) fn next_commit() -> std::pin::Pin<Box<tokio::sync::futures::Notified<'static>>> {
    let mut notified = Box::pin(COMMITTED.notified());
    notified.as_mut().enable();
    notified
}

/// The longest a long poll of the feed waits, whatever it asks (`TDC_FEED_MAX_WAIT`): below a
/// proxy's read timeout.
#[derive(Debug, Clone, Copy)]
pub struct FeedMaxWait(pub Duration);

impl Default for FeedMaxWait {
    fn default() -> FeedMaxWait {
        FeedMaxWait(Duration::from_secs(30))
    }
}
