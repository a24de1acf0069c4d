//! Dates as Vietnam counts them (UTC+7, no daylight saving): deadlines, consultation windows and
//! effective dates are calendar days in Vietnam.

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Today's date in Vietnam.
pub fn today() -> NaiveDate {
    day_of(Utc::now())
}

/// The date in Vietnam at an instant.
pub fn day_of(at: DateTime<Utc>) -> NaiveDate {
    (at + Duration::hours(7)).date_naive()
}
