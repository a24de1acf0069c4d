//! Vietnam's lunisolar calendar, computed for UTC+7 (it differs from China's, computed for UTC+8,
//! in some years): the astronomical algorithm of Hồ Ngọc Đức — new moons after Meeus, the winter
//! solstice's month as the 11th, a leap month where a year holds 13 new moons.

use std::f64::consts::PI;

use chrono::NaiveDate;

/// Vietnam's time zone, in hours.
const ZONE: f64 = 7.0;

/// The Julian day number of a Gregorian date.
fn julian_day(date: NaiveDate) -> i64 {
    use chrono::Datelike;
    let (d, m, y) = (i64::from(date.day()), i64::from(date.month()), i64::from(date.year()));
    let a = (14 - m) / 12;
    let (y, m) = (y + 4800 - a, m + 12 * a - 3);
    d + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
}

/// The Gregorian date of a Julian day number.
fn date_of(jd: i64) -> NaiveDate {
    let a = jd + 32044;
    let b = (4 * a + 3) / 146097;
    let c = a - b * 146097 / 4;
    let d = (4 * c + 3) / 1461;
    let e = c - 1461 * d / 4;
    let m = (5 * e + 2) / 153;
    let day = e - (153 * m + 2) / 5 + 1;
    let month = m + 3 - 12 * (m / 10);
    let year = b * 100 + d - 4800 + m / 10;
    NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32).unwrap_or_default()
}

/// The day (Julian day number, in Vietnam) of the `k`-th new moon after 1900-01-01.
fn new_moon(k: i64) -> i64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3, dr) = (t * t, t * t * t, PI / 180.0);
    let mut jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 += 0.00033 * ((166.56 + 132.87 * t - 0.009173 * t2) * dr).sin();
    let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    let mut c1 = (0.1734 - 0.000393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = match t < -11.0 {
        true => 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3,
        false => -0.000278 + 0.000265 * t + 0.000262 * t2,
    };
    (jd1 + c1 - delta_t + 0.5 + ZONE / 24.0).floor() as i64
}

/// The sun's longitude at the start of day `jd` in Vietnam, as one of 12 sectors of 30°.
fn sun_sector(jd: i64) -> i64 {
    let t = (jd as f64 - 2451545.5 - ZONE / 24.0) / 36525.0;
    let (t2, dr) = (t * t, PI / 180.0);
    let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    let mut dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * (dr * m).sin();
    dl += (0.019993 - 0.000101 * t) * (dr * 2.0 * m).sin() + 0.000290 * (dr * 3.0 * m).sin();
    let mut l = (l0 + dl) * dr;
    l -= PI * 2.0 * (l / (PI * 2.0)).floor();
    (l / PI * 6.0).floor() as i64
}

/// The first day (Julian day number) of the 11th lunar month — the one holding the winter
/// solstice — of Gregorian year `year`.
fn month_11(year: i32) -> i64 {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    let k = ((julian_day(end) - 2415021) as f64 / 29.530588853).floor() as i64;
    let moon = new_moon(k);
    if sun_sector(moon) >= 9 { new_moon(k - 1) } else { moon }
}

/// Which month after the 11th (of the lunar year beginning at `a11`) is the leap month.
fn leap_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - 2415021.076998695) / 29.530588853 + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_sector(new_moon(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon(k + i));
        if arc == last || i >= 14 {
            return i - 1;
        }
    }
}

/// The Gregorian date of day `day` of (non-leap) lunar month `month` of lunar year `year`.
pub fn solar(day: u32, month: u32, year: i32) -> NaiveDate {
    let (a11, b11) = match month < 11 {
        true => (month_11(year - 1), month_11(year)),
        false => (month_11(year), month_11(year + 1)),
    };
    let k = (0.5 + (a11 as f64 - 2415021.076998695) / 29.530588853).floor() as i64;
    let mut offset = i64::from(month) - 11;
    if offset < 0 {
        offset += 12;
    }
    if b11 - a11 > 365 && offset >= leap_offset(a11) {
        offset += 1;
    }
    date_of(new_moon(k + offset) + i64::from(day) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn tet_and_the_hung_kings_day_fall_where_vietnam_counts_them() {
        assert_eq!(solar(1, 1, 2026), day("2026-02-17"));
        assert_eq!(solar(10, 3, 2026), day("2026-04-26"));
        assert_eq!(solar(1, 1, 2023), day("2023-01-22"), "after a year with a leap month");
        assert_eq!(solar(1, 1, 2007), day("2007-02-17"), "a day before China's Tết that year");
        assert_eq!(solar(1, 1, 1985), day("1985-01-21"), "a month before China's that year");
        assert_eq!(julian_day(day("2000-01-01")), 2451545);
        assert_eq!(date_of(2451545), day("2000-01-01"));
    }
}
