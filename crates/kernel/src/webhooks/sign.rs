//! Signatures as Standard Webhooks defines them: `webhook-signature: v1,<base64 HMAC-SHA256 of
//! "{webhook-id}.{webhook-timestamp}.{body}">`, the key being the bytes of the secret
//! `whsec_<base64>`; several signatures, space-separated, while a rotated secret still holds.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::problem::ApiError;

const PREFIX: &str = "whsec_";

/// A fresh secret: `whsec_` and 32 random bytes in base64.
pub fn new_secret() -> Result<String, ApiError> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    Ok(format!("{PREFIX}{}", STANDARD.encode(key)))
}

/// The signature `v1,…` of `body` sent as message `id` at `timestamp` (seconds) under `secret`.
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &str) -> Result<String, String> {
    let key = STANDARD.decode(secret.trim_start_matches(PREFIX)).map_err(|e| format!("a malformed secret: {e}"))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|e| e.to_string())?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    Ok(format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of the Standard Webhooks specification.
    #[test]
    fn the_specifications_example_signs_alike() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = r#"{"test": 2432232314}"#;
        let got = signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body).unwrap();
        assert_eq!(got, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn a_fresh_secret_has_32_bytes_behind_its_prefix() {
        let secret = new_secret().unwrap();
        assert_eq!(STANDARD.decode(secret.trim_start_matches(PREFIX)).unwrap().len(), 32);
        assert_ne!(secret, new_secret().unwrap());
    }
}
