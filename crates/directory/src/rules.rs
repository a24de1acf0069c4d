//! Checks on directory input: plain functions, unit-tested.

use std::borrow::Cow;

use validator::ValidationError;

fn fail(code: &'static str, message: &'static str) -> ValidationError {
    let mut e = ValidationError::new(code);
    e.message = Some(Cow::Borrowed(message));
    e
}

/// An agency code: 2 to 32 of `A–Z 0–9 - _ .`, starting with a letter or digit.
pub fn agency_code(code: &str) -> Result<(), ValidationError> {
    let ok_len = (2..=32).contains(&code.len());
    let ok_first = code.chars().next().is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let ok_chars = code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "-_.".contains(c));
    if ok_len && ok_first && ok_chars {
        Ok(())
    } else {
        Err(fail(
            "agency_code_format",
            "code must be 2 to 32 characters of A-Z, 0-9, '-', '_', '.', starting with a letter or digit",
        ))
    }
}

/// A client id: 3 to 64 of `a–z 0–9 . _ -`, starting with a letter or digit.
pub fn client_id(id: &str) -> Result<(), ValidationError> {
    let ok_len = (3..=64).contains(&id.len());
    let ok_first = id.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let ok_chars = id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if ok_len && ok_first && ok_chars {
        Ok(())
    } else {
        Err(fail(
            "client_id_format",
            "client_id must be 3 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit",
        ))
    }
}

/// Sectors: each 1 to 64 characters, no repeats.
pub fn sectors(list: &[String]) -> Result<(), ValidationError> {
    if list.iter().any(|s| s.trim().is_empty() || s.len() > 64) {
        return Err(fail("sector_format", "each sector must be 1 to 64 characters"));
    }
    let mut sorted: Vec<&String> = list.iter().collect();
    sorted.sort();
    if sorted.windows(2).any(|w| w[0] == w[1]) {
        return Err(fail("sector_repeated", "a sector is listed twice"));
    }
    Ok(())
}

/// Weights of the tax authority's check digit over a tax code's first nine digits.
const TAX_CODE_WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/// The province codes that begin a personal identification number (the 63 provinces before the
/// 2025 mergers, where the birth was registered).
const PERSONAL_ID_PROVINCES: [u16; 63] = [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45,
    46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92,
    93, 94, 95, 96,
];

/// Whether a tax code is a 12-digit personal identification number (số định danh cá nhân), which
/// household businesses use as their tax code since 2025: personal data.
pub fn is_personal_id(code: &str) -> bool {
    code.len() == 12 && code.chars().all(|c| c.is_ascii_digit())
}

/// A personal identification number used as a tax code: 12 digits, the first three a province code
/// of birth registration (001–096), the fourth the sex and century of birth.
fn personal_id(code: &str) -> Result<(), ValidationError> {
    let province: u16 = code[..3].parse().unwrap_or(0);
    if !PERSONAL_ID_PROVINCES.contains(&province) {
        return Err(fail(
            "personal_id_format",
            "a 12-digit tax code is a personal identification number, whose first three digits are a province code (001–096)",
        ));
    }
    Ok(())
}

/// A tax code (mã số thuế): 10 digits whose 10th is the check digit, 10 − (Σ dᵢ·wᵢ mod 11),
/// or those 10 digits, `-`, and a 3-digit branch number (001–999); or, for a household business
/// since 2025, its owner's 12-digit personal identification number.
pub fn tax_code(code: &str) -> Result<(), ValidationError> {
    if is_personal_id(code) {
        return personal_id(code);
    }
    let (head, branch) = match code.split_once('-') {
        Some((h, b)) => (h, Some(b)),
        None => (code, None),
    };
    let digits: Vec<u32> = head.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 || head.len() != 10 {
        return Err(fail(
            "tax_code_format",
            "tax_code must be 10 digits, 10 digits, '-' and a 3-digit branch number, or a 12-digit personal identification number",
        ));
    }
    if let Some(b) = branch
        && (b.len() != 3 || !b.chars().all(|c| c.is_ascii_digit()) || b == "000")
    {
        return Err(fail("tax_code_format", "a branch number is 3 digits from 001 to 999"));
    }
    let sum: u32 = digits.iter().zip(TAX_CODE_WEIGHTS).map(|(d, w)| d * w).sum();
    let check = 10 - (sum % 11);
    if check == 10 || check != digits[9] {
        return Err(fail("tax_code_checksum", "tax_code's check digit (the 10th) does not match the first nine"));
    }
    Ok(())
}

/// A GTIN-8, -12, -13 or -14 with a correct GS1 check digit (mod 10, weights 3 and 1 from the
/// right). Returns it as the 14-digit form GS1 recommends storing.
pub fn gtin14(code: &str) -> Result<String, ValidationError> {
    if !matches!(code.len(), 8 | 12 | 13 | 14) || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(fail("gtin_format", "gtin must be 8, 12, 13 or 14 digits"));
    }
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    let (body, check) = digits.split_at(digits.len() - 1);
    let sum: u32 = body.iter().rev().enumerate().map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d }).sum();
    if (10 - sum % 10) % 10 != check[0] {
        return Err(fail("gtin_checksum", "gtin's check digit (the last) does not match (GS1 mod 10)"));
    }
    Ok(format!("{code:0>14}"))
}

/// [`gtin14`] as a validator rule.
pub fn gtin(code: &str) -> Result<(), ValidationError> {
    gtin14(code).map(|_| ())
}

/// A GTIN already checked by [`gtin`] as 14 digits (as stored); text that is no GTIN is kept as
/// given.
pub fn gtin14_stored(code: &str) -> String {
    gtin14(code).unwrap_or_else(|_| code.to_owned())
}

/// An HS code: 4, 6, 8 or 10 digits.
pub fn hs_code(code: &str) -> Result<(), ValidationError> {
    if matches!(code.len(), 4 | 6 | 8 | 10) && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(fail("hs_code_format", "hs_code must be 4, 6, 8 or 10 digits"))
    }
}

/// An ISO 3166-1 alpha-2 country code, upper case (e.g. `VN`).
pub fn country(code: &str) -> Result<(), ValidationError> {
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(fail("country_format", "origin_country must be an ISO 3166-1 alpha-2 code such as VN or CN"))
    }
}

/// A category code: 2 to 64 of `a–z 0–9 - _ .`.
pub fn category_code(code: &str) -> Result<(), ValidationError> {
    let ok = (2..=64).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
    if ok {
        Ok(())
    } else {
        Err(fail("category_code_format", "code must be 2 to 64 characters of a-z, 0-9, '-', '_', '.'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_codes() {
        assert!(agency_code("SKHCN").is_ok());
        assert!(agency_code("HQ-KV3").is_ok());
        assert!(agency_code("s").is_err());
        assert!(agency_code("skhcn").is_err());
        assert!(agency_code("-X").is_err());
    }

    #[test]
    fn client_ids() {
        assert!(client_id("admin").is_ok());
        assert!(client_id("sct.inspections-2").is_ok());
        assert!(client_id("Admin").is_err());
        assert!(client_id("ab").is_err());
    }

    #[test]
    fn household_tax_codes_are_personal_identification_numbers() {
        assert!(tax_code("031095001234").is_ok() && is_personal_id("031095001234"));
        assert_eq!(tax_code("099095001234").unwrap_err().code, "personal_id_format");
        assert_eq!(tax_code("03109500123").unwrap_err().code, "tax_code_format");
        assert!(!is_personal_id("0100233488"));
    }

    #[test]
    fn tax_codes() {
        assert!(tax_code("0100233488").is_ok());
        assert!(tax_code("0312687878-001").is_ok());
        assert_eq!(tax_code("0100233487").unwrap_err().code, "tax_code_checksum");
        assert_eq!(tax_code("010023348").unwrap_err().code, "tax_code_format");
        assert_eq!(tax_code("0312687878-000").unwrap_err().code, "tax_code_format");
        assert_eq!(tax_code("03126878781").unwrap_err().code, "tax_code_format");
        assert_eq!(tax_code("01002334a8").unwrap_err().code, "tax_code_format");
    }

    #[test]
    fn gtins() {
        assert_eq!(gtin14("8934563138165").unwrap(), "08934563138165");
        assert_eq!(gtin14("96385074").unwrap(), "00000096385074");
        assert_eq!(gtin14("036000291452").unwrap(), "00036000291452");
        assert_eq!(gtin14("8934563138166").unwrap_err().code, "gtin_checksum");
        assert_eq!(gtin14("893456313816").unwrap_err().code, "gtin_checksum");
        assert_eq!(gtin14("12345").unwrap_err().code, "gtin_format");
        assert!(hs_code("8517").is_ok() && hs_code("851712").is_ok() && hs_code("851").is_err());
        assert!(country("VN").is_ok() && country("vn").is_err());
    }

    #[test]
    fn sector_lists() {
        assert!(sectors(&["health".into(), "industry_trade".into()]).is_ok());
        assert!(sectors(&["health".into(), "health".into()]).is_err());
        assert!(sectors(&[" ".into()]).is_err());
    }
}
