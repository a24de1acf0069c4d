//! Sealing personal data at rest with a key the database does not hold: XChaCha20-Poly1305, a
//! fresh nonce per value, the record's id bound in as associated data (a sealed value copied to
//! another record does not open). The key lives in a file beside the data (`seal.key`, created on
//! first start, readable by the hub's user only) — back it up apart from the database.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};

use crate::ApiError;

/// Seals and opens values with the hub's sealing key.
#[derive(Clone)]
pub struct Sealer {
    cipher: XChaCha20Poly1305,
    key_id: String,
    secret: [u8; 32],
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealer({})", self.key_id)
    }
}

impl Sealer {
    /// A sealer over a 32-byte key.
    pub fn new(key: &[u8; 32]) -> Sealer {
        let key_id = Sha256::digest(key).iter().take(4).map(|b| format!("{b:02x}")).collect();
        let secret: [u8; 32] = Sha256::digest([b"digest:".as_slice(), key].concat()).into();
        Sealer { cipher: XChaCha20Poly1305::new(key.into()), key_id, secret }
    }

    /// The key in `path`, created (random, mode 0600) when the file does not exist yet.
    pub fn open_or_create(path: &Path) -> Result<Sealer, String> {
        if !path.exists() {
            let mut key = [0u8; 32];
            getrandom::fill(&mut key).map_err(|e| format!("no randomness for the sealing key: {e}"))?;
            write_private(path, STANDARD.encode(key).as_bytes())
                .map_err(|e| format!("cannot write the sealing key {}: {e}", path.display()))?;
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the sealing key {}: {e}", path.display()))?;
        let bytes =
            STANDARD.decode(text.trim()).map_err(|_| format!("{} does not hold a base64 key", path.display()))?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| format!("{} does not hold a 32-byte key", path.display()))?;
        Ok(Sealer::new(&key))
    }

    /// Which key seals (the first bytes of its SHA-256, for rotation), never the key.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// A keyed digest of `value` (hex): equal values give equal digests, and without the key the
    /// value cannot be found from it (an address counted without being kept).
    pub fn digest(&self, value: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.secret);
        hasher.update(value.as_bytes());
        hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// `plain` sealed for record `bound_to`, as base64 of nonce and ciphertext.
    pub fn seal(&self, plain: &[u8], bound_to: &str) -> Result<String, ApiError> {
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
        let sealed = self
            .cipher
            .encrypt(&XNonce::from(nonce), Payload { msg: plain, aad: bound_to.as_bytes() })
            .map_err(|_| ApiError::Internal("sealing failed".into()))?;
        Ok(STANDARD.encode([nonce.as_slice(), &sealed].concat()))
    }

    /// The value sealed for record `bound_to`; a 500 (without the value) when it does not open.
    pub fn open(&self, sealed: &str, bound_to: &str) -> Result<Vec<u8>, ApiError> {
        let bytes = STANDARD.decode(sealed).map_err(|_| ApiError::Internal("a sealed value is not base64".into()))?;
        if bytes.len() < 24 {
            return Err(ApiError::Internal("a sealed value is too short".into()));
        }
        let (nonce, body) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().map_err(|_| ApiError::Internal("a sealed value is too short".into()))?;
        self.cipher
            .decrypt(&XNonce::from(nonce), Payload { msg: body, aad: bound_to.as_bytes() })
            .map_err(|_| ApiError::Internal("a sealed value does not open with this key".into()))
    }
}

/// Writes `bytes` to `path` whole or not at all, unless `path` exists (another instance sharing
/// the directory got there first: its key wins).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tag = [0u8; 8];
    getrandom::fill(&mut tag).map_err(|e| std::io::Error::other(e.to_string()))?;
    let tag: String = tag.iter().map(|b| format!("{b:02x}")).collect();
    let staged = path.with_extension(format!("new-{tag}"));
    write_new(&staged, bytes)?;
    let linked = std::fs::hard_link(&staged, path);
    std::fs::remove_file(&staged)?;
    match linked {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e),
        _ => Ok(()),
    }
}

#[cfg(unix)]
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_with_its_key_and_for_its_record() {
        let sealer = Sealer::new(&[7; 32]);
        let sealed = sealer.seal(b"Nguyen Van A", "rec-1").unwrap();
        assert!(!sealed.contains("Nguyen"));
        assert_eq!(sealer.open(&sealed, "rec-1").unwrap(), b"Nguyen Van A");
        assert!(sealer.open(&sealed, "rec-2").is_err(), "bound to its record");
        assert!(Sealer::new(&[8; 32]).open(&sealed, "rec-1").is_err(), "another key does not open it");
        assert_ne!(sealer.seal(b"Nguyen Van A", "rec-1").unwrap(), sealed, "a fresh nonce each time");
    }

    #[test]
    fn the_key_file_is_created_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!("tdc-seal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("seal.key");
        let _ = std::fs::remove_file(&path);
        let first = Sealer::open_or_create(&path).unwrap();
        let sealed = first.seal(b"x", "r").unwrap();
        let again = Sealer::open_or_create(&path).unwrap();
        assert_eq!((again.key_id(), again.open(&sealed, "r").unwrap()), (first.key_id(), b"x".to_vec()));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
