//! Market surveillance and the public's channel (seed 000 Art. 11, seed 001 Art. 10.1.h): rapid
//! warnings on unsafe or non-conforming goods — the product and its lots, the hazard and its risk,
//! the source, the measures — through their lifecycle, other agencies' follow-up reactions, the
//! recall scope traced through the supply chain's events, and the public alert feed; quality
//! surveys whose failing samples draft warnings; the registers of measuring instruments and their
//! verification; complaints with sealed identities, routed and due in working days.

mod http;
pub mod model;
mod problems;
pub mod rules;
mod schema;
pub mod scopes;
mod store;

use tdc_kernel::routing::Domain;

/// What the surveillance domain brings to the hub: its operations (each declared once, by its
/// handler's annotation), its part of the OpenAPI document and its features.
pub fn domain() -> Domain {
    use tdc_kernel::operation;
    use utoipa::OpenApi;
    let operations = vec![
        operation!(http::warnings => list),
        operation!(http::warnings => create),
        operation!(http::warnings => get),
        operation!(http::warnings => transition),
        operation!(http::warnings => transitions),
        operation!(http::warnings => history),
        operation!(http::reactions => list),
        operation!(http::reactions => create),
        operation!(http::reactions => get),
        operation!(http::feed => atom_feed),
        operation!(http::feed => recall_scope),
        operation!(http::feed => figures),
        operation!(http::surveys => list),
        operation!(http::surveys => create),
        operation!(http::surveys => get),
        operation!(http::surveys => transition),
        operation!(http::surveys => transitions),
        operation!(http::surveys => history),
        operation!(http::surveys => progress),
        operation!(http::samples => list),
        operation!(http::samples => create),
        operation!(http::samples => get),
        operation!(http::samples => result),
        operation!(http::instruments => list),
        operation!(http::instruments => create),
        operation!(http::instruments => get),
        operation!(http::instruments => update),
        operation!(http::instruments => batch_upsert),
        operation!(http::instruments => due_by_commune),
        operation!(http::instruments => history),
        operation!(http::complaints => list),
        operation!(http::complaints => create),
        operation!(http::complaints => get),
        operation!(http::complaints => transition),
        operation!(http::complaints => transitions),
        operation!(http::complaints => history),
        operation!(http::complaints => reveal),
        operation!(http::complaints => reveals),
        operation!(http::public_complaints => file),
        operation!(http::public_complaints => status),
        operation!(http::routes => list),
        operation!(http::routes => create),
        operation!(http::routes => delete),
        operation!(http::metrology => list_statistics),
        operation!(http::metrology => get_statistics),
        operation!(http::metrology => batch_statistics),
        operation!(http::metrology => statistics_history),
        operation!(http::metrology => list_fraud),
        operation!(http::metrology => create_fraud),
        operation!(http::metrology => get_fraud),
        operation!(http::metrology => list_checks),
        operation!(http::metrology => create_check),
        operation!(http::metrology => get_check),
        operation!(http::export => warnings),
        operation!(http::export => instruments),
        operation!(http::export => complaints),
        operation!(http::export => statistics),
        operation!(http::export => checks),
    ];
    Domain {
        scopes: scopes::ALL,
        operations,
        openapi: SurveillanceApi::openapi(),
        features: &[
            "rapid_warnings",
            "warning_recall_scope",
            "warning_reactions",
            "public_alert_feed",
            "quality_surveys",
        ],
        jobs: Domain::no_jobs,
        notices: Some(store::warnings::public_notices),
        problems: problems::ALL,
        entities: &[
            store::complaints::ENTITY,
            store::market_statistics::ENTITY,
            store::fraud_reports::ENTITY,
            store::instruments::ENTITY,
            store::prepackaged::ENTITY,
            store::surveys::ENTITY,
            store::samples::ENTITY,
            store::warnings::ENTITY,
            store::reactions::ENTITY,
        ],
        imports: vec![
            tdc_kernel::import!(http::instruments => batch_upsert, model::InstrumentInput),
            tdc_kernel::import!(http::metrology => batch_statistics, model::MarketStatisticsInput),
        ],
    }
}

/// The surveillance part of the OpenAPI document besides the paths (which come from [`domain`]).
#[derive(utoipa::OpenApi)]
#[openapi(components(schemas(tdc_kernel::export::ExportFormat)), tags(
    (name = "Warnings", description = "The rapid warning system for unsafe or non-conforming goods (seed 001 Art. 10.1.h), shared by every agency and fed also by the consumer association and the hotline: the product (GTIN, lots, category, brand, photos by reference), the hazard and its risk level, the source, the measures (withdrawal, recall, sale ban; voluntary or compulsory) with their deadlines. A warning is received, verified, published — from then on public, in the list without a token and the Atom feed — its measures get under way and it is resolved, or it is rejected. Other agencies record their follow-up reactions; its recall scope traces the affected lots through the captured EPCIS events to every holder and the agency responsible for each."),
    (name = "Quality surveys", description = "Quality surveys of goods on the market (seed 000 Art. 11, seed 003 §II.1.g: at least 20 products a year): the survey plan and the program target it counts against, its samples — where each was taken (shops, markets, online shops), the laboratory that tested it (a conformity body that tests), the standard or regulation cited — and their results. A non-conforming result drafts a warning for the sector agency in the same transaction. Shared with every agency."),
    (name = "Metrology", description = "Measuring instruments in use (seed 000 Art. 12, 13.1.d, 13.4.a, 15.4.a) — scales at the markets, fuel dispensers, meters — in each agency's register: the owner (a business by its tax code, a household by its owner's personal identification number, shown whole only to the recording agency), where it is (commune, market), its verification certificate or stamp, the verifying body and until when it holds; its status (`valid`, `due` within 30 days, `overdue`, `unverified`) computed on the day it is read. Communes load their markets' registers in batches; the instruments falling due next month are listed per commune. Communes keep their markets' figures per period; agencies report measurement fraud to DOST (seed 000 Art. 12.2.b; restricted to the two) and record checks of prepackaged quantities (Circular 21/2014/TT-BKHCN). Shared with every agency unless said otherwise."),
    (name = "Complaints", description = "Complaints, denunciations, feedback and recommendations (khiếu nại, tố cáo, phản ánh, kiến nghị; seed 000 Art. 13.1.đ, 13.2.d; seed 001 Art. 10.4.b): filed by the public without a token (an acknowledgement number to follow the status by, nothing else) or recorded by an agency; routed to the competent agency by DOST's rules (product category, sector, commune), transferred when another agency is competent (chuyển đơn, recorded), due in working days on Vietnam's calendar (30 for complaints and denunciations, 10 for feedback and recommendations), resolved with the result told to DOST. The person's identity is sealed at rest with a key the database does not hold: never in lists, history, the feed, logs or errors; the handling agency's clients read it with a reason, each reading recorded. Restricted to the handling and coordinating agencies."),
))]
pub struct SurveillanceApi;
