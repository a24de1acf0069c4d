//! Request and response types of the regulations domain.

mod standard;

pub use standard::{Standard, StandardInput, StandardListQuery, StandardPage, StandardStatus};

use chrono::{DateTime, NaiveDateTime, Utc};

/// A stored UTC timestamp as the API shows it.
pub(crate) fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(t, Utc)
}
