//! The conformity assessment registry (seed 000 Art. 9, seed 001 Art. 8): testing, inspection and
//! certification bodies, their registration certificates through every action (each a version
//! linked to its predecessor), designations for QCĐPs, conformity declarations, and the
//! notifications owed to other provinces.

mod http;
pub mod model;
pub mod rules;
mod store;

use actix_web::web;

/// Registers the registry's routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    use http::{bodies, certificates, declarations, designations, export, notifications};
    const BODIES: &str = "/api/v1/conformity-bodies";
    cfg.service(web::resource(BODIES).route(web::get().to(bodies::list)).route(web::post().to(bodies::create)))
        .service(web::resource(format!("{BODIES}/batch")).route(web::post().to(bodies::batch_upsert)))
        .service(web::resource(format!("{BODIES}/export")).route(web::get().to(export::export)))
        .service(
            web::resource(format!("{BODIES}/by-tax-code/{{tax_code}}"))
                .route(web::get().to(bodies::get_by_tax_code))
                .route(web::put().to(bodies::upsert)),
        )
        .service(web::resource(format!("{BODIES}/{{id}}")).route(web::get().to(bodies::get)))
        .service(web::resource(format!("{BODIES}/{{id}}/history")).route(web::get().to(bodies::history)))
        .service(web::resource(format!("{BODIES}/{{id}}/certificates")).route(web::post().to(certificates::issue)));
    const CERTIFICATES: &str = "/api/v1/certificates";
    cfg.service(web::resource(CERTIFICATES).route(web::get().to(certificates::list)))
        .service(web::resource(format!("{CERTIFICATES}/batch")).route(web::post().to(certificates::batch_load)))
        .service(web::resource(format!("{CERTIFICATES}/{{id}}")).route(web::get().to(certificates::get)))
        .service(
            web::resource(format!("{CERTIFICATES}/{{id}}/transitions"))
                .route(web::get().to(certificates::transitions))
                .route(web::post().to(certificates::transition)),
        )
        .service(web::resource(format!("{CERTIFICATES}/{{id}}/versions")).route(web::get().to(certificates::versions)))
        .service(web::resource(format!("{CERTIFICATES}/{{id}}/scope")).route(web::get().to(certificates::scope_on)));
    const DESIGNATIONS: &str = "/api/v1/designations";
    cfg.service(
        web::resource(DESIGNATIONS)
            .route(web::get().to(designations::list))
            .route(web::post().to(designations::create)),
    )
    .service(web::resource(format!("{DESIGNATIONS}/{{id}}")).route(web::get().to(designations::get)))
    .service(
        web::resource(format!("{DESIGNATIONS}/{{id}}/transitions"))
            .route(web::get().to(designations::transitions))
            .route(web::post().to(designations::transition)),
    );
    const DECLARATIONS: &str = "/api/v1/conformity-declarations";
    cfg.service(
        web::resource(DECLARATIONS)
            .route(web::get().to(declarations::list))
            .route(web::post().to(declarations::create)),
    )
    .service(web::resource(format!("{DECLARATIONS}/{{id}}")).route(web::get().to(declarations::get)))
    .service(
        web::resource(format!("{DECLARATIONS}/{{id}}/transitions")).route(web::post().to(declarations::transition)),
    )
    .service(web::resource("/api/v1/province-notifications").route(web::get().to(notifications::list)));
}

/// The work the registry does by itself as days pass: recording certificates' expiries.
pub fn jobs(home: tdc_kernel::HomeProvince) -> Vec<tdc_kernel::schedule::Job> {
    use store::certificates::{EXPIRY_BATCH, record_expiries};
    let run = std::sync::Arc::new(move |c: &mut _, today| record_expiries(c, &home, today));
    vec![tdc_kernel::schedule::Job { name: "certificate_expiries", batch: EXPIRY_BATCH, run }]
}

/// The registry's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        http::bodies::list, http::bodies::create, http::bodies::get, http::bodies::get_by_tax_code, http::bodies::upsert,
        http::bodies::batch_upsert, http::bodies::history, http::export::export,
        http::certificates::issue, http::certificates::list, http::certificates::get, http::certificates::transition,
        http::certificates::transitions, http::certificates::versions, http::certificates::scope_on,
        http::certificates::batch_load,
        http::designations::list, http::designations::create, http::designations::get, http::designations::transition,
        http::designations::transitions,
        http::declarations::list, http::declarations::create, http::declarations::get, http::declarations::transition,
        http::notifications::list,
    ),
    components(schemas(http::export::ExportFormat)),
    tags((name = "Conformity registry", description = "Testing, inspection and certification bodies, their registration certificates through every action (each a version linked to the one before), designations for QCĐPs, conformity declarations, and notifications to other provinces. The registry is public; contacts only for the managing agency."))
)]
pub struct ConformityApi;
