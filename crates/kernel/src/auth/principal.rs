//! Who is calling: the principal extracted from the bearer token of each request.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header, web};
use diesel::prelude::*;

use super::claims::{Claims, TokenSettings};
use super::keys::KeySet;
use super::roles::Role;
use crate::db::{self, DbPool, schema::api_clients};
use crate::problem::ApiError;

/// What verifies tokens: the keys, the expected issuer and audience, and the database (a
/// disabled client's tokens stop working: at once on the instance that disabled it, within
/// [`ClientChecks`]' period on the others).
pub struct Authenticator {
    /// The signing and verification keys.
    pub keys: Arc<KeySet>,
    /// Issuer, audience and lifetime.
    pub settings: TokenSettings,
    /// Where API clients are looked up.
    pub pool: DbPool,
    /// What is known of clients' state, and for how long it is trusted.
    pub clients: ClientChecks,
}

/// Whether each client was active when last looked up, trusted for a period (`TDC_CLIENT_CHECK`
/// seconds) so that a request does not cost a database round trip for it; forgotten at once when
/// the client's state changes on this instance.
pub struct ClientChecks {
    period: std::time::Duration,
    seen: super::memo::Memo<(bool, std::time::Instant)>,
}

/// The most clients remembered at once.
const MAX_REMEMBERED: usize = 100_000;

impl ClientChecks {
    /// Answers trusted for `period` (zero: every request asks the database).
    pub fn new(period: std::time::Duration) -> ClientChecks {
        ClientChecks { period, seen: super::memo::Memo::new(MAX_REMEMBERED) }
    }

    fn known(&self, client_id: &str) -> Option<bool> {
        self.seen.get(client_id).filter(|(_, at)| at.elapsed() < self.period).map(|(active, _)| active)
    }

    fn remember(&self, client_id: &str, active: bool) {
        self.seen.put(client_id, (active, std::time::Instant::now()));
    }

    /// Forgets what is known of a client: its state just changed.
    pub fn forget(&self, client_id: &str) {
        self.seen.forget(client_id);
    }
}

/// Forgets what this instance knows of a client's state (call it after disabling or enabling it).
pub fn forget_client(req: &HttpRequest, client_id: &str) {
    if let Ok(auth) = authenticator(req) {
        auth.clients.forget(client_id);
    }
}

impl Authenticator {
    /// Issues a signed token for a client; returns the token and its lifetime in seconds.
    pub fn issue(&self, client_id: &str, agency: &str, roles: &[Role], scope: &str) -> Result<(String, i64), ApiError> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            iss: self.settings.issuer.clone(),
            aud: self.settings.audience.clone(),
            sub: client_id.to_owned(),
            agency: agency.to_owned(),
            roles: roles.iter().map(|r| r.as_str().to_owned()).collect(),
            scope: scope.to_owned(),
            exp: now + self.settings.ttl_seconds,
            iat: now,
            nbf: now,
            jti: crate::ids::new_id(),
        };
        let token = self.keys.sign(&claims).map_err(ApiError::Internal)?;
        Ok((token, self.settings.ttl_seconds))
    }

    async fn authenticate(&self, token: &str) -> Result<Principal, ApiError> {
        let claims = self.keys.verify(token, &self.settings).map_err(|reason| {
            tracing::debug!(%reason, "token refused");
            ApiError::Unauthorized("the bearer token is invalid or expired".into())
        })?;
        let active = match self.clients.known(&claims.sub) {
            Some(active) => active,
            None => {
                let client_id = claims.sub.clone();
                let active = db::read(&self.pool, move |conn| {
                    let disabled: Option<bool> =
                        api_clients::table.find(&client_id).select(api_clients::disabled).first(conn).optional()?;
                    Ok(disabled == Some(false))
                })
                .await?;
                self.clients.remember(&claims.sub, active);
                active
            }
        };
        if !active {
            return Err(ApiError::Unauthorized("the token's client is disabled or no longer exists".into()));
        }
        Ok(Principal::from_claims(claims))
    }
}

/// The authenticated caller. Extracting it refuses the request with 401 unless it carries a
/// valid bearer token of an active client.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The API client's id.
    pub client_id: String,
    /// The code of the client's agency.
    pub agency_code: String,
    /// The client's roles.
    pub roles: Vec<Role>,
    /// The scopes the token grants.
    pub scopes: Vec<String>,
}

impl Principal {
    fn from_claims(c: Claims) -> Principal {
        Principal {
            client_id: c.sub,
            agency_code: c.agency,
            roles: c.roles.iter().filter_map(|r| Role::parse(r)).collect(),
            scopes: c.scope.split_whitespace().map(str::to_owned).collect(),
        }
    }

    /// Refuses with 403 `insufficient_scope` unless the token grants `scope`.
    pub fn require(&self, scope: &str) -> Result<(), ApiError> {
        if self.scopes.iter().any(|s| s == scope) { Ok(()) } else { Err(ApiError::missing_scope(scope)) }
    }

    /// Whether the caller acts for DOST's administrators.
    pub fn is_admin(&self) -> bool {
        self.roles.contains(&Role::Admin)
    }
}

fn bearer_token(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else { return Ok(None) };
    let value = value.to_str().map_err(|_| ApiError::Unauthorized("the Authorization header is not text".into()))?;
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => {
            Ok(Some(token.trim().to_owned()))
        }
        _ => Err(ApiError::Unauthorized("use `Authorization: Bearer <token>`".into())),
    }
}

fn authenticator(req: &HttpRequest) -> Result<web::Data<Authenticator>, ApiError> {
    req.app_data::<web::Data<Authenticator>>()
        .cloned()
        .ok_or_else(|| ApiError::Internal("no Authenticator registered".into()))
}

/// Draws the request on its client's budget (429 when spent); what is left goes to the
/// `RateLimit-*` headers through the request's extensions.
fn draw_on_budget(req: &HttpRequest, principal: &Principal) -> Result<(), ApiError> {
    use actix_web::HttpMessage;
    let Some(limiter) = req.app_data::<web::Data<crate::limits::Limiter>>() else { return Ok(()) };
    let drawn = limiter.client(&principal.client_id)?;
    req.extensions_mut().insert(drawn);
    Ok(())
}

/// The caller of `req`, if it sent a bearer token: verified once per request (and drawn on its
/// client's budget), then kept in the request's extensions for whoever asks next. A token that is
/// sent but invalid is 401.
pub async fn caller(req: &HttpRequest) -> Result<Option<Principal>, ApiError> {
    use actix_web::HttpMessage;
    if let Some(known) = req.extensions().get::<Principal>() {
        return Ok(Some(known.clone()));
    }
    let Some(token) = bearer_token(req)? else { return Ok(None) };
    let principal = authenticator(req)?.authenticate(&token).await?;
    draw_on_budget(req, &principal)?;
    req.extensions_mut().insert(principal.clone());
    Ok(Some(principal))
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Principal, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            caller(&req).await?.ok_or_else(|| ApiError::Unauthorized("a bearer token is required".into()))
        })
    }
}

/// The caller if a token was sent, `None` if not: for endpoints the public may read too.
/// A token that is sent but invalid is still refused with 401.
#[derive(Debug, Clone)]
pub struct MaybePrincipal(pub Option<Principal>);

impl FromRequest for MaybePrincipal {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<MaybePrincipal, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { caller(&req).await.map(MaybePrincipal) })
    }
}
