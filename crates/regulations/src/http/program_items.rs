//! `/api/v1/programs/{id}/tasks` and `/api/v1/programs/{id}/targets`: a program's tasks, its
//! targets, and the actual values reported against them.

use actix_web::{HttpResponse, web};
use tdc_kernel::db;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::resource::responses::Updated;
use tdc_kernel::resource::{Call, IdPath, IfMatchRequired, Reply};
use tdc_kernel::versions::etag;
use tdc_kernel::{Problem, ids};

use crate::model::{
    ActualInput, ProgramTarget, ProgramTargetPage, ProgramTask, ProgramTaskPage, TargetInput, TaskInput,
};
use crate::scopes::{REGULATIONS_READ, REGULATIONS_WRITE};
use crate::store::programs as store;

const TAG: &str = "Programs";
const PROGRAM: &str = "program";

/// A program and one of its tasks.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TaskPath {
    /// The program's id (UUID).
    #[param(format = "uuid")]
    id: String,
    /// The task's id (UUID).
    #[param(format = "uuid")]
    task_id: String,
}

/// A program, one of its targets and a reporting period.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ActualPath {
    /// The program's id (UUID).
    #[param(format = "uuid")]
    id: String,
    /// The target's id (UUID).
    #[param(format = "uuid")]
    target_id: String,
    /// The period: `2026`, `2026-Q3` or `2026-09`.
    period: String,
}

/// Lists a program's tasks, in the order they were added.
#[utoipa::path(get, path = "/api/v1/programs/{id}/tasks", tag = TAG, operation_id = "list_program_tasks",
    params(IdPath, PageQuery), security(("bearer" = [REGULATIONS_READ])),
    responses(
        (status = 200, description = "A page of tasks.", body = ProgramTaskPage),
        (status = 404, description = "No such program.", body = Problem),
    ))]
pub async fn list_tasks(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(PROGRAM)?;
    let load = move |c: &mut _, _: &_, after, limit| store::list_tasks(c, &id, after, limit);
    call.page(q.0, load, |items, next_cursor| ProgramTaskPage { items, next_cursor }).await
}

/// Adds a task to a program (its lead agency).
#[utoipa::path(post, path = "/api/v1/programs/{id}/tasks", tag = TAG, operation_id = "add_program_task",
    params(IdPath), request_body = TaskInput, security(("bearer" = [REGULATIONS_WRITE])),
    responses(
        (status = 201, description = "The task, with its `ETag`.", body = ProgramTask),
        (status = 403, description = "Another agency leads the program (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such program.", body = Problem),
        (status = 409, description = "The program is completed or cancelled (`program_closed`).", body = Problem),
    ))]
pub async fn add_task(call: Call, id: web::Path<IdPath>, body: ValidJson<TaskInput>) -> Reply {
    let (actor, writer) = call.writer();
    let (id, input) = (id.into_inner().of(PROGRAM)?, body.0);
    let task = db::write(&call.pool, move |c| store::add_task(c, &actor, &writer, &id, &input)).await?;
    Ok(HttpResponse::Created().insert_header(("ETag", etag(task.version))).json(task))
}

/// Changes a task: its status, due date, note… (its own lead agency or the program's). Needs `If-Match`.
#[utoipa::path(put, path = "/api/v1/programs/{id}/tasks/{task_id}", tag = TAG, operation_id = "update_program_task",
    params(TaskPath, IfMatchRequired), request_body = TaskInput, security(("bearer" = [REGULATIONS_WRITE])),
    responses(Updated<ProgramTask>,
        (status = 403, description = "Neither the task's nor the program's lead agency (`not_lead_agency`).", body = Problem),
        (status = 409, description = "The program is closed (`program_closed`).", body = Problem),
    ))]
pub async fn update_task(call: Call, path: web::Path<TaskPath>, body: ValidJson<TaskInput>) -> Reply {
    let TaskPath { id, task_id } = path.into_inner();
    let (id, task_id, input) = (ids::path_id(&id, PROGRAM)?, ids::path_id(&task_id, "task")?, body.0);
    call.update(move |c, actor, writer, expected| store::update_task(c, actor, writer, &id, &task_id, &input, expected))
        .await
}

/// Lists a program's targets with their reported values and progress.
#[utoipa::path(get, path = "/api/v1/programs/{id}/targets", tag = TAG, operation_id = "list_program_targets",
    params(IdPath, PageQuery), security(("bearer" = [REGULATIONS_READ])),
    responses(
        (status = 200, description = "A page of targets.", body = ProgramTargetPage),
        (status = 404, description = "No such program.", body = Problem),
    ))]
pub async fn list_targets(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(PROGRAM)?;
    let load = move |c: &mut _, after, limit| store::list_targets(c, &id, after, limit);
    let body = |items, next_cursor| ProgramTargetPage { items, next_cursor };
    serve_page(&call.req, &call.pool, q.0, load, |t: &ProgramTarget| t.id.clone(), body).await
}

/// Adds a measurable target to a program (its lead agency).
#[utoipa::path(post, path = "/api/v1/programs/{id}/targets", tag = TAG, operation_id = "add_program_target",
    params(IdPath), request_body = TargetInput, security(("bearer" = [REGULATIONS_WRITE])),
    responses(
        (status = 201, description = "The target.", body = ProgramTarget),
        (status = 403, description = "Another agency leads the program (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such program.", body = Problem),
        (status = 409, description = "The program is closed (`program_closed`).", body = Problem),
    ))]
pub async fn add_target(call: Call, id: web::Path<IdPath>, body: ValidJson<TargetInput>) -> Reply {
    let (actor, writer) = call.writer();
    let (id, input) = (id.into_inner().of(PROGRAM)?, body.0);
    let target = db::write(&call.pool, move |c| store::add_target(c, &actor, &writer, &id, &input)).await?;
    Ok(HttpResponse::Created().json(target))
}

/// Reports (or corrects) a target's actual value for one period: the responsible agency or the
/// program's lead agency, once the program is approved. Sending the same value again changes nothing
/// but the report time.
#[utoipa::path(put, path = "/api/v1/programs/{id}/targets/{target_id}/actuals/{period}", tag = TAG, operation_id = "report_target_actual",
    params(ActualPath), request_body = ActualInput, security(("bearer" = [REGULATIONS_WRITE])),
    responses(
        (status = 200, description = "The target with its values and progress.", body = ProgramTarget),
        (status = 403, description = "Neither the responsible agency nor the program's lead (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such program or target.", body = Problem),
        (status = 409, description = "The program is not approved (`program_not_approved`).", body = Problem),
    ))]
pub async fn report_actual(call: Call, path: web::Path<ActualPath>, body: ValidJson<ActualInput>) -> Reply {
    let (actor, writer) = call.writer();
    let ActualPath { id, target_id, period } = path.into_inner();
    let (id, target_id, input) = (ids::path_id(&id, PROGRAM)?, ids::path_id(&target_id, "target")?, body.0);
    let work = move |c: &mut _| store::report_actual(c, &actor, &writer, &id, &target_id, &period, &input);
    Ok(HttpResponse::Ok().json(db::write(&call.pool, work).await?))
}
