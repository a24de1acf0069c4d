//! Every route of the hub: the gateway's own, each domain's, the docs, and the fallback.

use actix_web::{HttpResponse, web};
use utoipa_swagger_ui::SwaggerUi;

use crate::http::{ops, service};

/// Registers every route; `document` is served at `/api/v1/openapi.json` and browsed at `/docs/`.
pub fn configure(document: utoipa::openapi::OpenApi) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        cfg.service(web::resource("/healthz").route(web::get().to(ops::healthz)))
            .service(web::resource("/readyz").route(web::get().to(ops::readyz)))
            .service(web::resource("/metrics").route(web::get().to(ops::metrics)))
            .service(web::resource("/.well-known/jwks.json").route(web::get().to(ops::jwks)))
            .service(web::resource("/api/v1").route(web::get().to(service::describe)))
            .configure(tdc_kernel::routes)
            .configure(tdc_directory::routes)
            .configure(tdc_regulations::routes)
            .configure(tdc_conformity::routes)
            .service(SwaggerUi::new("/docs/{_:.*}").url("/api/v1/openapi.json", document))
            .service(web::resource("/docs").route(web::get().to(docs_redirect)))
            .default_service(web::to(HttpResponse::NotFound));
    }
}

async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect().insert_header(("Location", "/docs/")).finish()
}
