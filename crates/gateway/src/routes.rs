//! Every route of the hub: the gateway's own, each domain's operations, the docs, and the fallback.

use std::sync::Arc;

use actix_web::{HttpResponse, web};
use tdc_kernel::routing::{self, Operation};
use utoipa_swagger_ui::SwaggerUi;

/// Registers every route; `document` (the OpenAPI document's JSON) is served at
/// `/api/v1/openapi.json` and browsed at `/docs/`.
pub fn configure(document: web::Bytes, operations: Arc<Vec<Operation>>) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        routing::configure(cfg, &operations);
        let serve = move || {
            let document = document.clone();
            async move { HttpResponse::Ok().content_type("application/json").body(document) }
        };
        cfg.service(web::resource("/api/v1/openapi.json").route(web::get().to(serve)))
            .service(SwaggerUi::new("/docs/{_:.*}").config(utoipa_swagger_ui::Config::from("/api/v1/openapi.json")))
            .service(web::resource("/docs").route(web::get().to(docs_redirect)))
            .default_service(web::to(HttpResponse::NotFound));
    }
}

async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect().insert_header(("Location", "/docs/")).finish()
}
