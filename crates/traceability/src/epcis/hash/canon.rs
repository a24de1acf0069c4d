//! How the event hash writes a value (CBV 2.0 §8.9.2): CBV 1.x URNs as web URIs, numbers without
//! redundant zeros, GS1 identifiers as canonical Digital Links, times in UTC to the millisecond.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Timelike, Utc};

use crate::epcis::dl;

/// A value as the pre-hash string holds it.
pub fn value(text: &str) -> String {
    let text = numeric(&web_vocabulary(text));
    if text.starts_with("urn:epc:") || text.starts_with("http") { dl::canonical(&text).unwrap_or(text) } else { text }
}

/// The CBV 1.x URNs of the five vocabularies that have web URIs replaced by them.
fn web_vocabulary(text: &str) -> String {
    if !text.contains("urn:epcglobal:cbv:") {
        return text.to_owned();
    }
    text.replace("urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-")
        .replace("urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-")
        .replace("urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-")
        .replace("urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-")
        .replace("urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-")
}

/// A number written the reference's way (`1.0` → `1`, `+5` → `5`, `0.50` → `0.5`); other text as is.
fn numeric(text: &str) -> String {
    let trimmed = text.trim();
    let plain = trimmed.trim_start_matches(['+', '-']);
    let spelled = plain.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.');
    let Some(n) = trimmed.parse::<f64>().ok().filter(|n| n.is_finite() && spelled) else {
        return text.to_owned();
    };
    if n.fract() == 0.0 && n.abs() < 1e30 { format!("{}", n as i128) } else { python_float(n) }
}

/// A float as Python's `repr` writes it: the shortest digits that read back, in exponent form
/// below 1e-4 or from 1e16.
pub fn python_float(n: f64) -> String {
    if !n.is_finite() {
        return if n.is_nan() {
            "nan".into()
        } else if n > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let magnitude = n.abs();
    if magnitude != 0.0 && !(1e-4..1e16).contains(&magnitude) {
        let formatted = format!("{n:e}");
        let (mantissa, exponent) = formatted.split_once('e').unwrap_or((&formatted, "0"));
        let exponent: i32 = exponent.parse().unwrap_or(0);
        let sign = if exponent < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exponent.abs());
    }
    let formatted = format!("{n}");
    if formatted.contains('.') { formatted } else { format!("{formatted}.0") }
}

/// A time as the hash writes it: UTC, milliseconds, `Z` (a microsecond part rounds half to even);
/// text that is not a time stays as it is.
pub fn time(text: &str) -> String {
    let Some(instant) = parse_time(text) else { return text.to_owned() };
    let micros = i64::from(instant.nanosecond() / 1000);
    let rounded = round_half_even(micros, 1000);
    let base = instant.with_nanosecond(0).unwrap_or(instant);
    let instant = base + chrono::Duration::microseconds(rounded);
    instant.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// An ISO 8601 date-time with or without an offset (without one: UTC).
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z") {
        return Some(t.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").ok().map(|t| t.and_utc())
}

fn round_half_even(value: i64, unit: i64) -> i64 {
    let (quotient, remainder) = (value / unit, value % unit);
    let doubled = remainder * 2;
    let up = doubled > unit || (doubled == unit && quotient % 2 == 1);
    (quotient + i64::from(up)) * unit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_one_way() {
        assert_eq!(value("1.0"), "1");
        assert_eq!(value("+5"), "5");
        assert_eq!(value("0.50"), "0.5");
        assert_eq!(value("urn:epcglobal:cbv:bizstep:shipping"), "https://ref.gs1.org/cbv/BizStep-shipping");
        assert_eq!(value("+01:00"), "+01:00");
        assert_eq!(python_float(0.00001), "1e-05");
        assert_eq!(python_float(2.5), "2.5");
        assert_eq!(time("2005-04-03T20:33:31.116000-06:00"), "2005-04-04T02:33:31.116Z");
        assert_eq!(time("2019-04-02T15:00:00.0005Z"), "2019-04-02T15:00:00.000Z");
        assert_eq!(time("2019-04-02T15:00:00.0015Z"), "2019-04-02T15:00:00.002Z");
        assert_eq!(time("not a time"), "not a time");
    }
}
