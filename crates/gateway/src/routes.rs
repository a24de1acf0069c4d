//! Every route of the hub: the gateway's own, each domain's operations, the docs, and the fallback.

use actix_web::{HttpResponse, web};
use tdc_kernel::routing::{self, Operation};
use utoipa_swagger_ui::SwaggerUi;

/// Registers every route; `document` is served at `/api/v1/openapi.json` and browsed at `/docs/`.
pub fn configure(
    document: utoipa::openapi::OpenApi,
    operations: Vec<Operation>,
) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        routing::configure(cfg, &operations);
        cfg.service(SwaggerUi::new("/docs/{_:.*}").url("/api/v1/openapi.json", document))
            .service(web::resource("/docs").route(web::get().to(docs_redirect)))
            .default_service(web::to(HttpResponse::NotFound));
    }
}

async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect().insert_header(("Location", "/docs/")).finish()
}
