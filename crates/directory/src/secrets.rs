//! Client secrets: generated at random, stored only as Argon2id hashes.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};

/// A new random client secret (256 bits, URL-safe base64).
pub fn generate() -> String {
    tdc_kernel::ids::random_token(32)
}

/// The Argon2id PHC hash of a secret.
pub fn hash(secret: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(secret.as_bytes(), &salt).expect("argon2 hashing failed").to_string()
}

/// Whether `secret` matches `stored`. With no stored hash (unknown client) it still spends the
/// same work on a dummy hash, so timing does not tell which client ids exist.
pub fn verify(secret: &str, stored: Option<&str>) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("not-a-real-secret"));
    let (hash_text, real) = match stored {
        Some(h) => (h, true),
        None => (dummy.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash_text) else { return false };
    Argon2::default().verify_password(secret.as_bytes(), &parsed).is_ok() && real
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_then_verify() {
        let s = generate();
        let h = hash(&s);
        assert!(h.starts_with("$argon2id$"));
        assert!(verify(&s, Some(&h)));
        assert!(!verify("wrong", Some(&h)));
        assert!(!verify("not-a-real-secret", None));
    }
}
