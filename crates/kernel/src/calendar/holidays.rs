//! Vietnam's days off by law (Labour Code 2019 Art. 112; Vietnam Cultural Day from 2026): New Year,
//! Tết — five working days around the lunar new year — the Hùng Kings' day, 30 April, 1 May,
//! National Day with its adjacent day (from 2021), 24 November (from 2026), and, for a fixed
//! holiday on a weekend, the next working day (Art. 112.3). Days the government swaps by decision
//! in a given year are not computed: they are recorded.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::lunar::solar;

/// Whether `day` is a Saturday or a Sunday.
pub(super) fn weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// Tết: the lunar year's last day and the new year's first four, widened to five working days —
/// the day before the eve first, then the fifth day — when weekends take some.
fn tet(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let first = solar(1, 1, year);
    let names = ["Tất niên (30 Tết)", "Mùng 1 Tết", "Mùng 2 Tết", "Mùng 3 Tết", "Mùng 4 Tết"];
    let mut days: Vec<(NaiveDate, &'static str)> =
        (-1..=3).zip(names).map(|(d, name)| (first + Duration::days(d), name)).collect();
    let mut missing = days.iter().filter(|(d, _)| weekend(*d)).count();
    for (extra, name) in [(first - Duration::days(2), "29 Tết"), (first + Duration::days(4), "Mùng 5 Tết")] {
        if missing > 0 && !weekend(extra) {
            days.push((extra, name));
            missing -= 1;
        }
    }
    days
}

/// National Day and, from 2021, its adjacent day: the 3rd when the 2nd is a Sunday, Monday or
/// Thursday (so the break joins a weekend), else the 1st.
fn national_day(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let second = (ymd(year, 9, 2), "Quốc khánh");
    if year < 2021 {
        return vec![second];
    }
    let adjacent = match second.0.weekday() {
        Weekday::Sun | Weekday::Mon | Weekday::Thu => ymd(year, 9, 3),
        _ => ymd(year, 9, 1),
    };
    vec![second, (adjacent, "Quốc khánh (ngày liền kề)")]
}

/// Every day off by law in `year`, weekends aside, with its name.
pub fn named_days_off(year: i32) -> BTreeMap<NaiveDate, &'static str> {
    let mut fixed = vec![
        (ymd(year, 1, 1), "Tết Dương lịch"),
        (solar(10, 3, year), "Giỗ Tổ Hùng Vương"),
        (ymd(year, 4, 30), "Ngày Chiến thắng"),
        (ymd(year, 5, 1), "Ngày Quốc tế Lao động"),
    ];
    fixed.extend(national_day(year));
    if year >= 2026 {
        fixed.push((ymd(year, 11, 24), "Ngày Văn hóa Việt Nam"));
    }
    fixed.sort();
    let mut off: BTreeMap<NaiveDate, &'static str> = fixed.iter().copied().chain(tet(year)).collect();
    for (day, _) in fixed.into_iter().filter(|(d, _)| weekend(*d)) {
        let mut next = day + Duration::days(1);
        while weekend(next) || off.contains_key(&next) {
            next += Duration::days(1);
        }
        off.insert(next, "Nghỉ bù");
    }
    off
}

/// Every day off by law in `year`, weekends aside.
pub fn days_off(year: i32) -> BTreeSet<NaiveDate> {
    named_days_off(year).into_keys().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    include!("holidays_independent.rs");

    #[test]
    fn the_computed_days_off_match_an_independent_source_for_2020_to_2035() {
        for year in 2020..=2035 {
            let computed: Vec<String> = days_off(year).iter().map(|d| d.to_string()).collect();
            let expected: Vec<&str> =
                INDEPENDENT.iter().copied().filter(|d| d.starts_with(&year.to_string())).collect();
            assert_eq!(computed, expected, "{year}");
        }
        assert!(SWAPPED.iter().all(|d| !INDEPENDENT.contains(d)));
    }
}
