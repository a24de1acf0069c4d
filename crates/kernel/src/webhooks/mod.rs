//! Webhooks: a client subscribes to kinds of change of the feed; the dispatcher enqueues each
//! matching change it may read on the job queue, in the transaction that moves the subscription's
//! position (`dispatch.rs`); the delivery worker POSTs it signed per Standard Webhooks and the
//! queue retries it with a growing delay until it is given up as dead (`deliver.rs`). Secrets are
//! sealed at rest (`seal.rs`); a rotation keeps the old one signing for a day.

mod deliver;
mod dispatch;
pub mod http;
mod model;
mod sign;
mod store;

pub use deliver::{WebhookSettings, spawn};
pub use model::*;
pub use sign::{new_secret, signature};
pub use store::{KIND, ROTATION_OVERLAP_HOURS, positions};
