//! Regulations: the standards catalogue, local technical regulations (QCĐP) through their
//! lifecycle, and the programs and plans they are drafted under.

pub mod api;
mod http;
pub mod model;
pub mod rules;
mod store;

use actix_web::web;

/// Registers the regulations routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    standards_routes(cfg);
    regulation_routes(cfg);
    program_routes(cfg);
}

fn standards_routes(cfg: &mut web::ServiceConfig) {
    use http::standards;
    cfg.service(
        web::resource("/api/v1/standards")
            .route(web::get().to(standards::list))
            .route(web::post().to(standards::create)),
    )
    .service(web::resource("/api/v1/standards/batch").route(web::post().to(standards::batch_upsert)))
    .service(
        web::resource("/api/v1/standards/by-designation/{designation:.*}")
            .route(web::get().to(standards::get_by_designation))
            .route(web::put().to(standards::upsert)),
    )
    .service(web::resource("/api/v1/standards/{id}").route(web::get().to(standards::get)))
    .service(web::resource("/api/v1/standards/{id}/history").route(web::get().to(standards::history)));
}

fn regulation_routes(cfg: &mut web::ServiceConfig) {
    use http::{regulation_comments as comments, regulations};
    const BASE: &str = "/api/v1/technical-regulations";
    cfg.service(web::resource(BASE).route(web::get().to(regulations::list)).route(web::post().to(regulations::create)))
        .service(web::resource(format!("{BASE}/batch")).route(web::post().to(regulations::batch_upsert)))
        .service(web::resource(format!("{BASE}/by-code/{{code:.*}}")).route(web::get().to(regulations::get_by_code)))
        .service(
            web::resource(format!("{BASE}/{{id}}"))
                .route(web::get().to(regulations::get))
                .route(web::put().to(regulations::update)),
        )
        .service(
            web::resource(format!("{BASE}/{{id}}/transitions"))
                .route(web::get().to(regulations::transitions))
                .route(web::post().to(regulations::transition)),
        )
        .service(web::resource(format!("{BASE}/{{id}}/history")).route(web::get().to(regulations::history)))
        .service(
            web::resource(format!("{BASE}/{{id}}/comments"))
                .route(web::get().to(comments::list))
                .route(web::post().to(comments::add)),
        )
        .service(web::resource(format!("{BASE}/{{id}}/public-comments")).route(web::post().to(comments::add_public)))
        .service(
            web::resource(format!("{BASE}/{{id}}/comments/{{comment_id}}/answer"))
                .route(web::post().to(comments::answer)),
        );
}

fn program_routes(cfg: &mut web::ServiceConfig) {
    use http::{program_items as items, programs};
    const BASE: &str = "/api/v1/programs";
    cfg.service(web::resource(BASE).route(web::get().to(programs::list)).route(web::post().to(programs::create)))
        .service(
            web::resource(format!("{BASE}/{{id}}"))
                .route(web::get().to(programs::get))
                .route(web::put().to(programs::update)),
        )
        .service(
            web::resource(format!("{BASE}/{{id}}/transitions"))
                .route(web::get().to(programs::transitions))
                .route(web::post().to(programs::transition)),
        )
        .service(web::resource(format!("{BASE}/{{id}}/history")).route(web::get().to(programs::history)))
        .service(
            web::resource(format!("{BASE}/{{id}}/tasks"))
                .route(web::get().to(items::list_tasks))
                .route(web::post().to(items::add_task)),
        )
        .service(web::resource(format!("{BASE}/{{id}}/tasks/{{task_id}}")).route(web::put().to(items::update_task)))
        .service(
            web::resource(format!("{BASE}/{{id}}/targets"))
                .route(web::get().to(items::list_targets))
                .route(web::post().to(items::add_target)),
        )
        .service(
            web::resource(format!("{BASE}/{{id}}/targets/{{target_id}}/actuals/{{period}}"))
                .route(web::put().to(items::report_actual)),
        );
}

/// The regulations part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        http::standards::list, http::standards::create, http::standards::get, http::standards::get_by_designation,
        http::standards::upsert, http::standards::batch_upsert, http::standards::history,
        http::regulations::list, http::regulations::create, http::regulations::get, http::regulations::get_by_code,
        http::regulations::update, http::regulations::batch_upsert, http::regulations::transition,
        http::regulations::transitions, http::regulations::history,
        http::regulation_comments::list, http::regulation_comments::add, http::regulation_comments::add_public,
        http::regulation_comments::answer,
        http::programs::list, http::programs::create, http::programs::get, http::programs::update,
        http::programs::transition, http::programs::transitions, http::programs::history,
        http::program_items::list_tasks, http::program_items::add_task, http::program_items::update_task,
        http::program_items::list_targets, http::program_items::add_target, http::program_items::report_actual,
    ),
    tags(
        (name = "Standards", description = "The catalogue of national (TCVN), international (ISO, IEC, Codex…), regional and foreign standards that regulations cite. Public."),
        (name = "Technical regulations", description = "Local technical regulations (QCĐP) from proposal to repeal: content, cited standards, documents, the lifecycle as a state machine, consultation comments. Published ones are public."),
        (name = "Programs", description = "Five-year, annual and thematic programs and plans (the annual QCĐP plan is one): tasks with one lead agency each, targets with indicators, actual values reported per period, progress."),
    )
)]
pub struct RegulationsApi;
