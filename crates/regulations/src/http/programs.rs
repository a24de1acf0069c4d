//! `/api/v1/programs`: five-year, annual and thematic programs and plans, and their lifecycle.

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::Principal;
use tdc_kernel::changes::{Actor, HistoryPage, http::history_page};
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::{Transition, TransitionPage, http::transitions_page};
use tdc_kernel::location;
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{created_response, required_if_match, versioned_response};
use tdc_kernel::{ApiError, Problem, ids};
use utoipa::ToSchema;

use crate::model::{Program, ProgramAction, ProgramInput, ProgramListQuery, ProgramPage};
use crate::store::programs::{self as store, ENTITY};

/// Lists programs and plans.
#[utoipa::path(
    get, path = "/api/v1/programs", tag = "Programs", operation_id = "list_programs",
    params(ProgramListQuery),
    responses((status = 200, description = "A page of programs, each with its progress.", body = ProgramPage)),
    security(("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn list(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<ProgramListQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_READ)?;
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor.clone() };
    let load = move |c: &mut _, after, limit| store::list(c, &filter, after, limit);
    serve_page(
        &req,
        &pool,
        paging,
        load,
        |r: &Program| r.id.clone(),
        |items, next_cursor| ProgramPage { items, next_cursor },
    )
    .await
}

/// Records a program, in `drafting`, led by the caller's agency (DOST compiles programs).
#[utoipa::path(
    post, path = "/api/v1/programs", tag = "Programs", operation_id = "create_program",
    request_body = ProgramInput,
    responses((status = 201, description = "The program, with `Location` and `ETag`.", body = Program)),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn create(
    p: Principal,
    pool: web::Data<DbPool>,
    body: ValidJson<ProgramInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let (actor, writer, input) = (Actor::from(&p), Reader::of(&p), body.0);
    let program = db::write(&pool, move |c| store::create(c, &actor, &writer, &input)).await?;
    Ok(created_response(&location!(get, program.id), program.version, &program))
}

/// Reads one program, with its progress.
#[utoipa::path(
    get, path = "/api/v1/programs/{id}", tag = "Programs", operation_id = "get_program",
    params(("id" = String, Path, description = "The program's id (UUID).", format = "uuid")),
    responses(
        (status = 200, description = "The program, with its `ETag`.", body = Program),
        (status = 404, description = "No such program.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn get(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_READ)?;
    let id = ids::path_id(&id, "program")?;
    let program = db::read(&pool, move |c| store::get(c, &id)).await?;
    Ok(versioned_response(&req, program.version, &program))
}

/// Replaces a program's content. Needs `If-Match`.
#[utoipa::path(
    put, path = "/api/v1/programs/{id}", tag = "Programs", operation_id = "update_program",
    params(
        ("id" = String, Path, description = "The program's id (UUID).", format = "uuid"),
        ("If-Match" = String, Header, description = "The `ETag` of the version being replaced."),
    ),
    request_body = ProgramInput,
    responses(
        (status = 200, description = "The program.", body = Program),
        (status = 403, description = "Another agency leads it (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such program.", body = Problem),
        (status = 412, description = "It changed since that version (`version_mismatch`).", body = Problem),
        (status = 428, description = "`If-Match` is missing.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn update(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    body: ValidJson<ProgramInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let id = ids::path_id(&id, "program")?;
    let expected = required_if_match(&req)?;
    let (actor, writer, input) = (Actor::from(&p), Reader::of(&p), body.0);
    let program = db::write(&pool, move |c| store::update(c, &actor, &writer, &id, &input, expected)).await?;
    Ok(versioned_response(&req, program.version, &program))
}

/// The result of a program's lifecycle move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProgramMoved {
    /// The program after the move.
    pub program: Program,
    /// The move as logged.
    pub transition: Transition,
}

/// Moves a program: `submit` (drafting → submitted, lead agency), `approve` (submitted → approved,
/// DOST, with the People's Committee's `decision`), `return` (submitted → drafting, DOST, with a
/// `reason`), `complete` (approved → completed, lead agency or DOST), `cancel` (→ cancelled, lead
/// agency or DOST, with a `reason`).
#[utoipa::path(
    post, path = "/api/v1/programs/{id}/transitions", tag = "Programs", operation_id = "transition_program",
    params(("id" = String, Path, description = "The program's id (UUID).", format = "uuid")),
    request_body = ProgramAction,
    responses(
        (status = 200, description = "Moved; the program and the move.", body = ProgramMoved),
        (status = 403, description = "The caller's agency may not take this action (`not_lead_agency`, `dost_only`).", body = Problem),
        (status = 404, description = "No such program.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`, with `allowed_actions`).", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn transition(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    body: ValidJson<ProgramAction>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let id = ids::path_id(&id, "program")?;
    let (actor, writer, action) = (Actor::from(&p), Reader::of(&p), body.0);
    let (program, transition) = db::write(&pool, move |c| store::transition(c, &actor, &writer, &id, &action)).await?;
    Ok(versioned_response(&req, program.version, &ProgramMoved { program, transition }))
}

/// Lists the moves a program went through, oldest first.
#[utoipa::path(
    get, path = "/api/v1/programs/{id}/transitions", tag = "Programs", operation_id = "list_program_transitions",
    params(("id" = String, Path, description = "The program's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "Its moves.", body = TransitionPage),
        (status = 404, description = "No such program.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn transitions(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_READ)?;
    let id = ids::path_id(&id, "program")?;
    let lookup = id.clone();
    db::read(&pool, move |c| store::get(c, &lookup)).await?;
    transitions_page(&req, &pool, ENTITY, id, q.0).await
}

/// Lists the changes to one program.
#[utoipa::path(
    get, path = "/api/v1/programs/{id}/history", tag = "Programs", operation_id = "get_program_history",
    params(("id" = String, Path, description = "The program's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "Its changes, oldest first.", body = HistoryPage),
        (status = 404, description = "No such program.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn history(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_READ)?;
    let id = ids::path_id(&id, "program")?;
    let lookup = id.clone();
    db::read(&pool, move |c| store::get(c, &lookup)).await?;
    history_page(&req, &pool, Reader::of(&p), ENTITY, id, q.0).await
}
