//! Operations: liveness, readiness, metrics and the public signing keys.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use tdc_kernel::auth::Authenticator;
use tdc_kernel::db::{self, DbPool, NotReady};
use utoipa::ToSchema;

use crate::middleware::metrics::Metrics;

/// The answer of the health endpoints.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `unavailable` with `reason`.
    #[schema(example = "ok")]
    pub status: String,
    /// Why the hub is not ready.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Liveness: the process answers.
#[utoipa::path(
    get, path = "/healthz", tag = "Operations", operation_id = "get_health",
    responses((status = 200, description = "The process is alive.", body = Health))
)]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok".into(), reason: None })
}

/// Readiness: the database answers and every migration is applied.
#[utoipa::path(
    get, path = "/readyz", tag = "Operations", operation_id = "get_readiness",
    responses(
        (status = 200, description = "Ready to serve.", body = Health),
        (status = 503, description = "The database is unreachable or migrations are pending; `Retry-After` says when to look again.", body = Health),
    )
)]
pub async fn readyz(pool: web::Data<DbPool>) -> HttpResponse {
    let reason = match db::readiness(&pool).await {
        Ok(()) => return HttpResponse::Ok().json(Health { status: "ok".into(), reason: None }),
        Err(NotReady::MigrationsPending) => "migrations are pending: run `tdc-hub migrate`",
        Err(NotReady::Unreachable) => "the database is unreachable",
    };
    tracing::warn!(reason, "not ready");
    HttpResponse::ServiceUnavailable()
        .insert_header(("Retry-After", "5"))
        .json(Health { status: "unavailable".into(), reason: Some(reason.into()) })
}

/// Prometheus metrics (text exposition format).
#[utoipa::path(
    get, path = "/metrics", tag = "Operations", operation_id = "get_metrics",
    responses((status = 200, description = "Metrics in Prometheus text format.", body = String, content_type = "text/plain; version=0.0.4"))
)]
pub async fn metrics(metrics: web::Data<Metrics>, pool: web::Data<DbPool>) -> HttpResponse {
    let figures = tdc_kernel::db::read(&pool, crate::middleware::metrics::Figures::read).await.unwrap_or_default();
    HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(metrics.render(&pool, &figures))
}

/// One public key of the hub (RFC 8037: Ed25519 as an OKP JWK).
#[derive(Debug, Serialize, ToSchema)]
pub struct Jwk {
    /// Always `OKP`.
    pub kty: String,
    /// Always `Ed25519`.
    pub crv: String,
    /// Always `EdDSA`.
    pub alg: String,
    /// Always `sig`.
    #[serde(rename = "use")]
    pub use_: String,
    /// The key id tokens name in their header.
    pub kid: String,
    /// The public key, base64url.
    pub x: String,
}

/// The hub's public signing keys (RFC 7517).
#[derive(Debug, Serialize, ToSchema)]
pub struct JwkSet {
    /// Every key that verifies tokens now; the newest signs.
    pub keys: Vec<Jwk>,
}

/// The public keys that verify the hub's tokens, for other systems to check them offline.
#[utoipa::path(
    get, path = "/.well-known/jwks.json", tag = "Authentication", operation_id = "get_jwks",
    responses((status = 200, description = "The JWK Set.", body = JwkSet))
)]
pub async fn jwks(auth: web::Data<Authenticator>) -> HttpResponse {
    HttpResponse::Ok().insert_header(("Cache-Control", "public, max-age=300")).json(auth.keys.jwks())
}
