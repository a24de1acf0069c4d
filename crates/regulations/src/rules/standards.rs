//! Checks on standards: designations and ICS codes.

use std::borrow::Cow;

use validator::ValidationError;

pub(crate) fn fail(code: &'static str, message: &'static str) -> ValidationError {
    let mut e = ValidationError::new(code);
    e.message = Some(Cow::Borrowed(message));
    e
}

/// A designation as published, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Designation {
    /// The designation with spaces collapsed, e.g. `TCVN 6238-1:2017`.
    pub text: String,
    /// The issuing body: the first word, e.g. `TCVN`, `ISO/IEC`, `CODEX`.
    pub body: String,
    /// The year after a final `:`, when there is one.
    pub year: Option<i32>,
    /// The key that makes designations unique: lower case, no spaces (`tcvn6238-1:2017`).
    pub key: String,
}

/// The issuing bodies whose scheme dates every designation with `:` and a year (`TCVN 5502:2003`,
/// `ISO 9001:2015`); bodies not listed (Codex, ASTM, GB, …) date theirs otherwise or not at all.
const DATED_SCHEMES: &[&str] =
    &["TCVN", "QCVN", "ISO", "IEC", "ISO/IEC", "IEC/ISO", "ISO/TS", "ISO/TR", "ISO/PAS", "ISO/IEC/IEEE", "EN", "JIS"];

/// A national technical regulation's designation: `QCVN`, a number (`03`, `01-1`), `:`, the year,
/// `/` and the issuing ministry (`QCVN 03:2019/BKHCN`, `QCVN 01-1:2024/BYT`).
fn parse_national_regulation(number: &str) -> Result<Designation, ValidationError> {
    let wrong = || {
        fail(
            "designation_format",
            "a national technical regulation is QCVN, a number, ':', the year, '/' and the ministry, e.g. QCVN 03:2019/BKHCN",
        )
    };
    let (head, ministry) = number.split_once('/').ok_or_else(wrong)?;
    let (serial, year) = head.split_once(':').ok_or_else(wrong)?;
    let serial_ok =
        !serial.is_empty() && serial.split('-').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let ministry_ok = !ministry.is_empty() && ministry.chars().all(|c| c.is_alphabetic() || c == '-');
    if !serial_ok || !ministry_ok {
        return Err(wrong());
    }
    let year = parse_year(year)?;
    let text = format!("QCVN {serial}:{year}/{}", ministry.to_uppercase());
    let key = tdc_kernel::text::fold(&text).replace(' ', "");
    Ok(Designation { body: "QCVN".into(), year: Some(year), key, text })
}

/// Whether a designation is a national technical regulation's (QCVN).
pub fn is_national_regulation(designation: &str) -> bool {
    designation.split_whitespace().next().is_some_and(|b| b.eq_ignore_ascii_case("QCVN"))
}

/// Parses a designation: an issuing body, a space, a number with at least one digit, and `:` and a
/// four-digit year — required by the bodies whose scheme dates every designation (TCVN, ISO, IEC,
/// EN, JIS…), optional for the others (`TCVN 6238-1:2017`, `ISO/IEC 17025:2017`, `CODEX STAN
/// 193-1995`); or a national technical regulation's (`QCVN 03:2019/BKHCN`).
pub fn parse_designation(raw: &str) -> Result<Designation, ValidationError> {
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if is_national_regulation(&text)
        && let Some((_, number)) = text.split_once(' ')
    {
        return parse_national_regulation(number);
    }
    let Some((body, number)) = text.split_once(' ') else {
        return Err(fail(
            "designation_format",
            "designation must be an issuing body, a space and a number, e.g. TCVN 6238-1:2017",
        ));
    };
    let body_ok =
        body.chars().all(|c| c.is_alphanumeric() || "/-.".contains(c)) && body.chars().any(char::is_alphabetic);
    if !body_ok || !number.chars().any(|c| c.is_ascii_digit()) || text.len() > 100 {
        return Err(fail(
            "designation_format",
            "designation must be an issuing body, a space and a number, e.g. TCVN 6238-1:2017",
        ));
    }
    let year = match number.rsplit_once(':') {
        Some((_, y)) => Some(parse_year(y)?),
        None if DATED_SCHEMES.contains(&body.to_uppercase().as_str()) => {
            return Err(fail(
                "designation_year_required",
                "this body dates every designation: add ':' and the year of publication, e.g. TCVN 5502:2003",
            ));
        }
        None => None,
    };
    let key = tdc_kernel::text::fold(&text).replace(' ', "");
    Ok(Designation { body: body.to_uppercase(), year, key, text })
}

fn parse_year(y: &str) -> Result<i32, ValidationError> {
    match y.parse::<i32>() {
        Ok(year) if y.len() == 4 && (1900..=2100).contains(&year) => Ok(year),
        _ => Err(fail("designation_year", "the part after ':' must be a four-digit year")),
    }
}

/// [`parse_designation`] as a validator rule.
pub fn designation(raw: &str) -> Result<(), ValidationError> {
    parse_designation(raw).map(|_| ())
}

/// ICS codes (International Classification for Standards): `NN`, `NN.NNN` or `NN.NNN.NN`.
pub fn ics_codes(codes: &[String]) -> Result<(), ValidationError> {
    let valid = |code: &str| {
        let parts: Vec<&str> = code.split('.').collect();
        let lengths = [2, 3, 2];
        !parts.is_empty()
            && parts.len() <= 3
            && parts.iter().zip(lengths).all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_digit()))
    };
    if codes.iter().all(|c| valid(c)) {
        Ok(())
    } else {
        Err(fail("ics_format", "each ICS code is NN, NN.NNN or NN.NNN.NN, e.g. 97.200.50"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn designations() {
        let d = parse_designation("TCVN  6238-1:2017").unwrap();
        assert_eq!(
            (d.text.as_str(), d.body.as_str(), d.year, d.key.as_str()),
            ("TCVN 6238-1:2017", "TCVN", Some(2017), "tcvn6238-1:2017")
        );
        let d = parse_designation("ISO/IEC 17025:2017").unwrap();
        assert_eq!((d.body.as_str(), d.year), ("ISO/IEC", Some(2017)));
        assert_eq!(parse_designation("CODEX STAN 193-1995").unwrap().year, None);
        assert_eq!(parse_designation("TCVN").unwrap_err().code, "designation_format");
        assert_eq!(parse_designation("TCVN abc").unwrap_err().code, "designation_format");
        assert_eq!(parse_designation("TCVN 1:17").unwrap_err().code, "designation_year");
        assert_eq!(parse_designation("TCVN 7878").unwrap_err().code, "designation_year_required");
        assert_eq!(parse_designation("ISO 9001").unwrap_err().code, "designation_year_required");
        assert_eq!(parse_designation("ASTM D1234").unwrap().year, None);
    }

    #[test]
    fn national_regulations() {
        let d = parse_designation("qcvn  01-1:2024/byt").unwrap();
        assert_eq!((d.text.as_str(), d.body.as_str(), d.year), ("QCVN 01-1:2024/BYT", "QCVN", Some(2024)));
        assert_eq!(parse_designation("QCVN 03:2019/BKHCN").unwrap().key, "qcvn03:2019/bkhcn");
        assert_eq!(parse_designation("QCVN 16:2023/BLĐTBXH").unwrap().text, "QCVN 16:2023/BLĐTBXH");
        for bad in ["QCVN 03:2019", "QCVN 03/BKHCN", "QCVN x:2019/BYT", "QCVN 03:19/BYT"] {
            assert!(parse_designation(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ics() {
        assert!(ics_codes(&["97.200.50".into(), "13".into(), "65.150".into()]).is_ok());
        assert!(ics_codes(&["97.2.50".into()]).is_err());
        assert!(ics_codes(&["97.200.50.1".into()]).is_err());
    }
}
