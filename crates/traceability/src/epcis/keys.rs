//! GS1 keys as the hub's parameters take them: a GTIN or a GLN, its check digit verified, or a
//! refusal naming the parameter.

use tdc_kernel::ApiError;

/// A GTIN-8, -12, -13 or -14 as 14 digits; 400 `gtin_format` or `gtin_checksum` at `at`.
pub fn gtin(raw: &str, at: &str) -> Result<String, ApiError> {
    tdc_directory::rules::gtin14(raw).map_err(|e| {
        let message = e.message.map(|m| m.to_string()).unwrap_or_else(|| "not a GTIN".into());
        ApiError::malformed_field(at, &e.code, message)
    })
}

/// A GLN's 13 digits, once its GS1 check digit holds; 422 `gln_format` or `gln_checksum` at `at`
/// (a GLN is written in records, not only asked for).
pub fn gln(raw: &str, at: &str) -> Result<String, ApiError> {
    if raw.len() != 13 || !raw.chars().all(|c| c.is_ascii_digit()) {
        return Err(ApiError::invalid_field(at, "gln_format", "a GLN is 13 digits"));
    }
    if super::dl::check_digit(&raw[..12]) != u32::from(raw.as_bytes()[12] - b'0') {
        return Err(ApiError::invalid_field(
            at,
            "gln_checksum",
            "the GLN's check digit (the last) does not match (GS1 mod 10)",
        ));
    }
    Ok(raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked_by_their_check_digit() {
        assert_eq!(gtin("8934567890120", "/g").unwrap(), "08934567890120");
        assert!(gtin("8934567890121", "/g").is_err());
        assert_eq!(gln("8934567000017", "/l").unwrap(), "8934567000017");
        assert!(gln("8934567000010", "/l").is_err());
        assert!(gln("893456700001", "/l").is_err());
    }
}
