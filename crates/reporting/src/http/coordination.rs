//! `/api/v1/coordination-requests`: what a lead agency asks of others, their written replies
//! within their periods, and the steps a late or disputed request takes.

use actix_web::web;
use serde::{Deserialize, Serialize};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, History, Listed, Moves, Read};
use tdc_kernel::resource::{Call, IdPath, IfMatchOptional, Reply};
use tdc_kernel::{Problem, location};
use utoipa::ToSchema;

use crate::model::{
    CoordinationAction, CoordinationListQuery, CoordinationRequest, CoordinationRequestInput, CoordinationRequestPage,
    InDepthInput, ReplyInput,
};
use crate::scopes::{REPORTING_READ, REPORTING_WRITE};
use crate::store::replies;
use crate::store::requests::{self as store, ENTITY};

pub(crate) const TAG: &str = "Coordination";

/// Lists the coordination requests the caller's agency sent or is a party to, oldest first.
#[utoipa::path(get, path = "/api/v1/coordination-requests", tag = TAG, operation_id = "list_coordination_requests",
    params(CoordinationListQuery, PageQuery), responses(Listed<CoordinationRequestPage>), security(("bearer" = [REPORTING_READ])))]
pub async fn list(call: Call, q: Query<CoordinationListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| CoordinationRequestPage { items, next_cursor }).await
}

/// Sends a coordination request from the caller's agency (its lead) to the agencies it asks, each
/// due to reply within 5 working days of receipt on Vietnam's calendar unless a specialised law
/// sets another period. Restricted to the parties.
#[utoipa::path(post, path = "/api/v1/coordination-requests", tag = TAG, operation_id = "create_coordination_request",
    request_body = CoordinationRequestInput, security(("bearer" = [REPORTING_WRITE])), responses(Created<CoordinationRequest>))]
pub async fn create(call: Call, body: ValidJson<CoordinationRequestInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one coordination request: every agency asked, its deadline, status and reply.
#[utoipa::path(get, path = "/api/v1/coordination-requests/{id}", tag = TAG, operation_id = "get_coordination_request",
    params(IdPath), responses(Read<CoordinationRequest>), security(("bearer" = [REPORTING_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// Records the caller's agency's written reply to a request it was asked (late when past its
/// deadline; taken while the request is open, proceeded, escalated or referred).
#[utoipa::path(post, path = "/api/v1/coordination-requests/{id}/replies", tag = TAG, operation_id = "reply_coordination_request",
    params(IdPath, IfMatchOptional), request_body = ReplyInput, security(("bearer" = [REPORTING_WRITE])),
    responses(
        (status = 200, description = "Recorded; the request with the reply.", body = CoordinationRequest),
        (status = 403, description = "The caller's agency was not asked (`not_addressee`).", body = Problem),
        (status = 404, description = "No such request the caller may see.", body = Problem),
        (status = 409, description = "Already replied (`already_replied`), or the request is closed (`request_closed`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
    ))]
pub async fn reply(call: Call, id: web::Path<IdPath>, body: ValidJson<ReplyInput>) -> Reply {
    let (id, input) = (id.into_inner().of(ENTITY)?, body.0);
    call.transition(move |c, actor, reader, expected| replies::reply(c, actor, reader, &id, &input, expected)).await
}

/// Records that the caller's agency needs an in-depth check before it can reply: its period
/// becomes `working_days` from receipt, with the reason (asked before the deadline passes).
#[utoipa::path(post, path = "/api/v1/coordination-requests/{id}/in-depth-checks", tag = TAG, operation_id = "record_coordination_in_depth_check",
    params(IdPath, IfMatchOptional), request_body = InDepthInput, security(("bearer" = [REPORTING_WRITE])),
    responses(
        (status = 200, description = "Recorded; the request with the new deadline.", body = CoordinationRequest),
        (status = 403, description = "The caller's agency was not asked (`not_addressee`).", body = Problem),
        (status = 404, description = "No such request the caller may see.", body = Problem),
        (status = 409, description = "Already replied (`already_replied`), the request is closed (`request_closed`), or the deadline passed (`deadline_passed`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
        (status = 422, description = "The period is not longer than the one it has (`too_short`), or a field is invalid (`validation_failed`).", body = Problem),
    ))]
pub async fn in_depth(call: Call, id: web::Path<IdPath>, body: ValidJson<InDepthInput>) -> Reply {
    let (id, input) = (id.into_inner().of(ENTITY)?, body.0);
    call.transition(move |c, actor, reader, expected| replies::in_depth(c, actor, reader, &id, &input, expected)).await
}

/// The result of a request's move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CoordinationMoved {
    /// The request after the move.
    pub request: CoordinationRequest,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(CoordinationMoved, via = request);

/// Moves a request: `proceed` (the lead agency, once an agency is silent past its deadline; the
/// silent bear the delay), `escalate` to DOST (the lead agency or an agency asked, with `reason`),
/// `refer` to the People's Committee (DOST, with `reason`), `settle` (DOST, with `outcome`),
/// `close` (the lead agency, with `outcome`), `withdraw` (the lead agency, with `reason`).
#[utoipa::path(post, path = "/api/v1/coordination-requests/{id}/transitions", tag = TAG, operation_id = "transition_coordination_request",
    params(IdPath, IfMatchOptional), request_body = CoordinationAction, security(("bearer" = [REPORTING_WRITE])),
    responses(
        (status = 200, description = "Moved; the request and the move.", body = CoordinationMoved),
        (status = 403, description = "The caller may not take this action (`not_lead_agency`, `not_a_party`, `dost_only`).", body = Problem),
        (status = 404, description = "No such request the caller may see.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`), no agency is silent past its deadline (`not_overdue`), or replies are awaited (`replies_awaited`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
        (status = 422, description = "A field the action needs is missing (`required`).", body = Problem),
    ))]
pub async fn transition(call: Call, id: web::Path<IdPath>, body: ValidJson<CoordinationAction>) -> Reply {
    let (id, action) = (id.into_inner().of(ENTITY)?, body.0);
    call.transition(move |c, actor, writer, expected| {
        let (request, transition) = store::transition(c, actor, writer, &id, &action, expected)?;
        Ok(CoordinationMoved { request, transition })
    })
    .await
}

/// Lists the moves a request went through — escalations and referrals with their dates — oldest
/// first.
#[utoipa::path(get, path = "/api/v1/coordination-requests/{id}/transitions", tag = TAG, operation_id = "list_coordination_request_transitions",
    params(IdPath, PageQuery), responses(Moves), security(("bearer" = [REPORTING_READ])))]
pub async fn transitions(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}

/// Lists the changes to one request: each reply, check, deadline passed and move.
#[utoipa::path(get, path = "/api/v1/coordination-requests/{id}/history", tag = TAG, operation_id = "get_coordination_request_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [REPORTING_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}
