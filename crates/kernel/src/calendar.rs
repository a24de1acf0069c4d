//! Dates as Vietnam counts them (UTC+7, no daylight saving): deadlines, consultation windows and
//! effective dates are calendar days in Vietnam.

use chrono::{Duration, NaiveDate, Utc};

/// Today's date in Vietnam.
pub fn today() -> NaiveDate {
    (Utc::now() + Duration::hours(7)).date_naive()
}
