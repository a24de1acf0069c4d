//! `/api/v1/programs/{id}/tasks` and `/api/v1/programs/{id}/targets`: a program's tasks, its
//! targets, and the actual values reported against them.

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::Principal;
use tdc_kernel::changes::Actor;
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{etag, required_if_match, versioned_response};
use tdc_kernel::{ApiError, Problem, ids};

use crate::model::{
    ActualInput, ProgramTarget, ProgramTargetPage, ProgramTask, ProgramTaskPage, TargetInput, TaskInput,
};
use crate::store::programs as store;

/// Lists a program's tasks, in the order they were added.
#[utoipa::path(
    get, path = "/api/v1/programs/{id}/tasks", tag = "Programs", operation_id = "list_program_tasks",
    params(("id" = String, Path, description = "The program's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "A page of tasks.", body = ProgramTaskPage),
        (status = 404, description = "No such program.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn list_tasks(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_READ)?;
    let id = ids::path_id(&id, "program")?;
    let load = move |c: &mut _, after, limit| store::list_tasks(c, &id, after, limit);
    serve_page(
        &req,
        &pool,
        q.0,
        load,
        |t: &ProgramTask| t.id.clone(),
        |items, next_cursor| ProgramTaskPage { items, next_cursor },
    )
    .await
}

/// Adds a task to a program (its lead agency).
#[utoipa::path(
    post, path = "/api/v1/programs/{id}/tasks", tag = "Programs", operation_id = "add_program_task",
    params(("id" = String, Path, description = "The program's id (UUID).", format = "uuid")),
    request_body = TaskInput,
    responses(
        (status = 201, description = "The task, with its `ETag`.", body = ProgramTask),
        (status = 403, description = "Another agency leads the program (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such program.", body = Problem),
        (status = 409, description = "The program is completed or cancelled (`program_closed`).", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn add_task(
    p: Principal,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    body: ValidJson<TaskInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let id = ids::path_id(&id, "program")?;
    let (actor, writer, input) = (Actor::from(&p), Reader::of(&p), body.0);
    let task = db::write(&pool, move |c| store::add_task(c, &actor, &writer, &id, &input)).await?;
    Ok(HttpResponse::Created().insert_header(("ETag", etag(task.version))).json(task))
}

/// Changes a task: its status, due date, note… (its own lead agency or the program's). Needs `If-Match`.
#[utoipa::path(
    put, path = "/api/v1/programs/{id}/tasks/{task_id}", tag = "Programs", operation_id = "update_program_task",
    params(
        ("id" = String, Path, description = "The program's id (UUID).", format = "uuid"),
        ("task_id" = String, Path, description = "The task's id (UUID).", format = "uuid"),
        ("If-Match" = String, Header, description = "The `ETag` of the version being replaced."),
    ),
    request_body = TaskInput,
    responses(
        (status = 200, description = "The task.", body = ProgramTask),
        (status = 403, description = "Neither the task's nor the program's lead agency (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such program or task.", body = Problem),
        (status = 409, description = "The program is closed (`program_closed`).", body = Problem),
        (status = 412, description = "It changed since that version (`version_mismatch`).", body = Problem),
        (status = 428, description = "`If-Match` is missing.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn update_task(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    path: web::Path<(String, String)>,
    body: ValidJson<TaskInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let (id, task_id) = path.into_inner();
    let (id, task_id) = (ids::path_id(&id, "program")?, ids::path_id(&task_id, "task")?);
    let expected = required_if_match(&req)?;
    let (actor, writer, input) = (Actor::from(&p), Reader::of(&p), body.0);
    let task =
        db::write(&pool, move |c| store::update_task(c, &actor, &writer, &id, &task_id, &input, expected)).await?;
    Ok(versioned_response(&req, task.version, &task))
}

/// Lists a program's targets with their reported values and progress.
#[utoipa::path(
    get, path = "/api/v1/programs/{id}/targets", tag = "Programs", operation_id = "list_program_targets",
    params(("id" = String, Path, description = "The program's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "A page of targets.", body = ProgramTargetPage),
        (status = 404, description = "No such program.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn list_targets(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_READ)?;
    let id = ids::path_id(&id, "program")?;
    let load = move |c: &mut _, after, limit| store::list_targets(c, &id, after, limit);
    let body = |items, next_cursor| ProgramTargetPage { items, next_cursor };
    serve_page(&req, &pool, q.0, load, |t: &ProgramTarget| t.id.clone(), body).await
}

/// Adds a measurable target to a program (its lead agency).
#[utoipa::path(
    post, path = "/api/v1/programs/{id}/targets", tag = "Programs", operation_id = "add_program_target",
    params(("id" = String, Path, description = "The program's id (UUID).", format = "uuid")),
    request_body = TargetInput,
    responses(
        (status = 201, description = "The target.", body = ProgramTarget),
        (status = 403, description = "Another agency leads the program (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such program.", body = Problem),
        (status = 409, description = "The program is closed (`program_closed`).", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn add_target(
    p: Principal,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    body: ValidJson<TargetInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let id = ids::path_id(&id, "program")?;
    let (actor, writer, input) = (Actor::from(&p), Reader::of(&p), body.0);
    let target = db::write(&pool, move |c| store::add_target(c, &actor, &writer, &id, &input)).await?;
    Ok(HttpResponse::Created().json(target))
}

/// Reports (or corrects) a target's actual value for one period: the responsible agency or the
/// program's lead agency, once the program is approved. Sending the same value again changes nothing
/// but the report time.
#[utoipa::path(
    put, path = "/api/v1/programs/{id}/targets/{target_id}/actuals/{period}", tag = "Programs", operation_id = "report_target_actual",
    params(
        ("id" = String, Path, description = "The program's id (UUID).", format = "uuid"),
        ("target_id" = String, Path, description = "The target's id (UUID).", format = "uuid"),
        ("period" = String, Path, description = "The period: `2026`, `2026-Q3` or `2026-09`."),
    ),
    request_body = ActualInput,
    responses(
        (status = 200, description = "The target with its values and progress.", body = ProgramTarget),
        (status = 403, description = "Neither the responsible agency nor the program's lead (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such program or target.", body = Problem),
        (status = 409, description = "The program is not approved (`program_not_approved`).", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn report_actual(
    p: Principal,
    pool: web::Data<DbPool>,
    path: web::Path<(String, String, String)>,
    body: ValidJson<ActualInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let (id, target_id, period) = path.into_inner();
    let (id, target_id) = (ids::path_id(&id, "program")?, ids::path_id(&target_id, "target")?);
    let (actor, writer, input) = (Actor::from(&p), Reader::of(&p), body.0);
    let target =
        db::write(&pool, move |c| store::report_actual(c, &actor, &writer, &id, &target_id, &period, &input)).await?;
    Ok(HttpResponse::Ok().json(target))
}
