//! Inspections and enforcement: each agency's annual inspection plan, checked against the other
//! agencies' plans and recent inspections as it is submitted, with the overlap cases the
//! provincial inspectorate resolves; inspections from decision to conclusion (seed 000 Art. 13,
//! seed 001 Art. 11, seed 002 §II.3).

mod http;
pub mod model;
mod problems;
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
        operation!(http::inspections => list),
        operation!(http::inspections => create),
        operation!(http::inspections => get),
        operation!(http::inspections => transition),
        operation!(http::inspections => transitions),
        operation!(http::inspections => history),
        operation!(http::inspections => batch_create),
        operation!(http::provisions => list),
        operation!(http::provisions => get),
        operation!(http::provisions => get_by_code),
        operation!(http::provisions => upsert),
        operation!(http::provisions => batch_upsert),
        operation!(http::provisions => history),
        operation!(http::violations => list),
        operation!(http::violations => create),
        operation!(http::violations => get),
        operation!(http::violations => transition),
        operation!(http::violations => transitions),
        operation!(http::violations => history),
        operation!(http::violations => batch_create),
        operation!(http::disclosures => list),
        operation!(http::disclosures => get),
        operation!(http::disclosures => publish),
        operation!(http::disclosures => withdraw),
        operation!(http::disclosures => history),
        operation!(http::risk => business),
        operation!(http::risk => ranking),
        operation!(http::import_lots => list),
        operation!(http::import_lots => create),
        operation!(http::import_lots => get),
        operation!(http::import_lots => transition),
        operation!(http::import_lots => transitions),
        operation!(http::import_lots => history),
        operation!(http::export => inspections),
        operation!(http::export => violations),
    ];
    Domain {
        scopes: scopes::ALL,
        operations,
        openapi: InspectionsApi::openapi(),
        features: &[
            "inspection_plans",
            "inspection_overlap_detection",
            "inspections",
            "legal_provisions",
            "violations_and_sanctions",
        ],
        jobs: Domain::no_jobs,
        notices: None,
        problems: problems::ALL,
        entities: &[
            store::disclosures::ENTITY,
            store::import_lots::ENTITY,
            store::inspections::ENTITY,
            store::overlaps::ENTITY,
            store::plans::ENTITY,
            store::provisions::ENTITY,
            store::violations::ENTITY,
        ],
        imports: vec![tdc_kernel::import!(http::provisions => batch_upsert, model::LegalProvisionInput)],
    }
}

/// The inspections part of the OpenAPI document besides the paths (which come from [`domain`]).
#[derive(utoipa::OpenApi)]
#[openapi(components(schemas(tdc_kernel::export::ExportFormat)), tags(
    (name = "Import lots", description = "Imported goods under state quality inspection, lot by lot (seed 000 Art. 13.5, seed 001 Art. 11.5): the customs declaration, the importer, the goods, the regime (tightened, normal, reduced), samples and results, the notice that passes or fails the lot; violations found name the lot. The customs branch coordinates; shared with every agency."),
    (name = "Risk targeting", description = "Risk-based targeting (seed 001 Art. 3.3–3.4): a score per business from the highest risk class of its products, its recency-weighted violations and the time since its last inspection, each factor's weight and contribution explained; the ranking proposes next year's targets. The weights are configuration (`TDC_RISK_WEIGHTS`, `TDC_RISK_VIOLATION_HALF_LIFE_MONTHS`)."),
    (name = "Legal provisions", description = "The catalogue of sanctioning provisions — Decree 119/2017/NĐ-CP as amended by Decree 126/2021/NĐ-CP, and the decrees that replace them — each article with its fine range and the days it was in force, so a violation cites the article that applied when it was committed. Public; DOST keeps it."),
    (name = "Violations", description = "Violations found by inspections, each citing the provision in force when it was committed; the sanctioning decision (fine in VND, additional penalties, remedial measures with deadlines), the day it became final, payment, closing, transfers to the competent agency (both see the case), and a sanction's effect on a conformity assessment body's registration. Shared with every agency. Serious violations are disclosed to the public once final (`/api/v1/disclosures`, no token), without personal data, until withdrawn."),
    (name = "Inspections", description = "Inspections of production, circulation, imports, e-commerce shops, conformity bodies, traceability, metrology and labels, planned or not, alone or joint: the decision, the team, what was inspected, samples and their results, findings, the conclusion and the documents of each step. Restricted to the lead and member agencies while open, shared with every agency once concluded; never public."),
    (name = "Inspection plans", description = "Each agency's annual inspection plan (the businesses and product groups it will inspect, of which kind, when, on which legal basis) through its lifecycle, and the overlap cases the hub opens when two agencies plan the same business in overlapping periods, which the provincial inspectorate resolves before either plan is approved. Shared with every agency; never public."),
))]
pub struct InspectionsApi;
