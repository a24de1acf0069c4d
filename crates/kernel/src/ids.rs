//! Identifiers: UUIDv7 (time-ordered), stored as lowercase hyphenated text on both databases.

use uuid::Uuid;

/// A new time-ordered id as the text the database stores and the API shows.
pub fn new_id() -> String {
    Uuid::now_v7().hyphenated().to_string()
}

/// Parses a path id, so a malformed one is a clear 404 rather than a database round trip.
pub fn parse_id(raw: &str) -> Option<String> {
    Uuid::parse_str(raw).ok().map(|u| u.hyphenated().to_string())
}

/// A path id, or 404 naming what was looked for (`no program …`).
pub fn path_id(raw: &str, noun: &str) -> Result<String, crate::ApiError> {
    parse_id(raw).ok_or_else(|| crate::ApiError::NotFound(format!("no {noun} {raw}")))
}

/// `n` random bytes from the operating system, URL-safe base64 encoded (for secrets and keys).
pub fn random_token(n: usize) -> String {
    use base64::Engine;
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).expect("the operating system's random source failed");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_creation() {
        let a = new_id();
        let b = new_id();
        assert!(a < b, "{a} should sort before {b}");
        assert_eq!(parse_id(&a.to_uppercase()), Some(a));
        assert_eq!(parse_id("nope"), None);
    }

    #[test]
    fn random_tokens_differ() {
        assert_ne!(random_token(32), random_token(32));
        assert_eq!(random_token(32).len(), 43);
    }
}
