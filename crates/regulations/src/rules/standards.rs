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

/// Parses a designation: an issuing body, a space, a number with at least one digit, and
/// optionally `:` and a four-digit year (`TCVN 6238-1:2017`, `ISO/IEC 17025:2017`).
pub fn parse_designation(raw: &str) -> Result<Designation, ValidationError> {
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
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
    }

    #[test]
    fn ics() {
        assert!(ics_codes(&["97.200.50".into(), "13".into(), "65.150".into()]).is_ok());
        assert!(ics_codes(&["97.2.50".into()]).is_err());
        assert!(ics_codes(&["97.200.50.1".into()]).is_err());
    }
}
