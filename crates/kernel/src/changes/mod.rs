//! Every committed change, recorded in the same transaction as the change itself: the history
//! of each record and the change feed other systems follow.
//!
//! Sequence numbers are gapless and in commit order; how they are given without making writers
//! wait for each other is [`numbering`]'s story.

mod audit;
pub mod http;
mod model;
mod notify;
mod numbering;
mod recorded;
mod store;

pub use audit::{AuditBreak, AuditReport, verify};
pub use model::{Actor, Change, ChangeEvent, ChangePage, FeedEntities, FeedQuery, HistoryEntry, HistoryPage};
pub use notify::{FeedMaxWait, committed};
pub(crate) use numbering::{begin, forget_since, held_mark, write_held};
pub use recorded::{Recorded, record_row, record_rows};
pub use store::{ChangeTally, CountedChange, changes_of, counts, feed, head, history, record, recorded, tally};

use crate::auth::Scope;

/// Follow the change feed.
pub const CHANGES_READ: &str = "changes:read";

/// Verify the audit trail (DOST's administrators).
pub const AUDIT_READ: &str = "audit:read";

/// The change feed's scope, for every role, and the audit trail's, for DOST's administrators.
pub const SCOPES: &[Scope] = &[
    Scope { name: CHANGES_READ, description: "Follow the change feed", roles: Scope::EVERYONE },
    Scope { name: AUDIT_READ, description: "Verify the audit trail", roles: Scope::ADMINS },
];
