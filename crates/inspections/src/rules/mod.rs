//! Pure rules of the inspections domain: the plan and inspection lifecycles, when two periods
//! overlap, and how recent an inspection still counts ([`OverlapRules`]).

mod import_lot_lifecycle;
mod inspection_lifecycle;
mod plan_lifecycle;
mod risk;
mod violation_lifecycle;

pub use import_lot_lifecycle::IMPORT_LOT_LIFECYCLE;
pub use inspection_lifecycle::{INSPECTION_LIFECYCLE, OPEN};
pub use plan_lifecycle::{EDITABLE, PLAN_LIFECYCLE, PLANNED};
pub use risk::{INSPECTION_HORIZON_MONTHS, RiskFacts, RiskRules, VIOLATIONS_SATURATION, score};
pub use violation_lifecycle::VIOLATION_LIFECYCLE;

use chrono::NaiveDate;

/// How the hub looks for overlaps when a plan is submitted (configuration, `TDC_RECENT_INSPECTION_MONTHS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverlapRules {
    /// A business inspected (concluded) by another agency within this many months before a
    /// planned period opens a case too; 0 turns that check off.
    pub recent_months: u32,
}

impl Default for OverlapRules {
    fn default() -> OverlapRules {
        OverlapRules { recent_months: 12 }
    }
}

impl OverlapRules {
    /// The first day a planned inspection beginning on `start` counts inspections from.
    pub fn recent_since(&self, start: NaiveDate) -> NaiveDate {
        start.checked_sub_months(chrono::Months::new(self.recent_months)).unwrap_or(NaiveDate::MIN)
    }
}

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
