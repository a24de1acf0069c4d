//! What text the hub accepts, and how it keeps it — decided here, once:
//!
//! - **accepted**: valid UTF-8 without control characters. A body's text may hold tab, line feed
//!   and carriage return, nothing else below U+0020, no DEL (U+007F) and no C1 control
//!   (U+0080–U+009F): a body holding one is refused with 422 `control_character` naming the field.
//!   A path or query parameter holds no control character at all (400 `control_character`), and a
//!   query parameter is at most [`MAX_PARAMETER_CHARS`] characters (400 `parameter_too_long`).
//! - **stored**: trimmed and NFC-normalized ([`clean`]), so "Hải Phòng" typed either way is kept
//!   the same.
//! - **compared**: natural keys and searches compare in a folded form ([`fold`]): Unicode
//!   compatibility-normalized (NFKD, so `ＴＣＶＮ 6260：2020` is `TCVN 6260:2020`), without
//!   diacritics, lower case, spaces collapsed.

use unicode_normalization::UnicodeNormalization;

/// The longest value a query parameter may have, in characters.
pub const MAX_PARAMETER_CHARS: usize = 1000;

/// Whether a body's text may not hold `c`: every control character but tab, line feed and
/// carriage return.
pub fn refused_in_body(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The first control character a request's path holds once percent-decoded (a path or query
/// parameter holds none).
pub fn control_in_path(path: &str) -> Option<char> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    decoded.chars().find(|c| c.is_control())
}

/// The first character a body's text may not hold, anywhere in `value`, with the JSON pointer of
/// the string holding it (member names count too).
pub fn refused_in_json(value: &serde_json::Value) -> Option<(String, char)> {
    use serde_json::Value;
    let found = |s: &str| s.chars().find(|c| refused_in_body(*c));
    match value {
        Value::String(s) => found(s).map(|c| (String::new(), c)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| refused_in_json(v).map(|(pointer, c)| (format!("/{i}{pointer}"), c))),
        Value::Object(members) => members.iter().find_map(|(k, v)| {
            let key = k.replace('~', "~0").replace('/', "~1");
            found(k)
                .map(|c| (format!("/{key}"), c))
                .or_else(|| refused_in_json(v).map(|(pointer, c)| (format!("/{key}{pointer}"), c)))
        }),
        _ => None,
    }
}

/// Whether JSON text may hold a refused character (written raw, or escaped as `\u00XX`, `\b`,
/// `\f`): a quick scan, so that only such bodies are walked by [`refused_in_json`].
pub fn json_may_hold_refused(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                match bytes.get(i + 1) {
                    Some(b'b' | b'f') => return true,
                    Some(b'u') if bytes.get(i + 2..i + 4) == Some(&b"00"[..]) => return true,
                    _ => {}
                }
                i += 2;
            }
            0x7f => return true,
            0xc2 if bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)) => return true,
            _ => i += 1,
        }
    }
    false
}

/// NFC-normalizes and trims a text value (so "Hải Phòng" typed either way is stored the same).
pub fn clean(s: &str) -> String {
    let s = s.trim();
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_owned(),
        _ => s.nfc().collect(),
    }
}

/// [`clean`] for an optional value; blank becomes `None`.
pub fn clean_opt(s: Option<&str>) -> Option<String> {
    s.map(clean).filter(|v| !v.is_empty())
}

/// Removes Vietnamese (and other Latin) diacritics, keeping case: "Hải Phòng" → "Hai Phong",
/// "Đồ Sơn" → "Do Son"; compatibility forms become their plain ones (`ＴＣＶＮ` → `TCVN`).
pub fn strip_diacritics(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    s.replace('đ', "d").replace('Đ', "D").nfkd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The form text is searched and natural keys are compared in: compatibility-normalized,
/// diacritics removed, lower case, spaces collapsed, so that "hai phong", "Hải Phòng" and
/// "HẢI PHÒNG" are found alike ("đ" folds to "d"), and `ＴＣＶＮ 6260：2020` is `TCVN 6260:2020`.
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
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Reads a setting of renames, `from=to,from=to` (blanks around names ignored), into pairs; an
/// entry without `=`, or with an empty side, is refused with a message naming it.
pub fn renames(text: &str) -> Result<Vec<(String, String)>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| match e.split_once('=') {
            Some((from, to)) if !from.trim().is_empty() && !to.trim().is_empty() => {
                Ok((from.trim().into(), to.trim().into()))
            }
            _ => Err(format!("`{e}` is not `field=renamed_field`")),
        })
        .collect()
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
        assert_eq!(fold("ＴＣＶＮ 6260：2020"), fold("TCVN 6260:2020"));
    }

    #[test]
    fn control_characters_are_found_where_they_are() {
        let body = serde_json::json!({"name": "ok\ttab", "items": [{"code": "A\u{b}B"}]});
        assert_eq!(refused_in_json(&body), Some(("/items/0/code".to_owned(), '\u{b}')));
        assert_eq!(refused_in_json(&serde_json::json!({"a/b": "x\u{0}"})), Some(("/a~1b".to_owned(), '\0')));
        assert_eq!(refused_in_json(&serde_json::json!({"text": "line\nnext\r\n"})), None);
        assert!(json_may_hold_refused(br#"{"a":"\u0000"}"#));
        assert_eq!(control_in_path("/api/v1/businesses/by-tax-code/01%000"), Some('\0'));
        assert_eq!(control_in_path("/api/v1/standards/by-designation/TCVN%206260%3A2020"), None);
        assert!(json_may_hold_refused("{\"a\":\"\u{85}\"}".as_bytes()));
        assert!(!json_may_hold_refused(r#"{"a":"\\u0000 is text", "b": "Hải"}"#.as_bytes()));
    }
}
