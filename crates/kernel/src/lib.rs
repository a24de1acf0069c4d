//! The kernel of TĐC Hub: what every domain crate stands on.
//!
//! - [`problem`]: RFC 9457 errors, the one error type of every handler;
//! - [`access`] and [`changes`]: row-level rules, history and the change feed;
//! - [`db`]: one code path over SQLite and PostgreSQL, migrations, transactions;
//! - [`auth`]: signed tokens, roles, scopes and the calling principal;
//! - [`extract`]: body and query extractors whose refusals name the field;
//! - [`idempotency`] and [`batch`]: safe retries of every `POST`, and small batches;
//! - [`paging`] and [`versions`]: cursor pages, ETags, `If-Match` and upsert decisions;
//! - [`ids`], [`text`], [`validation`]: identifiers, text normalization, field errors;
//! - [`schedule`]: work the hub does by itself as days pass.

pub mod access;
pub mod auth;
pub mod batch;
pub mod calendar;
pub mod changes;
pub mod db;
pub mod extract;
pub mod idempotency;
pub mod ids;
pub mod lifecycle;
pub mod names;
pub mod paging;
pub mod problem;
pub mod schedule;
pub mod text;
pub mod validation;
pub mod versions;

pub use problem::{ApiError, FieldError, Problem};

/// The province this hub serves; handlers that tell other provinces of a change take it from the
/// application data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeProvince {
    /// Its administrative code, e.g. `31` for Hải Phòng.
    pub code: String,
    /// Its name.
    pub name: String,
}

/// Registers the kernel's own routes (the change feed).
pub fn routes(cfg: &mut actix_web::web::ServiceConfig) {
    use actix_web::web;
    cfg.service(web::resource("/api/v1/changes").route(web::get().to(changes::http::list)));
}

/// The kernel's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(changes::http::list),
    components(schemas(changes::HistoryPage, changes::HistoryEntry, access::Sharing)),
    tags((name = "Change feed", description = "Every committed change in commit order, for the national-database connector and other provinces."))
)]
pub struct KernelApi;
