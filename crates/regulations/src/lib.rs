//! Regulations: the standards catalogue that local technical regulations (QCĐP) cite.
//! QCĐPs through their lifecycle, and programs and plans, come next (issue 4).

pub mod http;
pub mod model;
pub mod rules;
pub mod store;

use actix_web::web;

/// Registers the regulations routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    use http::standards;
    cfg.service(
        web::resource("/api/v1/standards")
            .route(web::get().to(standards::list))
            .route(web::post().to(standards::create)),
    )
    .service(web::resource("/api/v1/standards/batch").route(web::post().to(standards::batch_upsert)))
    .service(
        web::resource("/api/v1/standards/by-designation/{designation:.*}")
            .route(web::get().to(standards::get_by_designation))
            .route(web::put().to(standards::upsert)),
    )
    .service(web::resource("/api/v1/standards/{id}").route(web::get().to(standards::get)))
    .service(web::resource("/api/v1/standards/{id}/history").route(web::get().to(standards::history)));
}

/// The regulations part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        http::standards::list, http::standards::create, http::standards::get, http::standards::get_by_designation,
        http::standards::upsert, http::standards::batch_upsert, http::standards::history,
    ),
    tags((name = "Standards", description = "The catalogue of national (TCVN), international (ISO, IEC, Codex…), regional and foreign standards that regulations cite. Public."))
)]
pub struct RegulationsApi;
