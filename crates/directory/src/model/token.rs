//! OAuth2 client-credentials token exchange (RFC 6749 §4.4).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A token request. Send it as `application/x-www-form-urlencoded` (the OAuth2 way) or as
/// JSON; the client's id and secret may instead come as HTTP Basic credentials.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct TokenRequest {
    /// Must be `client_credentials`.
    #[schema(example = "client_credentials")]
    pub grant_type: Option<String>,
    /// The client's id (unless sent as HTTP Basic).
    #[schema(example = "admin")]
    pub client_id: Option<String>,
    /// The client's secret (unless sent as HTTP Basic).
    pub client_secret: Option<String>,
    /// Space-separated scopes wanted; a subset of the client's. Absent: all of them.
    #[schema(example = "agencies:read")]
    pub scope: Option<String>,
}

/// An issued access token.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    /// The JWT (EdDSA-signed) to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
    /// The scopes granted, space-separated.
    #[schema(example = "agencies:read clients:read")]
    pub scope: String,
}

/// A refused token request, in OAuth2's shape (RFC 6749 §5.2) with the problem fields beside it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OAuthError {
    /// `invalid_request`, `invalid_client`, `unsupported_grant_type` or `invalid_scope`.
    #[schema(example = "invalid_client")]
    pub error: String,
    /// Human-readable explanation.
    pub error_description: String,
    /// Problem type URI (RFC 9457).
    #[serde(rename = "type")]
    pub type_uri: String,
    /// Short summary.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// Same as `error`.
    pub code: String,
    /// The request's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}
