//! `POST /api/v1/auth/token`: OAuth2 client credentials (RFC 6749 §4.4) for a signed JWT.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use base64::Engine;
use tdc_kernel::Problem;
use tdc_kernel::auth::{Authenticator, Grants, Role};
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::problem::PROBLEM_TYPE_BASE;

use crate::model::{OAuthError, TokenRequest, TokenResponse};
use crate::store::clients;
use crate::token_guard::TokenGuard;

/// Exchanges a client's id and secret for an access token.
///
/// Repeated wrong secrets for a client from one address are slowed down: after three in a row,
/// each further attempt is held before it is checked, the delay doubling up to 8 s; a success
/// forgets them (`GET /api/v1` says how many are free).
#[utoipa::path(
    post, path = "/api/v1/auth/token", tag = "Authentication", operation_id = "issue_token",
    request_body(
        description = "Form-encoded, as OAuth2 says. The server also accepts the same fields as `application/json`, and the client's id and secret as HTTP Basic instead of fields.",
        content = TokenRequest,
        content_type = "application/x-www-form-urlencoded"
    ),
    responses(
        (status = 200, description = "The access token.", body = TokenResponse),
        (status = 400, description = "`invalid_request`, `unsupported_grant_type` or `invalid_scope`.", body = OAuthError),
        (status = 401, description = "`invalid_client`: unknown client, wrong secret, or a disabled client.", body = OAuthError),
        (status = 429, description = "This address has used its requests without a token for now (`rate_limited`); see `Retry-After`.", body = Problem),
        (status = 503, description = "`temporarily_unavailable`: every secret check is taken; retry after `Retry-After`.", body = OAuthError),
    )
)]
pub async fn issue(
    req: HttpRequest,
    body: tdc_kernel::extract::Body,
    pool: web::Data<DbPool>,
    auth: web::Data<Authenticator>,
) -> HttpResponse {
    match exchange(&req, &body.0, &pool, &auth).await {
        Ok(token) => HttpResponse::Ok()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .insert_header((header::PRAGMA, "no-cache"))
            .json(token),
        Err(refusal) => refusal.response(),
    }
}

async fn exchange(
    req: &HttpRequest,
    body: &[u8],
    pool: &DbPool,
    auth: &Authenticator,
) -> Result<TokenResponse, Refusal> {
    let form = parse_request(req, body)?;
    match form.grant_type.as_deref() {
        Some("client_credentials") => {}
        Some(other) => {
            return Err(Refusal::bad(
                "unsupported_grant_type",
                &format!("grant_type `{other}` is not supported; use client_credentials"),
            ));
        }
        None => return Err(Refusal::bad("invalid_request", "grant_type is required")),
    }
    let (client_id, secret) = credentials(req, &form)?;
    let (guard, source) = (guard_of(req)?, tdc_kernel::limits::source_of(req));
    let delay = guard.delay(&client_id, &source);
    if !delay.is_zero() {
        actix_web::rt::time::sleep(delay).await;
    }
    let lookup_id = client_id.clone();
    let found = db::read(pool, move |c| clients::credentials(c, &lookup_id)).await.map_err(|e| Refusal::server(&e))?;
    let stored = found.as_ref().map(|c| c.secret_hash.clone());
    let ok = guard.check(secret, stored).await.map_err(|_| Refusal::busy())?;
    let client = match found {
        Some(c) if ok && !c.disabled => c,
        _ => {
            guard.failed(&client_id, &source);
            return Err(Refusal::invalid_client(basic_used(req)));
        }
    };
    guard.succeeded(&client_id, &source);
    let scope = granted_scope(&client.roles, form.scope.as_deref())?;
    let (access_token, expires_in) =
        auth.issue(&client_id, &client.agency_code, &client.roles, &scope).map_err(|e| Refusal::server(&e))?;
    tracing::info!(client_id = %client_id, "token issued");
    Ok(TokenResponse { access_token, token_type: "Bearer".into(), expires_in, scope })
}

/// The hub's token guard (registered by the gateway, like the pool).
fn guard_of(req: &HttpRequest) -> Result<web::Data<TokenGuard>, Refusal> {
    let missing = || Refusal::server(&tdc_kernel::ApiError::Internal("no TokenGuard registered".into()));
    req.app_data::<web::Data<TokenGuard>>().cloned().ok_or_else(missing)
}

fn parse_request(req: &HttpRequest, body: &[u8]) -> Result<TokenRequest, Refusal> {
    let ct = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if body.is_empty() && basic_used(req) {
        return Ok(TokenRequest::default());
    }
    match essence.as_str() {
        "application/x-www-form-urlencoded" => serde_urlencoded::from_bytes(body)
            .map_err(|e| Refusal::bad("invalid_request", &format!("the form body is invalid: {e}"))),
        "application/json" => serde_json::from_slice(body)
            .map_err(|e| Refusal::bad("invalid_request", &format!("the JSON body is invalid: {e}"))),
        _ => Err(Refusal::bad(
            "invalid_request",
            "send the request as application/x-www-form-urlencoded or application/json",
        )),
    }
}

fn basic_used(req: &HttpRequest) -> bool {
    basic_credentials(req).is_some()
}

fn basic_credentials(req: &HttpRequest) -> Option<(String, String)> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    let unescape = |s: &str| form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned());
    Some((unescape(id)?, unescape(secret)?))
}

fn credentials(req: &HttpRequest, form: &TokenRequest) -> Result<(String, String), Refusal> {
    if let Some(pair) = basic_credentials(req) {
        return Ok(pair);
    }
    match (&form.client_id, &form.client_secret) {
        (Some(id), Some(secret)) => Ok((id.clone(), secret.clone())),
        _ => Err(Refusal::invalid_client(false)),
    }
}

fn granted_scope(roles: &[Role], requested: Option<&str>) -> Result<String, Refusal> {
    let allowed = Grants::installed().for_roles(roles);
    let Some(requested) = requested.filter(|s| !s.trim().is_empty()) else { return Ok(allowed.join(" ")) };
    let mut wanted: Vec<&str> = requested.split_whitespace().collect();
    if let Some(extra) = wanted.iter().find(|s| !allowed.contains(s)) {
        return Err(Refusal::bad("invalid_scope", &format!("the client may not have the scope `{extra}`")));
    }
    wanted.sort_unstable();
    wanted.dedup();
    Ok(wanted.join(" "))
}

/// A refused token request.
struct Refusal {
    status: StatusCode,
    error: &'static str,
    description: String,
    basic_challenge: bool,
}

impl Refusal {
    fn bad(error: &'static str, description: &str) -> Refusal {
        Refusal { status: StatusCode::BAD_REQUEST, error, description: description.into(), basic_challenge: false }
    }

    fn invalid_client(basic_challenge: bool) -> Refusal {
        Refusal {
            status: StatusCode::UNAUTHORIZED,
            error: "invalid_client",
            description: "unknown client, wrong secret, or a disabled client".into(),
            basic_challenge,
        }
    }

    fn busy() -> Refusal {
        tracing::warn!("token request refused: every secret check is taken");
        Refusal {
            status: StatusCode::SERVICE_UNAVAILABLE,
            error: "temporarily_unavailable",
            description: "the hub is checking many secrets; try again shortly".into(),
            basic_challenge: false,
        }
    }

    fn server(e: &tdc_kernel::ApiError) -> Refusal {
        use actix_web::ResponseError;
        tracing::error!(error = %e, "token request failed");
        Refusal {
            status: e.status_code(),
            error: "server_error",
            description: "try again later".into(),
            basic_challenge: false,
        }
    }

    fn response(self) -> HttpResponse {
        let body = OAuthError {
            error: self.error.into(),
            error_description: self.description.clone(),
            type_uri: format!("{PROBLEM_TYPE_BASE}{}", self.error),
            title: "Token request refused".into(),
            status: self.status.as_u16(),
            code: self.error.into(),
            request_id: None,
        };
        let mut res = HttpResponse::build(self.status);
        res.insert_header((header::CACHE_CONTROL, "no-store"));
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            res.insert_header((header::RETRY_AFTER, "2"));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            let challenge = if self.basic_challenge { "Basic realm=\"tdc-hub\"" } else { "Bearer" };
            res.insert_header((header::WWW_AUTHENTICATE, challenge));
        }
        res.json(body)
    }
}
