//! Regulations: the standards catalogue, local technical regulations (QCĐP) through their
//! lifecycle, and the programs and plans they are drafted under.

pub mod api;
mod http;
pub mod model;
mod problems;
pub mod rules;
mod schema;
pub mod scopes;
mod store;

use tdc_kernel::routing::Domain;

/// What the regulations domain brings to the hub: its operations (each declared once, by its handler's
/// annotation), its part of the OpenAPI document, its features and its scheduled work.
pub fn domain() -> Domain {
    use tdc_kernel::operation;
    use utoipa::OpenApi;
    let operations = vec![
        operation!(http::standards => list),
        operation!(http::standards => create),
        operation!(http::standards => get),
        operation!(http::standards => get_by_designation),
        operation!(http::standards => upsert),
        operation!(http::standards => batch_upsert),
        operation!(http::standards => history),
        operation!(http::regulations => list),
        operation!(http::regulations => create),
        operation!(http::regulations => get),
        operation!(http::regulations => get_by_code),
        operation!(http::regulations => update),
        operation!(http::regulations => batch_upsert),
        operation!(http::regulations => transition),
        operation!(http::regulations => transitions),
        operation!(http::regulations => history),
        operation!(http::regulation_comments => list),
        operation!(http::regulation_comments => add),
        operation!(http::regulation_comments => add_public),
        operation!(http::regulation_comments => answer),
        operation!(http::programs => list),
        operation!(http::programs => create),
        operation!(http::programs => get),
        operation!(http::programs => update),
        operation!(http::programs => transition),
        operation!(http::programs => transitions),
        operation!(http::programs => history),
        operation!(http::program_items => list_tasks),
        operation!(http::program_items => add_task),
        operation!(http::program_items => update_task),
        operation!(http::program_items => list_targets),
        operation!(http::program_items => add_target),
        operation!(http::program_items => report_actual),
    ];
    Domain {
        scopes: scopes::ALL,
        operations,
        openapi: RegulationsApi::openapi(),
        features: &["standards_catalogue", "technical_regulations", "lifecycle_transitions", "programs_and_plans"],
        jobs: Domain::no_jobs,
        notices: None,
        problems: problems::ALL,
        entities: &[
            store::programs::ENTITY,
            store::programs::targets::TARGET_ENTITY,
            store::programs::tasks::TASK_ENTITY,
            store::regulations::comments::COMMENT_ENTITY,
            store::standards::ENTITY,
            store::regulations::ENTITY,
        ],
        imports: vec![
            tdc_kernel::import!(http::standards => batch_upsert, model::StandardInput),
            tdc_kernel::import!(http::regulations => batch_upsert, model::TechnicalRegulationInput),
        ],
    }
}

/// The regulations part of the OpenAPI document besides the paths (which come from [`domain`]).
#[derive(utoipa::OpenApi)]
#[openapi(
    tags(
        (name = "Standards", description = "The catalogue of national (TCVN), international (ISO, IEC, Codex…), regional and foreign standards that regulations cite. Public."),
        (name = "Technical regulations", description = "Local technical regulations (QCĐP) from proposal to repeal: content, cited standards, documents, the lifecycle as a state machine, consultation comments. Published ones are public."),
        (name = "Programs", description = "Five-year, annual and thematic programs and plans (the annual QCĐP plan is one): tasks with one lead agency each, targets with indicators, actual values reported per period, progress."),
    )
)]
pub struct RegulationsApi;
