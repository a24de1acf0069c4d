//! `/api/v1/report-submissions`: each agency's answer to a request, pre-filled by the hub,
//! completed, submitted, returned or accepted.

use actix_web::web;
use serde::{Deserialize, Serialize};
use tdc_kernel::Problem;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{History, Listed, Moves, Read};
use tdc_kernel::resource::{Call, IdPath, IfMatchOptional, IfMatchRequired, Reply};
use utoipa::ToSchema;

use crate::model::{ReportSubmission, ReportSubmissionPage, SubmissionAction, SubmissionListQuery, ValuesInput};
use crate::scopes::{REPORTING_READ, REPORTING_WRITE};
use crate::store::submissions::{self as store, ENTITY};

const TAG: &str = "Reports";

/// Lists the submissions the caller may read (its agency's; DOST: every one), oldest first.
#[utoipa::path(get, path = "/api/v1/report-submissions", tag = TAG, operation_id = "list_report_submissions",
    params(SubmissionListQuery, PageQuery), responses(Listed<ReportSubmissionPage>), security(("bearer" = [REPORTING_READ])))]
pub async fn list(call: Call, q: Query<SubmissionListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| ReportSubmissionPage { items, next_cursor }).await
}

/// Reads one submission: its values (computed or entered), state and whether it is late.
#[utoipa::path(get, path = "/api/v1/report-submissions/{id}", tag = TAG, operation_id = "get_report_submission",
    params(IdPath), responses(Read<ReportSubmission>), security(("bearer" = [REPORTING_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// Fills in values by indicator code, and an attachment (the agency, while a draft or returned;
/// under `If-Match`). A computed value the agency changes becomes entered.
#[utoipa::path(put, path = "/api/v1/report-submissions/{id}/values", tag = TAG, operation_id = "set_report_submission_values",
    params(IdPath, IfMatchRequired), request_body = ValuesInput, security(("bearer" = [REPORTING_WRITE])),
    responses(
        (status = 200, description = "Saved; the submission.", body = ReportSubmission),
        (status = 403, description = "Only the agency fills it in (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such submission the caller may see.", body = Problem),
        (status = 409, description = "Submitted or accepted: not changed (`not_editable`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
        (status = 422, description = "An unknown indicator (`unknown_indicator`), or a field is invalid (`validation_failed`).", body = Problem),
        (status = 428, description = "`If-Match` is missing (`precondition_required`).", body = Problem),
    ))]
pub async fn values(call: Call, id: web::Path<IdPath>, body: ValidJson<ValuesInput>) -> Reply {
    let (id, input) = (id.into_inner().of(ENTITY)?, body.0);
    call.update(move |c, actor, writer, expected| store::set_values(c, actor, writer, &id, &input, expected)).await
}

/// The result of a submission's move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SubmissionMoved {
    /// The submission after the move.
    pub submission: ReportSubmission,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(SubmissionMoved, via = submission);

/// Moves a submission: `submit` (the agency; every indicator needs a value, or an attachment),
/// `return` with the `reason` or `accept` (DOST).
#[utoipa::path(post, path = "/api/v1/report-submissions/{id}/transitions", tag = TAG, operation_id = "transition_report_submission",
    params(IdPath, IfMatchOptional), request_body = SubmissionAction, security(("bearer" = [REPORTING_WRITE])),
    responses(
        (status = 200, description = "Moved; the submission and the move.", body = SubmissionMoved),
        (status = 403, description = "The caller may not take this action (`not_lead_agency`, `dost_only`).", body = Problem),
        (status = 404, description = "No such submission the caller may see.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`), or values are missing (`values_missing`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
        (status = 422, description = "A field the action needs is missing (`required`).", body = Problem),
    ))]
pub async fn transition(call: Call, id: web::Path<IdPath>, body: ValidJson<SubmissionAction>) -> Reply {
    let (id, action) = (id.into_inner().of(ENTITY)?, body.0);
    call.transition(move |c, actor, writer, expected| {
        let (submission, transition) = store::transition(c, actor, writer, &id, &action, expected)?;
        Ok(SubmissionMoved { submission, transition })
    })
    .await
}

/// Lists the moves a submission went through, oldest first.
#[utoipa::path(get, path = "/api/v1/report-submissions/{id}/transitions", tag = TAG, operation_id = "list_report_submission_transitions",
    params(IdPath, PageQuery), responses(Moves), security(("bearer" = [REPORTING_READ])))]
pub async fn transitions(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}

/// Lists the changes to one submission: its pre-filling, each edit and move.
#[utoipa::path(get, path = "/api/v1/report-submissions/{id}/history", tag = TAG, operation_id = "get_report_submission_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [REPORTING_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}
