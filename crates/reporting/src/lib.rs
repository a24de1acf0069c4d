//! Reporting and coordination between the province's agencies (seed 000 Art. 15, seed 001 Art.
//! 3.2, 4.3–4.4, 15): coordination requests answered in writing within working-day periods on
//! Vietnam's calendar, late ones found by themselves, disagreements escalated to DOST and the
//! People's Committee. Reads the other domains through their `api` modules or the change feed.

mod http;
pub mod model;
pub mod rules;
mod schema;
pub mod scopes;
mod store;

use tdc_kernel::routing::Domain;

/// What the reporting domain brings to the hub: its operations (each declared once, by its
/// handler's annotation), its part of the OpenAPI document, its features and its scheduled work.
pub fn domain() -> Domain {
    use tdc_kernel::operation;
    use utoipa::OpenApi;
    let operations = vec![
        operation!(http::coordination => list),
        operation!(http::coordination => create),
        operation!(http::coordination => get),
        operation!(http::coordination => reply),
        operation!(http::coordination => in_depth),
        operation!(http::coordination => transition),
        operation!(http::coordination => transitions),
        operation!(http::coordination => history),
        operation!(http::reports => list_templates),
        operation!(http::reports => create_template),
        operation!(http::reports => get_template),
        operation!(http::reports => list_requests),
        operation!(http::reports => create_request),
        operation!(http::reports => get_request),
        operation!(http::reports => aggregate),
        operation!(http::reports => export),
        operation!(http::submissions => list),
        operation!(http::submissions => get),
        operation!(http::submissions => values),
        operation!(http::submissions => transition),
        operation!(http::submissions => transitions),
        operation!(http::submissions => history),
    ];
    Domain {
        scopes: scopes::ALL,
        operations,
        openapi: ReportingApi::openapi(),
        features: &["coordination_requests", "periodic_reports", "ad_hoc_reports", "report_export_xlsx"],
        jobs,
        notices: None,
    }
}

/// The work the domain does by itself as days pass: telling the parties when an agency's period
/// passed without its reply.
fn jobs(_home: &tdc_kernel::HomeProvince) -> Vec<tdc_kernel::schedule::Job> {
    use store::overdue::{OVERDUE_BATCH, record_overdue};
    let run = std::sync::Arc::new(record_overdue);
    vec![tdc_kernel::schedule::Job { name: "coordination_overdue", batch: OVERDUE_BATCH, run }]
}

/// The reporting part of the OpenAPI document besides the paths (which come from [`domain`]).
#[derive(utoipa::OpenApi)]
#[openapi(tags(
    (name = "Coordination", description = "Coordination requests between agencies (seed 001 Art. 3.2, 4.3–4.4): the lead agency asks one or more agencies for their part, with the documents and the records it concerns (a business, an inspection, a warning, a QCĐP…). Each agency asked replies in writing within 5 working days of receipt on Vietnam's calendar (`/api/v1/calendar`), unless a specialised law sets another period or it records an in-depth check with its reason. When an agency's period passes in silence, the hub marks the request by itself (a change in the parties' feed, action `overdue`), and the lead agency may proceed on what it has — the silent agency bearing the delay. Disagreements are escalated to DOST, which settles them or reports them to the People's Committee, each step with its date. Restricted to the parties."),
))]
pub struct ReportingApi;
