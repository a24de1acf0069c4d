//! The conformity assessment registry (seed 000 Art. 9, seed 001 Art. 8): testing, inspection and
//! certification bodies, their registration certificates through every action (each a version
//! linked to its predecessor), designations for QCĐPs, conformity declarations, and the
//! notifications owed to other provinces.

pub mod api;
mod http;
pub mod model;
mod problems;
pub mod rules;
mod schema;
pub mod scopes;
mod store;

use tdc_kernel::routing::Domain;

/// What the conformity domain brings to the hub: its operations (each declared once, by its handler's
/// annotation), its part of the OpenAPI document, its features and its scheduled work.
pub fn domain() -> Domain {
    use tdc_kernel::operation;
    use utoipa::OpenApi;
    let operations = vec![
        operation!(http::bodies => list),
        operation!(http::bodies => create),
        operation!(http::bodies => get),
        operation!(http::bodies => get_by_tax_code),
        operation!(http::bodies => upsert),
        operation!(http::bodies => batch_upsert),
        operation!(http::bodies => history),
        operation!(http::export => export),
        operation!(http::certificates => issue),
        operation!(http::certificates => list),
        operation!(http::certificates => get),
        operation!(http::certificates => transition),
        operation!(http::certificates => transitions),
        operation!(http::certificates => versions),
        operation!(http::certificates => scope_on),
        operation!(http::certificates => batch_load),
        operation!(http::designations => list),
        operation!(http::designations => create),
        operation!(http::designations => get),
        operation!(http::designations => transition),
        operation!(http::designations => transitions),
        operation!(http::declarations => list),
        operation!(http::declarations => create),
        operation!(http::declarations => get),
        operation!(http::declarations => transition),
        operation!(http::notifications => list),
    ];
    Domain {
        scopes: scopes::ALL,
        operations,
        openapi: ConformityApi::openapi(),
        features: &["conformity_registry", "csv_ndjson_export", "province_notifications"],
        jobs,
        notices: None,
        problems: problems::ALL,
        entities: &[
            store::certificates::ENTITY,
            store::designations::ENTITY,
            store::bodies::ENTITY,
            store::declarations::ENTITY,
            store::notifications::ENTITY,
        ],
        imports: vec![
            tdc_kernel::import!(http::bodies => batch_upsert, model::ConformityBodyInput),
            tdc_kernel::import!(http::certificates => batch_load, model::NewCertificate),
        ],
    }
}

/// The work the registry does by itself as days pass: recording certificates' expiries.
fn jobs(home: &tdc_kernel::HomeProvince) -> Vec<tdc_kernel::schedule::Job> {
    use store::certificates::{EXPIRY_BATCH, record_expiries};
    let home = home.clone();
    let run = std::sync::Arc::new(move |c: &mut _, today| record_expiries(c, &home, today));
    vec![tdc_kernel::schedule::Job { name: "certificate_expiries", batch: EXPIRY_BATCH, run }]
}

/// The registry's part of the OpenAPI document besides the paths (which come from [`domain`]).
#[derive(utoipa::OpenApi)]
#[openapi(
    components(schemas(tdc_kernel::export::ExportFormat)),
    tags((name = "Conformity registry", description = "Testing, inspection and certification bodies, their registration certificates through every action (each a version linked to the one before), designations for QCĐPs, conformity declarations, and notifications to other provinces. The registry is public; contacts only for the managing agency."))
)]
pub struct ConformityApi;
