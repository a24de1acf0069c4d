//! The directory: master data every agency shares — agencies, administrative units, businesses,
//! product categories and products, the reference enumerations — and the API clients that act
//! for agencies, with the token endpoint that turns a client's secret into a JWT.

pub mod api;
pub mod bootstrap;
mod http;
pub mod model;
mod official_units;
mod problems;
pub mod reference;
pub mod rules;
#[cfg(test)]
mod rules_props;
mod schema;
pub mod scopes;
pub mod secrets;
mod store;
pub mod token_guard;

use tdc_kernel::routing::Domain;

/// What the directory domain brings to the hub: its operations (each declared once, by its handler's
/// annotation), its part of the OpenAPI document, its features and its scheduled work.
pub fn domain() -> Domain {
    use tdc_kernel::operation;
    use utoipa::OpenApi;
    let operations = vec![
        operation!(http::token => issue),
        operation!(http::agencies => list),
        operation!(http::agencies => create),
        operation!(http::agencies => get),
        operation!(http::agencies => update),
        operation!(http::agencies => history),
        operation!(http::clients => history),
        operation!(http::clients => transitions),
        operation!(http::businesses => list),
        operation!(http::businesses => create),
        operation!(http::businesses => get),
        operation!(http::businesses => get_by_tax_code),
        operation!(http::businesses => upsert),
        operation!(http::businesses => history),
        operation!(http::businesses => batch_upsert),
        operation!(reference => list),
        operation!(http::units => list),
        operation!(http::units => get),
        operation!(http::units => upsert),
        operation!(http::units => batch_upsert),
        operation!(http::units => load_official),
        operation!(http::categories => list),
        operation!(http::categories => get),
        operation!(http::categories => upsert),
        operation!(http::products => list),
        operation!(http::products => create),
        operation!(http::products => get),
        operation!(http::products => get_by_gtin),
        operation!(http::products => upsert),
        operation!(http::products => batch_upsert),
        operation!(http::products => history),
        operation!(http::clients => list),
        operation!(http::clients => create),
        operation!(http::clients => get),
        operation!(http::clients => update),
        operation!(http::clients => transition),
        operation!(http::clients => rotate_secret),
    ];
    Domain {
        operations,
        scopes: scopes::ALL,
        openapi: DirectoryApi::openapi(),
        features: &["master_data"],
        jobs: Domain::no_jobs,
        notices: None,
        problems: problems::ALL,
        entities: &[
            store::units::ENTITY,
            store::agencies::ENTITY,
            store::clients::ENTITY,
            store::businesses::ENTITY,
            store::products::ENTITY,
            store::categories::ENTITY,
        ],
        imports: vec![
            tdc_kernel::import!(http::businesses => batch_upsert, model::BusinessInput),
            tdc_kernel::import!(http::units => batch_upsert, model::AdministrativeUnitInput),
            tdc_kernel::import!(http::products => batch_upsert, model::ProductInput),
        ],
    }
}

/// The directory's part of the OpenAPI document besides the paths (which come from [`domain`]).
#[derive(utoipa::OpenApi)]
#[openapi(
    tags(
        (name = "Authentication", description = "OAuth2 client credentials: a client's id and secret for a signed, short-lived JWT."),
        (name = "Agencies", description = "The agencies that take part in TĐC management: DOST, departments, communes, the inspectorate, customs…"),
        (name = "Businesses", description = "Businesses by tax code (mã số thuế): entered once, shared by every agency. Personal data (a representative's name, a phone number) is shown only to the lead agency."),
        (name = "Reference", description = "Enumerations with their Vietnamese and English labels."),
        (name = "Administrative units", description = "The province and its communes since 2025-07-01, and the districts, communes and provinces they replaced: old codes keep resolving to today's units."),
        (name = "Products", description = "Products (by GTIN when they have one) and product categories with their risk class, which targets inspections."),
        (name = "API clients", description = "The systems that call the hub on an agency's behalf, their roles and secrets (DOST's administrators)."),
    )
)]
pub struct DirectoryApi;
