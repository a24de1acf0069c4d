//! Text as the hub stores it: NFC-normalized and trimmed.

use unicode_normalization::UnicodeNormalization;

/// NFC-normalizes and trims a text value (so "Hải Phòng" typed either way is stored the same).
pub fn clean(s: &str) -> String {
    s.trim().nfc().collect()
}

/// [`clean`] for an optional value; blank becomes `None`.
pub fn clean_opt(s: Option<&str>) -> Option<String> {
    s.map(clean).filter(|v| !v.is_empty())
}

/// Removes Vietnamese (and other Latin) diacritics, keeping case: "Hải Phòng" → "Hai Phong",
/// "Đồ Sơn" → "Do Son".
pub fn strip_diacritics(s: &str) -> String {
    s.replace('đ', "d").replace('Đ', "D").nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The form text is searched in: diacritics removed, lower case, spaces collapsed, so that
/// "hai phong", "Hải Phòng" and "HẢI PHÒNG" are found alike ("đ" folds to "d").
pub fn fold(s: &str) -> String {
    strip_diacritics(s).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `LIKE` pattern that finds `needle` anywhere in folded text (`%` and `_` taken literally;
/// use with `ESCAPE '\'`).
pub fn contains_pattern(needle: &str) -> String {
    format!("%{}%", escape_like(&fold(needle)))
}

/// Escapes `LIKE`'s wildcards (`ESCAPE '\'`).
pub fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// A SHA-256 digest of `parts` joined by `|`, hex-encoded: a key that counts or matches something
/// (a source address, a request) without storing it.
pub fn digest(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(parts.join("|").as_bytes()))
}

/// Bytes as lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_and_composed_are_stored_alike() {
        let decomposed = "Ha\u{309}i Pho\u{300}ng";
        assert_eq!(clean(decomposed), "Hải Phòng");
        assert_eq!(clean_opt(Some("  ")), None);
        assert_eq!(strip_diacritics("Hải Phòng, Đồ Sơn"), "Hai Phong, Do Son");
        assert_eq!(fold("  HẢI   Phòng "), "hai phong");
        assert_eq!(fold("Hà Nội"), fold("ha noi"));
        assert_eq!(contains_pattern("50%_x"), "%50\\%\\_x%");
    }
}
