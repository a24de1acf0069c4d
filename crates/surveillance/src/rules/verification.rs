//! Where an instrument's verification stands on a day, the month a list asks for, and the period
//! a figure is kept for.

use chrono::{Duration, NaiveDate};

use crate::model::VerificationStatus;

/// How many days before its end a verification counts as due.
pub const DUE_WITHIN_DAYS: i64 = 30;

/// The status of a verification ending on `valid_until`, on `today`.
pub fn status(valid_until: Option<NaiveDate>, today: NaiveDate) -> VerificationStatus {
    match valid_until {
        None => VerificationStatus::Unverified,
        Some(end) if end < today => VerificationStatus::Overdue,
        Some(end) if end <= today + Duration::days(DUE_WITHIN_DAYS) => VerificationStatus::Due,
        Some(_) => VerificationStatus::Valid,
    }
}

/// The first and last day of month `text` (`2026-12`), if it is one.
pub fn month(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok().filter(|_| text.len() == 7)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some((first, next - Duration::days(1)))
}

/// Whether `text` names a period: a year (`2026`), a quarter (`2026-Q3`) or a month (`2026-09`).
pub fn period_is_valid(text: &str) -> bool {
    let year = |y: &str| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit());
    match text.split_once('-') {
        None => year(text),
        Some((y, q)) if q.starts_with('Q') => year(y) && matches!(q, "Q1" | "Q2" | "Q3" | "Q4"),
        Some((y, m)) => year(y) && m.len() == 2 && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_verification_is_due_within_thirty_days_and_overdue_after_its_last_day() {
        let today = day("2026-12-01");
        assert_eq!(status(None, today), VerificationStatus::Unverified);
        assert_eq!(status(Some(day("2026-11-30")), today), VerificationStatus::Overdue);
        assert_eq!(status(Some(today), today), VerificationStatus::Due);
        assert_eq!(status(Some(day("2026-12-31")), today), VerificationStatus::Due);
        assert_eq!(status(Some(day("2027-01-01")), today), VerificationStatus::Valid);
    }

    #[test]
    fn a_month_is_its_first_and_last_day() {
        assert_eq!(month("2026-02"), Some((day("2026-02-01"), day("2026-02-28"))));
        assert_eq!(month("2026-12"), Some((day("2026-12-01"), day("2026-12-31"))));
        assert_eq!(month("2026-13"), None);
        assert_eq!(month("2026-1"), None);
    }

    #[test]
    fn a_period_is_a_year_a_quarter_or_a_month() {
        assert!(period_is_valid("2026") && period_is_valid("2026-Q4") && period_is_valid("2026-09"));
        assert!(!period_is_valid("2026-Q5") && !period_is_valid("2026-13") && !period_is_valid("26-01"));
    }
}
