//! `GET /api/v1`: what this hub is and what it offers.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use utoipa::ToSchema;

/// The province this hub serves.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProvinceInfo {
    /// Administrative code.
    #[schema(example = "31")]
    pub code: String,
    /// Name.
    #[schema(example = "Hải Phòng")]
    pub name: String,
}

/// Limits a client must respect.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ServiceLimits {
    /// Largest request body accepted, in bytes (an import job's file excepted).
    pub max_body_bytes: usize,
    /// Largest file an import job takes, in bytes (`POST /api/v1/import-jobs`; 413 beyond).
    pub max_import_bytes: u64,
    /// Seconds a body may take to arrive once the request's head has (408 `request_timeout` after).
    pub body_timeout_seconds: u64,
    /// Items per page when `limit` is not given.
    pub default_page_size: u32,
    /// Largest `limit` of a page.
    pub max_page_size: u32,
    /// Seconds an access token lives.
    pub token_ttl_seconds: i64,
    /// Hours an `Idempotency-Key`'s first answer is kept and replayed.
    pub idempotency_retention_hours: i64,
    /// The shortest public consultation on a draft QCĐP, in days.
    pub consultation_min_days: u32,
    /// The most comments one source address files on one draft a day without a token.
    pub public_comments_per_day: u32,
    /// A business another agency inspected within this many months before a planned period opens
    /// an overlap case when the plan is submitted (0: not checked).
    pub recent_inspection_months: u32,
    /// Requests a minute each API client may make (429 `rate_limited` beyond; every answer
    /// carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`).
    pub rate_limit_client_per_minute: u32,
    /// Requests a minute each source address may make without a token.
    pub rate_limit_anonymous_per_minute: u32,
    /// Hub instances sharing those budgets; each enforces its share.
    pub instances: u32,
    /// Failed token requests for a client from one address before further attempts are slowed
    /// down (the delay doubles up to 8 s; a success resets it).
    pub free_failed_token_attempts: u32,
}

/// Where to find the contract and the keys.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ServiceLinks {
    /// The OpenAPI document.
    pub openapi: String,
    /// The browsable API documentation.
    pub docs: String,
    /// The token endpoint.
    pub token: String,
    /// The public signing keys.
    pub jwks: String,
}

/// A description of the service.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ServiceDescription {
    /// Always `TĐC Hub`.
    pub name: String,
    /// The hub's release.
    #[schema(example = "0.1.0")]
    pub version: String,
    /// The API version in the path.
    #[schema(example = "v1")]
    pub api_version: String,
    /// The province.
    pub province: ProvinceInfo,
    /// Limits.
    pub limits: ServiceLimits,
    /// Media types of request and response bodies.
    pub formats: Vec<String>,
    /// What this release can do, for feature detection.
    pub features: Vec<String>,
    /// Links.
    pub links: ServiceLinks,
}

/// Describes the service: version, province, limits, formats, features and documentation links.
#[utoipa::path(
    get, path = "/api/v1", tag = "Operations", operation_id = "get_service_description",
    responses((status = 200, description = "The service description.", body = ServiceDescription))
)]
pub async fn describe(info: web::Data<ServiceDescription>) -> HttpResponse {
    HttpResponse::Ok().json(info.get_ref())
}
