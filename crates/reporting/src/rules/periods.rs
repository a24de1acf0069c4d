//! Report periods: a quarter (`2026-Q3`) or a year (`2026`), their first and last days, and the
//! deadline a template sets — `due_day` of the month `due_month_offset` months from the period's
//! last month (a shorter month: its last day).

use chrono::{Datelike, NaiveDate};

use crate::model::Frequency;

/// The first and last days of `period` for `frequency`, if it names one (2000 to 2100).
pub fn bounds(frequency: Frequency, period: &str) -> Option<(NaiveDate, NaiveDate)> {
    let (year, quarter) = match (frequency, period.split_once("-Q")) {
        (Frequency::Quarterly, Some((y, q))) => (y.parse::<i32>().ok()?, q.parse::<u32>().ok()?),
        (Frequency::Annual, None) => (period.parse::<i32>().ok()?, 0),
        _ => return None,
    };
    if !(2000..=2100).contains(&year) || period.len() != if quarter == 0 { 4 } else { 7 } {
        return None;
    }
    let (first, last) = match quarter {
        0 => (1, 12),
        1..=4 => (quarter * 3 - 2, quarter * 3),
        _ => return None,
    };
    Some((NaiveDate::from_ymd_opt(year, first, 1)?, month_end(year, last)?))
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    next.pred_opt()
}

/// The deadline of a period ending on `end`.
pub fn due_on(end: NaiveDate, due_month_offset: i32, due_day: u32) -> Option<NaiveDate> {
    let months = end.year() * 12 + end.month0() as i32 + due_month_offset;
    let (year, month) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
    let last = month_end(year, month)?;
    NaiveDate::from_ymd_opt(year, month, due_day.min(last.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn quarters_years_and_their_deadlines() {
        assert_eq!(bounds(Frequency::Quarterly, "2026-Q3"), Some((day("2026-07-01"), day("2026-09-30"))));
        assert_eq!(bounds(Frequency::Annual, "2026"), Some((day("2026-01-01"), day("2026-12-31"))));
        assert_eq!(bounds(Frequency::Quarterly, "2026"), None);
        assert_eq!(bounds(Frequency::Quarterly, "2026-Q5"), None);
        assert_eq!(bounds(Frequency::Annual, "1999"), None);
        assert_eq!(
            due_on(day("2026-09-30"), 0, 25),
            Some(day("2026-09-25")),
            "before the 25th of the quarter's last month"
        );
        assert_eq!(due_on(day("2026-12-31"), -1, 30), Some(day("2026-11-30")), "Hưng Yên: before 30 November");
        assert_eq!(due_on(day("2026-12-31"), 1, 31), Some(day("2027-01-31")));
        assert_eq!(due_on(day("2026-12-31"), 2, 31), Some(day("2027-02-28")), "a shorter month: its last day");
    }
}
