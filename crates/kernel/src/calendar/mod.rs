//! Dates as Vietnam counts them (UTC+7, no daylight saving): deadlines, consultation windows and
//! effective dates are calendar days in Vietnam; statutory periods count working days — weekdays
//! that are no day off by law, Tết and the Hùng Kings' day computed from Vietnam's lunar calendar
//! (`lunar.rs`, `holidays.rs`, checked against the PyPI package `holidays` for 2020–2035).

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Today's date in Vietnam.
pub fn today() -> NaiveDate {
    day_of(Utc::now())
}

/// The date in Vietnam at an instant.
pub fn day_of(at: DateTime<Utc>) -> NaiveDate {
    (at + Duration::hours(7)).date_naive()
}

/// The date in Vietnam at an instant stored as UTC (the hub's timestamp columns).
pub fn day_of_utc(at: chrono::NaiveDateTime) -> NaiveDate {
    (at + Duration::hours(7)).date()
}

/// The UTC instants Vietnam's days `first` to `last` span: `first`'s midnight, and the midnight
/// after `last` (excluded) — what a period of days is filtered by in the hub's timestamp columns.
pub fn utc_span(first: NaiveDate, last: NaiveDate) -> (chrono::NaiveDateTime, chrono::NaiveDateTime) {
    let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default() - Duration::hours(7);
    (midnight(first), midnight(last + Duration::days(1)))
}

mod decided;
mod holidays;
pub mod http;
mod lunar;

pub use decided::{Calendar, CalendarDay, DayKind, DaySource, Deadline, DecidedDayInput};
pub use holidays::{days_off, named_days_off};
pub use lunar::solar as lunar_to_solar;

/// Whether `day` is a working day in Vietnam by law alone: a weekday that is no day off by law
/// ([`days_off`]). Deadlines count the recorded decisions too: [`Calendar`].
pub fn is_working_day(day: NaiveDate) -> bool {
    use chrono::Datelike;
    !matches!(day.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) && !days_off(day.year()).contains(&day)
}

/// The `n`-th working day after `from` by law alone (`from` itself does not count); deadlines count
/// the recorded decisions too: [`Calendar::add_working_days`].
pub fn add_working_days(from: NaiveDate, n: u32) -> NaiveDate {
    let (mut day, mut left) = (from, n);
    while left > 0 {
        day += Duration::days(1);
        if is_working_day(day) {
            left -= 1;
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_working_days_from_before_tet_end_after_it() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(add_working_days(day("2026-02-12"), 5), day("2026-02-26"), "Thu 12 Feb: Fri 13, then Tết to Fri 20");
        assert_eq!(add_working_days(day("2026-11-27"), 1), day("2026-11-30"));
        assert!(!is_working_day(day("2026-04-27")), "the Hùng Kings' day (Sunday 26 April) is observed on Monday");
    }
}
