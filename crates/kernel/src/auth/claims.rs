//! The claims of a hub access token and the settings they are checked against.

use serde::{Deserialize, Serialize};

/// What the hub puts in (and requires of) every access token.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claims {
    /// Issuer: the hub's configured issuer.
    pub iss: String,
    /// Audience: the hub's configured audience.
    pub aud: String,
    /// Subject: the API client's id.
    pub sub: String,
    /// The code of the client's agency.
    pub agency: String,
    /// The client's roles.
    pub roles: Vec<String>,
    /// Granted scopes, space-separated (RFC 8693 style).
    pub scope: String,
    /// Expiry, seconds since the epoch.
    pub exp: i64,
    /// Issued at, seconds since the epoch.
    pub iat: i64,
    /// Not before, seconds since the epoch.
    pub nbf: i64,
    /// Unique token id.
    pub jti: String,
}

/// Issuer, audience and lifetime of the tokens this hub issues.
#[derive(Debug, Clone)]
pub struct TokenSettings {
    /// `iss` of issued tokens, and the only issuer accepted.
    pub issuer: String,
    /// `aud` of issued tokens, and the only audience accepted.
    pub audience: String,
    /// Seconds a token stays valid.
    pub ttl_seconds: i64,
}
