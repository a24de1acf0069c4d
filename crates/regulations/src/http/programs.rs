//! `/api/v1/programs`: five-year, annual and thematic programs and plans, and their lifecycle.

use actix_web::web;
use serde::{Deserialize, Serialize};
use tdc_kernel::Problem;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::location;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, History, Listed, Moves, Read, Updated};
use tdc_kernel::resource::{Call, IdPath, IfMatchRequired, Reply};
use utoipa::ToSchema;

use crate::model::{Program, ProgramAction, ProgramInput, ProgramListQuery, ProgramPage};
use crate::scopes::{REGULATIONS_READ, REGULATIONS_WRITE};
use crate::store::programs::{self as store, ENTITY};

const TAG: &str = "Programs";

/// Lists programs and plans, each with its progress.
#[utoipa::path(get, path = "/api/v1/programs", tag = TAG, operation_id = "list_programs",
    params(ProgramListQuery, PageQuery), responses(Listed<ProgramPage>), security(("bearer" = [REGULATIONS_READ])))]
pub async fn list(call: Call, q: Query<ProgramListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| store::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| ProgramPage { items, next_cursor }).await
}

/// Records a program, in `drafting`, led by the caller's agency (DOST compiles programs).
#[utoipa::path(post, path = "/api/v1/programs", tag = TAG, operation_id = "create_program",
    request_body = ProgramInput, responses(Created<Program>), security(("bearer" = [REGULATIONS_WRITE])))]
pub async fn create(call: Call, body: ValidJson<ProgramInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one program, with its progress.
#[utoipa::path(get, path = "/api/v1/programs/{id}", tag = TAG, operation_id = "get_program",
    params(IdPath), responses(Read<Program>), security(("bearer" = [REGULATIONS_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, _| store::get(c, &id)).await
}

/// Replaces a program's content. Needs `If-Match`.
#[utoipa::path(put, path = "/api/v1/programs/{id}", tag = TAG, operation_id = "update_program",
    params(IdPath, IfMatchRequired), request_body = ProgramInput, security(("bearer" = [REGULATIONS_WRITE])),
    responses(Updated<Program>, (status = 403, description = "Another agency leads it (`not_lead_agency`).", body = Problem)))]
pub async fn update(call: Call, id: web::Path<IdPath>, body: ValidJson<ProgramInput>) -> Reply {
    let (id, input) = (id.into_inner().of(ENTITY)?, body.0);
    call.update(move |c, actor, writer, expected| store::update(c, actor, writer, &id, &input, expected)).await
}

/// The result of a program's lifecycle move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProgramMoved {
    /// The program after the move.
    pub program: Program,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(ProgramMoved, via = program);

/// Moves a program: `submit` (drafting → submitted, lead agency), `approve` (submitted → approved,
/// DOST, with the People's Committee's `decision`), `return` (submitted → drafting, DOST, with a
/// `reason`), `complete` (approved → completed, lead agency or DOST), `cancel` (→ cancelled, lead
/// agency or DOST, with a `reason`).
#[utoipa::path(post, path = "/api/v1/programs/{id}/transitions", tag = TAG, operation_id = "transition_program",
    params(IdPath), request_body = ProgramAction, security(("bearer" = [REGULATIONS_WRITE])),
    responses(
        (status = 200, description = "Moved; the program and the move.", body = ProgramMoved),
        (status = 403, description = "The caller's agency may not take this action (`not_lead_agency`, `dost_only`).", body = Problem),
        (status = 404, description = "No such program.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`, with `allowed_actions`).", body = Problem),
    ))]
pub async fn transition(call: Call, id: web::Path<IdPath>, body: ValidJson<ProgramAction>) -> Reply {
    let (id, action) = (id.into_inner().of(ENTITY)?, body.0);
    call.write(move |c, actor, writer| {
        let (program, transition) = store::transition(c, actor, writer, &id, &action)?;
        Ok(ProgramMoved { program, transition })
    })
    .await
}

/// Lists the moves a program went through, oldest first.
#[utoipa::path(get, path = "/api/v1/programs/{id}/transitions", tag = TAG, operation_id = "list_program_transitions",
    params(IdPath, PageQuery), responses(Moves), security(("bearer" = [REGULATIONS_READ])))]
pub async fn transitions(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}

/// Lists the changes to one program.
#[utoipa::path(get, path = "/api/v1/programs/{id}/history", tag = TAG, operation_id = "get_program_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [REGULATIONS_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}
