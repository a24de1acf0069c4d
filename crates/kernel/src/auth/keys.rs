//! The Ed25519 signing keys, kept as PKCS#8 PEM files in `<data dir>/keys/<kid>.pem`.
//!
//! The newest key signs; every key present verifies, so rotating (adding a key) keeps old tokens
//! valid until the old key's file is removed. A token with an unknown `kid` makes the set re-read
//! the directory (at most every few seconds), so instances sharing the directory agree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

use base64::Engine;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey, spki::der::pem::LineEnding};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};

use super::claims::{Claims, TokenSettings};

const RESCAN_INTERVAL: Duration = Duration::from_secs(5);

/// One key as listed by `tdc-hub keys list`.
#[derive(Debug, Clone)]
pub struct KeyInfo {
    /// The key id (`kid`).
    pub kid: String,
    /// The public key, base64url (the JWK `x`).
    pub public_x: String,
}

struct Loaded {
    signing_kid: String,
    signing: EncodingKey,
    verifying: BTreeMap<String, (DecodingKey, String)>,
}

/// The hub's signing and verification keys.
pub struct KeySet {
    dir: PathBuf,
    loaded: RwLock<Loaded>,
    last_scan: Mutex<Instant>,
    /// Tokens already verified, with their claims and key: a client's next requests skip the
    /// signature check while the key is loaded and the token's time window holds.
    verified: super::memo::Memo<(Claims, String)>,
}

/// The most verified tokens remembered at once.
const MAX_VERIFIED: usize = 50_000;

/// Seconds of clock skew allowed on `exp` and `nbf`.
const LEEWAY: i64 = 30;

impl KeySet {
    /// Opens the key directory, creating it and a first key when there is none.
    pub fn open(dir: &Path) -> Result<KeySet, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        if list_kids(dir)?.is_empty() {
            generate_key(dir)?;
        }
        let loaded = load(dir)?;
        let verified = super::memo::Memo::new(MAX_VERIFIED);
        Ok(KeySet { dir: dir.to_owned(), loaded: RwLock::new(loaded), last_scan: Mutex::new(Instant::now()), verified })
    }

    /// Adds a new key, which signs from now on; returns its `kid`.
    pub fn rotate(dir: &Path) -> Result<String, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        generate_key(dir)
    }

    /// Removes a key: tokens it signed stop verifying.
    pub fn remove(dir: &Path, kid: &str) -> Result<(), String> {
        let kids = list_kids(dir)?;
        if !kids.iter().any(|k| k == kid) {
            return Err(format!("no key {kid}"));
        }
        if kids.len() == 1 {
            return Err("refusing to remove the only key; rotate first".into());
        }
        std::fs::remove_file(dir.join(format!("{kid}.pem"))).map_err(|e| e.to_string())
    }

    /// The keys in a directory, oldest first (the last one signs).
    pub fn list(dir: &Path) -> Result<Vec<KeyInfo>, String> {
        let loaded = load(dir)?;
        Ok(loaded.verifying.iter().map(|(kid, (_, x))| KeyInfo { kid: kid.clone(), public_x: x.clone() }).collect())
    }

    /// Signs claims with the newest key.
    pub fn sign(&self, claims: &Claims) -> Result<String, String> {
        self.rescan_if_due(false);
        let loaded = self.loaded.read().map_err(|_| "key set lock poisoned".to_string())?;
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(loaded.signing_kid.clone());
        jsonwebtoken::encode(&header, claims, &loaded.signing).map_err(|e| e.to_string())
    }

    /// Verifies a token: EdDSA only, no critical extension (RFC 7515 §4.1.11: the hub understands
    /// none), a known `kid`, signature, `exp`, `nbf`, `iss` and `aud`.
    pub fn verify(&self, token: &str, settings: &TokenSettings) -> Result<Claims, String> {
        if let Some(claims) = self.recall(token) {
            return Ok(claims);
        }
        let header = jsonwebtoken::decode_header(token).map_err(|e| format!("malformed token: {e}"))?;
        if header.alg != Algorithm::EdDSA {
            return Err("token algorithm not accepted".into());
        }
        if header.crit.is_some() {
            return Err("token names critical header extensions the hub does not understand".into());
        }
        let kid = header.kid.ok_or("token has no kid")?;
        if !self.knows(&kid) {
            self.rescan_if_due(true);
        }
        let loaded = self.loaded.read().map_err(|_| "key set lock poisoned".to_string())?;
        let (key, _) = loaded.verifying.get(&kid).ok_or("token signed by an unknown key")?;
        let data = jsonwebtoken::decode::<Claims>(token, key, &validation(settings)).map_err(|e| e.to_string())?;
        drop(loaded);
        self.verified.put(token, (data.claims.clone(), kid));
        Ok(data.claims)
    }

    /// The claims of a token verified before, if its key is still loaded and it is still within
    /// its time window (issuer, audience and signature were checked then and cannot have changed).
    fn recall(&self, token: &str) -> Option<Claims> {
        let (claims, kid) = self.verified.get(token)?;
        let now = chrono::Utc::now().timestamp();
        let in_window = now <= claims.exp + LEEWAY && claims.nbf <= now + LEEWAY;
        (in_window && self.knows(&kid)).then_some(claims)
    }

    /// The public keys as a JWK Set (RFC 7517), for `/.well-known/jwks.json`.
    pub fn jwks(&self) -> serde_json::Value {
        self.rescan_if_due(false);
        let loaded = self.loaded.read().expect("key set lock poisoned");
        let keys: Vec<_> = loaded
            .verifying
            .iter()
            .map(|(kid, (_, x))| {
                serde_json::json!({"kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": kid, "x": x})
            })
            .collect();
        serde_json::json!({ "keys": keys })
    }

    fn knows(&self, kid: &str) -> bool {
        self.loaded.read().map(|l| l.verifying.contains_key(kid)).unwrap_or(false)
    }

    fn rescan_if_due(&self, urgent: bool) {
        let mut last = match self.last_scan.lock() {
            Ok(guard) => guard,
            Err(_) => return,
        };
        let due = if urgent { last.elapsed() >= RESCAN_INTERVAL } else { last.elapsed() >= RESCAN_INTERVAL * 12 };
        if !due {
            return;
        }
        *last = Instant::now();
        match load(&self.dir) {
            Ok(fresh) => {
                if let Ok(mut l) = self.loaded.write() {
                    *l = fresh;
                }
            }
            Err(e) => tracing::warn!(error = %e, "could not re-read the signing keys; keeping the loaded ones"),
        }
    }
}

fn validation(settings: &TokenSettings) -> Validation {
    let mut v = Validation::new(Algorithm::EdDSA);
    v.set_issuer(&[&settings.issuer]);
    v.set_audience(&[&settings.audience]);
    v.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
    v.validate_nbf = true;
    v.leeway = LEEWAY as u64;
    v
}

fn list_kids(dir: &Path) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut kids: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".pem")).map(str::to_owned))
        .collect();
    kids.sort();
    Ok(kids)
}

fn load(dir: &Path) -> Result<Loaded, String> {
    let mut verifying = BTreeMap::new();
    let mut newest: Option<(String, EncodingKey)> = None;
    for kid in list_kids(dir)? {
        let path = dir.join(format!("{kid}.pem"));
        let pem = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let key =
            SigningKey::from_pkcs8_pem(&pem).map_err(|e| format!("{} is not an Ed25519 key: {e}", path.display()))?;
        let x = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key.verifying_key().to_bytes());
        let decoding = DecodingKey::from_ed_components(&x).map_err(|e| e.to_string())?;
        let encoding = EncodingKey::from_ed_pem(pem.as_bytes()).map_err(|e| e.to_string())?;
        verifying.insert(kid.clone(), (decoding, x));
        newest = Some((kid, encoding));
    }
    let (signing_kid, signing) = newest.ok_or_else(|| format!("no signing key in {}", dir.display()))?;
    Ok(Loaded { signing_kid, signing, verifying })
}

fn generate_key(dir: &Path) -> Result<String, String> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| e.to_string())?;
    let pem = SigningKey::from_bytes(&seed).to_pkcs8_pem(LineEnding::LF).map_err(|e| e.to_string())?;
    let kid = crate::ids::new_id();
    let tmp = dir.join(format!(".{kid}.tmp"));
    write_private(&tmp, pem.as_bytes())?;
    std::fs::rename(&tmp, dir.join(format!("{kid}.pem"))).map_err(|e| e.to_string())?;
    Ok(kid)
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    f.write_all(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> TokenSettings {
        TokenSettings { issuer: "iss".into(), audience: "aud".into(), ttl_seconds: 60 }
    }

    fn claims(exp_offset: i64) -> Claims {
        let now = chrono::Utc::now().timestamp();
        Claims {
            iss: "iss".into(),
            aud: "aud".into(),
            sub: "c".into(),
            agency: "A".into(),
            roles: vec!["viewer".into()],
            scope: "agencies:read".into(),
            exp: now + exp_offset,
            iat: now,
            nbf: now,
            jti: "j".into(),
        }
    }

    fn temp_dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!("tdc-keys-{}", crate::ids::new_id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn signs_and_verifies_and_survives_rotation() {
        let dir = temp_dir();
        let set = KeySet::open(&dir).unwrap();
        let old_token = set.sign(&claims(60)).unwrap();
        KeySet::rotate(&dir).unwrap();
        let rotated = KeySet::open(&dir).unwrap();
        assert_eq!(rotated.verify(&old_token, &settings()).unwrap().sub, "c");
        let new_token = rotated.sign(&claims(60)).unwrap();
        assert_ne!(
            jsonwebtoken::decode_header(&new_token).unwrap().kid,
            jsonwebtoken::decode_header(&old_token).unwrap().kid
        );
        assert_eq!(rotated.jwks()["keys"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn refuses_expired_and_wrong_audience() {
        let dir = temp_dir();
        let set = KeySet::open(&dir).unwrap();
        assert!(set.verify(&set.sign(&claims(-3600)).unwrap(), &settings()).is_err());
        let mut other = settings();
        other.audience = "elsewhere".into();
        assert!(set.verify(&set.sign(&claims(60)).unwrap(), &other).is_err());
    }

    #[test]
    fn refuses_removing_the_last_key() {
        let dir = temp_dir();
        let set = KeySet::open(&dir).unwrap();
        drop(set);
        let only = KeySet::list(&dir).unwrap().remove(0).kid;
        assert!(KeySet::remove(&dir, &only).is_err());
    }
}
