//! `/api/v1/quality-surveys`: quality surveys of goods on the market and their progress against
//! the year's target.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tdc_kernel::db;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, History, Listed, Moves, Read};
use tdc_kernel::resource::{Call, IdPath, IfMatchOptional, Reply};
use tdc_kernel::{Problem, location};
use utoipa::ToSchema;

use crate::model::{
    Survey, SurveyAction, SurveyInput, SurveyListQuery, SurveyPage, SurveyProgress, SurveyProgressQuery,
};
use crate::scopes::{SURVEILLANCE_READ, SURVEILLANCE_WRITE};
use crate::store::figures;
use crate::store::surveys::{self as store, ENTITY};

pub(crate) const TAG: &str = "Quality surveys";

/// Lists quality surveys, oldest first.
#[utoipa::path(get, path = "/api/v1/quality-surveys", tag = TAG, operation_id = "list_quality_surveys",
    params(SurveyListQuery, PageQuery), responses(Listed<SurveyPage>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn list(call: Call, q: Query<SurveyListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| store::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| SurveyPage { items, next_cursor }).await
}

/// Plans a survey run by the caller's agency, optionally counting against a program target.
#[utoipa::path(post, path = "/api/v1/quality-surveys", tag = TAG, operation_id = "create_quality_survey",
    request_body = SurveyInput, security(("bearer" = [SURVEILLANCE_WRITE])), responses(Created<Survey>))]
pub async fn create(call: Call, body: ValidJson<SurveyInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one survey.
#[utoipa::path(get, path = "/api/v1/quality-surveys/{id}", tag = TAG, operation_id = "get_quality_survey",
    params(IdPath), responses(Read<Survey>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, _| store::get(c, &id)).await
}

/// The result of a survey's move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SurveyMoved {
    /// The survey after the move.
    pub survey: Survey,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(SurveyMoved, via = survey);

/// Moves a survey (its agency; DOST may cancel): `start_sampling`, `complete` (with the
/// `summary`; no sample pending), `cancel` (with the `summary` saying why).
#[utoipa::path(post, path = "/api/v1/quality-surveys/{id}/transitions", tag = TAG, operation_id = "transition_quality_survey",
    params(IdPath, IfMatchOptional), request_body = SurveyAction, security(("bearer" = [SURVEILLANCE_WRITE])),
    responses(
        (status = 200, description = "Moved; the survey and the move.", body = SurveyMoved),
        (status = 403, description = "Only the survey's agency moves it (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such survey.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`), or samples still without a result (`samples_pending`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
        (status = 422, description = "The summary is missing (`required`).", body = Problem),
    ))]
pub async fn transition(call: Call, id: web::Path<IdPath>, body: ValidJson<SurveyAction>) -> Reply {
    let (id, action) = (id.into_inner().of(ENTITY)?, body.0);
    call.transition(move |c, actor, writer, expected| {
        let (survey, transition) = store::transition(c, actor, writer, &id, &action, expected)?;
        Ok(SurveyMoved { survey, transition })
    })
    .await
}

/// Lists the moves a survey went through, oldest first.
#[utoipa::path(get, path = "/api/v1/quality-surveys/{id}/transitions", tag = TAG, operation_id = "list_quality_survey_transitions",
    params(IdPath, PageQuery), responses(Moves), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn transitions(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}

/// Lists the changes to one survey.
#[utoipa::path(get, path = "/api/v1/quality-surveys/{id}/history", tag = TAG, operation_id = "get_quality_survey_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}

/// A year's surveys: how many, how many products were tested and how many failed, beside a
/// program target's value when `target_id` names one (seed 003 §II.1.g: at least 20 products a
/// year).
#[utoipa::path(get, path = "/api/v1/quality-surveys/progress", tag = TAG, operation_id = "get_quality_survey_progress",
    params(SurveyProgressQuery), security(("bearer" = [SURVEILLANCE_READ])), responses(
        (status = 200, description = "The year's progress.", body = SurveyProgress),
        (status = 400, description = "A missing or malformed year (`malformed_request`).", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
        (status = 404, description = "No such program target.", body = Problem),
    ))]
pub async fn progress(call: Call, q: Query<SurveyProgressQuery>) -> Reply {
    let (year, target) = (q.0.year, q.0.target_id);
    let found = db::read(&call.pool, move |c| figures::survey_progress(c, year, target.as_deref())).await?;
    Ok(HttpResponse::Ok().json(found))
}
