//! Pure rules of the inspections domain: the plan lifecycle and when two planned periods overlap.

mod plan_lifecycle;

pub use plan_lifecycle::{EDITABLE, PLAN_LIFECYCLE, PLANNED};

use chrono::NaiveDate;

/// The days two inclusive periods share, if any: `(from, to)` of the overlap.
pub fn overlap(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> Option<(NaiveDate, NaiveDate)> {
    let (from, to) = (a.0.max(b.0), a.1.min(b.1));
    (from <= to).then_some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn periods_overlap_on_the_days_they_share() {
        let march = (day("2026-03-01"), day("2026-03-31"));
        assert_eq!(
            overlap(march, (day("2026-03-31"), day("2026-04-30"))),
            Some((day("2026-03-31"), day("2026-03-31")))
        );
        assert_eq!(overlap(march, (day("2026-02-01"), day("2026-06-30"))), Some(march));
        assert_eq!(overlap(march, (day("2026-04-01"), day("2026-04-30"))), None);
        assert_eq!(overlap((day("2026-04-01"), day("2026-04-30")), march), None);
    }
}
