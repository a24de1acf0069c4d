//! Reporting and coordination between the province's agencies (seed 000 Art. 15, seed 001 Art.
//! 3.2, 4.3–4.4, 15): coordination requests answered in writing within working-day periods on
//! Vietnam's calendar, late ones found by themselves, disagreements escalated to DOST and the
//! People's Committee. Reads the other domains through their `api` modules or the change feed.

pub mod api;
mod http;
pub mod model;
mod national;
mod problems;
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
        operation!(http::kpi => list),
        operation!(http::kpi => create),
        operation!(http::kpi => get),
        operation!(http::kpi => ranking),
        operation!(http::national => list),
        operation!(http::national => retry),
        operation!(http::national => changes),
        operation!(http::statistics => get),
        operation!(http::training => list),
        operation!(http::training => create),
        operation!(http::training => progress),
        operation!(http::training => get),
        operation!(http::training => history),
    ];
    Domain {
        scopes: scopes::ALL,
        operations,
        openapi: ReportingApi::openapi(),
        features: &[
            "coordination_requests",
            "periodic_reports",
            "ad_hoc_reports",
            "report_export_xlsx",
            "kpi_index",
            "national_database_connector",
            "training_activities",
            "statistics",
        ],
        jobs,
        notices: None,
        problems: problems::ALL,
        entities: &[
            store::requests::ENTITY,
            store::kpi_schemes::ENTITY,
            store::report_requests::ENTITY,
            store::submissions::ENTITY,
            store::templates::ENTITY,
            store::training::ENTITY,
        ],
        imports: vec![],
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
#[openapi(components(schemas(model::CoordinationRole, http::reports::ReportFormat)), tags(
    (name = "Training", description = "Training and awareness activities (seed 000 Art. 14, seed 001 Art. 12, seed 003 §II.1.a–đ): classes, seminars, forums, publications and media pieces, with their organiser (the lead agency) and co-organisers, audience, attendees or copies, and topics; counted for a year against a program target (`…/progress`) and in reports (`training_activities`). Shared with every agency."),
    (name = "National database", description = "The connector to the national TĐC database (seed 000 Art. 7, seed 001 Art. 6.1): what the province must synchronise — by default conformity bodies, certificates, designations and declarations, warnings once published and resolved, QCĐPs and standards, accepted reports (`TDC_NATIONAL_EVENTS`) — follows the change feed as DOST reads it (what the province shares; never another agency's restricted record), its fields renamed as configured (`TDC_NATIONAL_FIELDS`), one item per change sent to `<TDC_NATIONAL_URL>/records` with its id as `Idempotency-Key`, retried with a growing delay and then dead. Several instances send each change once."),
    (name = "KPI index", description = "The index of the agencies' performance (seed 001 Art. 15.1.b): DOST sets, per period, the components — reports on time, coordination replies within their working days, complaints closed within their statutory deadlines, warnings resolved, inspections concluded (plan execution), data freshness — and their weights as the People's Committee decided, and the agencies ranked. Each agency's score is the weighted mean of the shares of the components that apply to it, with what was counted, what was done on time and every miss by name; computed from what was recorded up to the period's end, so a past period's ranking is the same whenever it is asked for."),
    (name = "Reports", description = "Reports DOST asks of the agencies (seed 000 Art. 15, seed 001 Art. 5.2.b, 15; seed 002 §II.3): templates of indicators — computed by the hub from what the agencies recorded, or entered by them — with their deadlines; requests for a quarter or a year, or ad hoc at short notice, whose submissions are pre-filled at once so agencies add only what is missing; submitted, returned or accepted, late or on time in real time; the province's aggregate by kind of agency, exported as XLSX or CSV. A submission is restricted to its agency and DOST."),
    (name = "Coordination", description = "Coordination requests between agencies (seed 001 Art. 3.2, 4.3–4.4): the lead agency asks one or more agencies for their part, with the documents and the records it concerns (a business, an inspection, a warning, a QCĐP…). Each agency asked replies in writing within 5 working days of receipt on Vietnam's calendar (`/api/v1/calendar`), unless a specialised law sets another period or it records an in-depth check with its reason. When an agency's period passes in silence, the hub marks the request by itself (a change in the parties' feed, action `overdue`), and the lead agency may proceed on what it has — the silent agency bearing the delay. Disagreements are escalated to DOST, which settles them or reports them to the People's Committee, each step with its date. Restricted to the parties."),
))]
pub struct ReportingApi;
