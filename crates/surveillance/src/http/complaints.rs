//! `/api/v1/complaints`: complaints, denunciations, feedback and recommendations as the agencies
//! handle them, and the sealed identity their handling agency reads.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tdc_kernel::db;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, History, Listed, Moves, Read};
use tdc_kernel::resource::{Call, IdPath, IfMatchOptional, Reply};
use tdc_kernel::seal::Sealer;
use tdc_kernel::{Problem, location};
use utoipa::ToSchema;

use crate::model::{
    Complaint, ComplaintAction, ComplaintInput, ComplaintListQuery, ComplaintPage, IdentityRevealPage, Person,
    RevealInput,
};
use crate::scopes::{SURVEILLANCE_IDENTITY, SURVEILLANCE_READ, SURVEILLANCE_WRITE};
use crate::store::complaints::{self as store, ENTITY, Intake};
use crate::store::identities;

pub(crate) const TAG: &str = "Complaints";

/// Lists the complaints the caller's agency handles or coordinates, oldest first; never a
/// person's identity.
#[utoipa::path(get, path = "/api/v1/complaints", tag = TAG, operation_id = "list_complaints",
    params(ComplaintListQuery, PageQuery), responses(Listed<ComplaintPage>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn list(call: Call, q: Query<ComplaintListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| ComplaintPage { items, next_cursor }).await
}

/// Records a complaint an agency took in (the hotline, a letter, in person): routed to the
/// competent agency unless `handling_agency` names it, due in working days, the person's identity
/// sealed; the agency that took it in coordinates.
#[utoipa::path(post, path = "/api/v1/complaints", tag = TAG, operation_id = "create_complaint",
    request_body = ComplaintInput, security(("bearer" = [SURVEILLANCE_WRITE])), responses(Created<Complaint>))]
pub async fn create(call: Call, sealer: web::Data<Sealer>, body: ValidJson<ComplaintInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, _| {
        let intake = Intake {
            channel: input.channel,
            received_on: input.received_on.unwrap_or_else(tdc_kernel::calendar::today),
            handler: input.handling_agency.clone(),
            taken_by: Some(actor.agency_code.clone()),
            source_key: None,
        };
        store::intake(c, &sealer, &input.complaint, intake)
    })
    .await
}

/// Reads one complaint (its handling and coordinating agencies).
#[utoipa::path(get, path = "/api/v1/complaints/{id}", tag = TAG, operation_id = "get_complaint",
    params(IdPath), responses(Read<Complaint>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// The result of a complaint's move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ComplaintMoved {
    /// The complaint after the move.
    pub complaint: Complaint,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(ComplaintMoved, via = complaint);

/// Moves a complaint (its handling agency): `accept`, `transfer` to the competent agency (with
/// `to_agency` and `reason`; the deadline restarts there), `resolve` (with the `outcome`; DOST is
/// told), `dismiss` (with the `outcome`).
#[utoipa::path(post, path = "/api/v1/complaints/{id}/transitions", tag = TAG, operation_id = "transition_complaint",
    params(IdPath, IfMatchOptional), request_body = ComplaintAction, security(("bearer" = [SURVEILLANCE_WRITE])),
    responses(
        (status = 200, description = "Moved; the complaint and the move.", body = ComplaintMoved),
        (status = 403, description = "Only the handling agency moves it (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such complaint the caller may see.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
        (status = 422, description = "A field the action needs is missing (`required`), or the agency is unknown (`unknown_agency`).", body = Problem),
    ))]
pub async fn transition(call: Call, id: web::Path<IdPath>, body: ValidJson<ComplaintAction>) -> Reply {
    let (id, action) = (id.into_inner().of(ENTITY)?, body.0);
    call.transition(move |c, actor, writer, expected| {
        let (complaint, transition) = store::transition(c, actor, writer, &id, &action, expected)?;
        Ok(ComplaintMoved { complaint, transition })
    })
    .await
}

/// Lists the moves a complaint went through — transfers among them — oldest first.
#[utoipa::path(get, path = "/api/v1/complaints/{id}/transitions", tag = TAG, operation_id = "list_complaint_transitions",
    params(IdPath, PageQuery), responses(Moves), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn transitions(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}

/// Lists the changes to one complaint (never the person's identity).
#[utoipa::path(get, path = "/api/v1/complaints/{id}/history", tag = TAG, operation_id = "get_complaint_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}

/// Reads the sealed identity of the person who brought a complaint — the handling agency's own
/// clients only, with a reason; each reading is recorded (`…/identity-reveals`). Not cached.
#[utoipa::path(post, path = "/api/v1/complaints/{id}/identity", tag = TAG, operation_id = "reveal_complaint_identity",
    params(IdPath), request_body = RevealInput, security(("bearer" = [SURVEILLANCE_IDENTITY])),
    responses(
        (status = 200, description = "The person, as they gave themselves.", body = Person),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`), or the caller's agency does not handle the complaint (`not_handling_agency`).", body = Problem),
        (status = 404, description = "No such complaint the caller may see, or it holds no identity.", body = Problem),
        (status = 422, description = "The reason is missing or too short (`validation_failed`).", body = Problem),
    ))]
pub async fn reveal(
    call: Call,
    sealer: web::Data<Sealer>,
    id: web::Path<IdPath>,
    body: ValidJson<RevealInput>,
) -> Reply {
    let (id, reason) = (id.into_inner().of(ENTITY)?, body.0.reason);
    let (actor, writer) = call.writer();
    let person = db::write(&call.pool, move |c| identities::reveal(c, &sealer, &actor, &writer, &id, &reason)).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(person))
}

/// Lists who read a complaint's sealed identity, when and why, oldest first.
#[utoipa::path(get, path = "/api/v1/complaints/{id}/identity-reveals", tag = TAG, operation_id = "list_complaint_identity_reveals",
    params(IdPath, PageQuery), security(("bearer" = [SURVEILLANCE_READ])),
    responses(Listed<IdentityRevealPage>, (status = 404, description = "No such complaint the caller may see.", body = Problem)))]
pub async fn reveals(call: Call, id: web::Path<IdPath>, paging: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let load = move |c: &mut _, r: &_, after, limit| identities::list(c, r, &id, after, limit);
    call.page(paging.0, load, |items, next_cursor| IdentityRevealPage { items, next_cursor }).await
}
