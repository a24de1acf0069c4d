//! Traceability (seed 000 Art. 10, seed 001 Art. 9, TCVN 12850:2019): GS1 EPCIS 2.0 capture and
//! query under `/epcis/v2` as the standard's REST binding says, the CBV event hash, and the GS1
//! identifiers of each event indexed in one canonical form (an EPC URN and its Digital Link meet).

pub mod api;
pub mod epcis;
mod http;
pub mod model;
mod portal;
mod problems;
mod resolver;
mod schema;
pub mod scopes;
mod store;

use tdc_kernel::routing::Domain;

/// What the traceability domain brings to the hub: its operations (each declared once, by its
/// handler's annotation), its part of the OpenAPI document and its features.
pub fn domain() -> Domain {
    use tdc_kernel::operation;
    use utoipa::OpenApi;
    let operations = vec![
        operation!(http::capture => capture),
        operation!(http::capture => options),
        operation!(http::capture => jobs),
        operation!(http::capture => job),
        operation!(http::events => query),
        operation!(http::events => capture_one),
        operation!(http::events => get),
        operation!(http::resources::event_types => list),
        operation!(http::resources::event_types => one),
        operation!(http::resources::event_types => events),
        operation!(http::resources::biz_steps => list),
        operation!(http::resources::biz_steps => one),
        operation!(http::resources::biz_steps => events),
        operation!(http::resources::biz_locations => list),
        operation!(http::resources::biz_locations => one),
        operation!(http::resources::biz_locations => events),
        operation!(http::resources::read_points => list),
        operation!(http::resources::read_points => one),
        operation!(http::resources::read_points => events),
        operation!(http::resources::dispositions => list),
        operation!(http::resources::dispositions => one),
        operation!(http::resources::dispositions => events),
        operation!(http::resources::epcs => list),
        operation!(http::resources::epcs => one),
        operation!(http::resources::epcs => events),
        operation!(http::queries => create),
        operation!(http::queries => list),
        operation!(http::queries => get),
        operation!(http::queries => delete),
        operation!(http::queries => events),
        operation!(http::portal => list),
        operation!(http::portal => retry),
        operation!(http::trace => trace),
        operation!(http::trace => lots),
        operation!(http::trace => lot),
        operation!(http::locations => list),
        operation!(http::locations => get),
        operation!(http::locations => get_by_gln),
        operation!(http::locations => upsert),
        operation!(http::locations => batch_upsert),
        operation!(http::locations => history),
        operation!(http::deployments => list),
        operation!(http::deployments => statistics),
        operation!(http::deployments => get),
        operation!(http::deployments => get_by_tax_code),
        operation!(http::deployments => upsert),
        operation!(http::deployments => batch_upsert),
        operation!(http::deployments => history),
        operation!(http::resolver => gtin),
        operation!(http::resolver => lot),
        operation!(http::resolver => serial),
        operation!(http::resolver => lot_serial),
    ];
    Domain {
        scopes: scopes::ALL,
        operations,
        openapi: TraceabilityApi::openapi(),
        features: &[
            "epcis_2_0_capture",
            "epcis_2_0_query",
            "cbv_2_0_event_hash",
            "traceability_trace",
            "traceability_lots",
            "traceability_locations",
        ],
        jobs: Domain::no_jobs,
        notices: None,
        problems: problems::ALL,
        entities: &[store::deployments::ENTITY, store::locations::ENTITY],
        imports: vec![
            tdc_kernel::import!(http::deployments => batch_upsert, model::DeploymentInput),
            tdc_kernel::import!(http::locations => batch_upsert, model::TraceLocationInput),
        ],
    }
}

/// The traceability part of the OpenAPI document besides the paths (which come from [`domain`]).
#[derive(utoipa::OpenApi)]
#[openapi(tags(
    (name = "EPCIS 2.0", description = "GS1 EPCIS 2.0 through its REST binding (JSON-LD): businesses' and agencies' systems capture the events of their supply chains — what was made, packed, shipped, received, sold, with which lots — and every agency queries them with the standard's parameters (TCVN 12850:2019 adopts the GS1 Global Traceability Standard). Events keep every field and extension as sent; an event without an `eventID` is identified by its CBV 2.0 event hash, so the same event sent twice is stored once; EPC URNs and GS1 Digital Links of the same key find each other. Errors are `epcisException:…` problems."),
    (name = "Digital Link resolver", description = "GS1 Digital Link (`/01/{gtin}[/10/{lot}][/21/{serial}]`), public: the QR stamps printed in the province resolve here. A phone's browser gets the product's page (HTML, Vietnamese first, `lang=en` for English): the product and its maker, the lot and its journey, the conformity declarations, and a banner when the lot was recalled or has expired. `linkType=all` answers the RFC 9264 linkset."),
    (name = "Traceability", description = "The province's own view of the captured events: a lot or an EPC traced forward to every holder and backward to every source, with the agency responsible for each holder (seed 001 Art. 10.1.h); the lots the events describe, joined to the products recorded with their GTIN; and the locations each GLN stands for, joined to businesses."),
))]
pub struct TraceabilityApi;
