//! `/api/v1/training-activities`: training and awareness activities and their count against the
//! program targets.

use actix_web::{HttpResponse, web};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, History, Listed, Read};
use tdc_kernel::resource::{Call, IdPath, Reply};
use tdc_kernel::{Problem, db, location};

use crate::model::{
    TrainingActivity, TrainingInput, TrainingListQuery, TrainingPage, TrainingProgress, TrainingProgressQuery,
};
use crate::scopes::{REPORTING_READ, REPORTING_WRITE};
use crate::store::training::{self as store, ENTITY};

const TAG: &str = "Training";

/// Lists the activities, oldest first.
#[utoipa::path(get, path = "/api/v1/training-activities", tag = TAG, operation_id = "list_training_activities",
    params(TrainingListQuery, PageQuery), responses(Listed<TrainingPage>), security(("bearer" = [REPORTING_READ])))]
pub async fn list(call: Call, q: Query<TrainingListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| TrainingPage { items, next_cursor }).await
}

/// Records an activity the caller's agency organised (with `co_organisers`, which coordinate it),
/// counted against a program target when it names one.
#[utoipa::path(post, path = "/api/v1/training-activities", tag = TAG, operation_id = "create_training_activity",
    request_body = TrainingInput, security(("bearer" = [REPORTING_WRITE])), responses(Created<TrainingActivity>))]
pub async fn create(call: Call, body: ValidJson<TrainingInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one activity.
#[utoipa::path(get, path = "/api/v1/training-activities/{id}", tag = TAG, operation_id = "get_training_activity",
    params(IdPath), responses(Read<TrainingActivity>), security(("bearer" = [REPORTING_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// Lists the changes to one activity.
#[utoipa::path(get, path = "/api/v1/training-activities/{id}/history", tag = TAG, operation_id = "get_training_activity_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [REPORTING_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}

/// A year's activities — of one program target, or all — by kind, with their attendees and copies,
/// and the share of the target reached.
#[utoipa::path(get, path = "/api/v1/training-activities/progress", tag = TAG, operation_id = "get_training_progress",
    params(TrainingProgressQuery), security(("bearer" = [REPORTING_READ])),
    responses(
        (status = 200, description = "The year's progress.", body = TrainingProgress),
        (status = 400, description = "A missing or malformed year (`malformed_request`).", body = Problem),
        (status = 404, description = "No such program target.", body = Problem),
    ))]
pub async fn progress(call: Call, q: Query<TrainingProgressQuery>) -> Reply {
    let (year, target) = (q.0.year, q.0.program_target_id);
    let found = db::read(&call.pool, move |c| store::progress(c, year, target.as_deref())).await?;
    Ok(HttpResponse::Ok().json(found))
}
