//! Inspections and enforcement: each agency's annual inspection plan, checked against the other
//! agencies' plans as it is submitted, with the overlap cases the provincial inspectorate resolves
//! (seed 000 Art. 13.3, seed 001 Art. 11.3, seed 002 §II.3).

mod http;
pub mod model;
pub mod rules;
mod schema;
pub mod scopes;
mod store;

use tdc_kernel::routing::Domain;

/// What the inspections domain brings to the hub: its operations (each declared once, by its
/// handler's annotation), its part of the OpenAPI document and its features.
pub fn domain() -> Domain {
    use tdc_kernel::operation;
    use utoipa::OpenApi;
    let operations = vec![
        operation!(http::plans => list),
        operation!(http::plans => create),
        operation!(http::plans => get),
        operation!(http::plans => update),
        operation!(http::plans => items),
        operation!(http::plans => transition),
        operation!(http::plans => transitions),
        operation!(http::plans => history),
        operation!(http::overlaps => list),
        operation!(http::overlaps => get),
        operation!(http::overlaps => resolve),
        operation!(http::overlaps => history),
    ];
    Domain {
        scopes: scopes::ALL,
        operations,
        openapi: InspectionsApi::openapi(),
        features: &["inspection_plans", "inspection_overlap_detection"],
        jobs: Domain::no_jobs,
    }
}

/// The inspections part of the OpenAPI document besides the paths (which come from [`domain`]).
#[derive(utoipa::OpenApi)]
#[openapi(tags(
    (name = "Inspection plans", description = "Each agency's annual inspection plan (the businesses and product groups it will inspect, of which kind, when, on which legal basis) through its lifecycle, and the overlap cases the hub opens when two agencies plan the same business in overlapping periods, which the provincial inspectorate resolves before either plan is approved. Shared with every agency; never public."),
))]
pub struct InspectionsApi;
