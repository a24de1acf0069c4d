//! The rooms the hub is made of. Adding a domain is one line here (and its crate and migrations):
//! routes, the OpenAPI document, the features of `GET /api/v1` and the scheduled work all come from
//! this list.

use tdc_kernel::auth::Grants;
use tdc_kernel::operation;
use tdc_kernel::routing::Domain;
use utoipa::OpenApi;

/// Every domain, the gateway's own first; their scopes become the hub's grants.
pub fn all() -> Vec<Domain> {
    let domains = vec![
        gateway(),
        tdc_kernel::domain(),
        tdc_directory::domain(),
        tdc_regulations::domain(),
        tdc_conformity::domain(),
        tdc_inspections::domain(),
        tdc_traceability::domain(),
        tdc_surveillance::domain(),
        tdc_reporting::domain(),
    ];
    Grants::install(Grants::new(domains.iter().flat_map(|d| d.scopes)));
    domains
}

/// The gateway's own operations: health, readiness, metrics, keys and the service description.
fn gateway() -> Domain {
    use crate::http::{ops, problems, service};
    let operations = vec![
        operation!(service => describe),
        operation!(ops => healthz),
        operation!(ops => readyz),
        operation!(ops => metrics),
        operation!(ops => jwks),
        operation!(problems => list),
        operation!(problems => get),
    ];
    Domain {
        operations,
        openapi: crate::openapi::GatewayApi::openapi(),
        scopes: &[],
        features: &[
            "oauth2_client_credentials",
            "jwks",
            "access_levels",
            "diacritic_insensitive_search",
            "problem_json",
            "openapi_3_1",
        ],
        jobs: Domain::no_jobs,
        notices: None,
        problems: &[],
        entities: &[],
        imports: vec![],
    }
}
