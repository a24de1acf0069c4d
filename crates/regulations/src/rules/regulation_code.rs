//! QCĐP codes (`QCĐP 01:2023/TPHP`) and links to documents.

use validator::ValidationError;

use super::standards::fail;

/// A local technical regulation's code, normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegulationCode {
    /// The code as the hub writes it: `QCĐP NN:YYYY/ORIGIN`.
    pub text: String,
    /// The number within the year.
    pub number: u32,
    /// The year of issue.
    pub year: i32,
    /// The issuing province's abbreviation, e.g. `TPHP` (Hải Phòng), `HD` (former Hải Dương).
    pub origin: String,
    /// The key that makes codes unique: folded, without spaces (`qcdp01:2023/tphp`).
    pub key: String,
}

const FORMAT: &str = "a QCĐP code is written QCĐP NN:YYYY/ORIGIN, e.g. QCĐP 01:2023/TPHP (QCDP is accepted)";

/// Parses a QCĐP code: the prefix `QCĐP` (or `QCDP`, any case), a number of one to three digits,
/// `:`, a four-digit year, `/` and the issuing province's abbreviation (letters, up to 10).
pub fn parse_code(raw: &str) -> Result<RegulationCode, ValidationError> {
    let compact: String = raw.split_whitespace().collect::<Vec<_>>().join("").to_uppercase();
    let prefix_len = compact.chars().take_while(|c| c.is_alphabetic()).map(char::len_utf8).sum::<usize>();
    let (prefix, rest) = compact.split_at(prefix_len);
    if tdc_kernel::text::fold(prefix) != "qcdp" {
        return Err(fail("regulation_code_format", FORMAT));
    }
    let Some((number, tail)) = rest.split_once(':') else { return Err(fail("regulation_code_format", FORMAT)) };
    let Some((year, origin)) = tail.split_once('/') else { return Err(fail("regulation_code_format", FORMAT)) };
    let number_ok = (1..=3).contains(&number.len()) && number.chars().all(|c| c.is_ascii_digit());
    let year_ok = year.len() == 4 && year.chars().all(|c| c.is_ascii_digit());
    let origin_ok = (1..=10).contains(&origin.chars().count()) && origin.chars().all(char::is_alphabetic);
    if !(number_ok && year_ok && origin_ok) {
        return Err(fail("regulation_code_format", FORMAT));
    }
    let (number, year): (u32, i32) = (number.parse().unwrap_or(0), year.parse().unwrap_or(0));
    if number == 0 || !(1990..=2100).contains(&year) {
        return Err(fail("regulation_code_format", "the number starts at 01 and the year is between 1990 and 2100"));
    }
    let text = format!("QCĐP {number:02}:{year}/{origin}");
    let key = tdc_kernel::text::fold(&text).replace(' ', "");
    Ok(RegulationCode { text, number, year, origin: origin.to_owned(), key })
}

/// [`parse_code`] as a validator rule.
pub fn regulation_code(raw: &str) -> Result<(), ValidationError> {
    parse_code(raw).map(|_| ())
}

/// A link to a file: an `http` or `https` URL without spaces, up to 2000 characters.
pub fn http_url(url: &str) -> Result<(), ValidationError> {
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if scheme_ok && url.len() <= 2000 && url.len() > 8 && !url.chars().any(char::is_whitespace) {
        Ok(())
    } else {
        Err(fail("url_format", "a link is an http(s) URL without spaces, up to 2000 characters"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_normalized() {
        let c = parse_code("QCĐP 01:2023/TPHP").unwrap();
        assert_eq!((c.text.as_str(), c.number, c.year, c.origin.as_str()), ("QCĐP 01:2023/TPHP", 1, 2023, "TPHP"));
        assert_eq!(c.key, "qcdp01:2023/tphp");
        assert_eq!(parse_code("qcdp 1:2021/hd").unwrap().text, "QCĐP 01:2021/HD");
        assert_eq!(parse_code(" QCDP  02 : 2023 / TPHP ").unwrap().text, "QCĐP 02:2023/TPHP");
        assert_eq!(parse_code("QCĐP 03:2024/ĐN").unwrap().key, "qcdp03:2024/dn");
    }

    #[test]
    fn bad_codes_are_refused() {
        for bad in [
            "QCVN 01:2023/BYT2",
            "QCĐP 01-2023/TPHP",
            "QCĐP 01:23/TPHP",
            "QCĐP 00:2023/TPHP",
            "QCĐP 01:2023/",
            "TCVN 1:2023/X",
        ] {
            assert!(parse_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert!(http_url("https://haiphong.gov.vn/qd-16-2023.pdf").is_ok());
        assert!(http_url("ftp://x/y").is_err() && http_url("https://a b").is_err());
    }
}
