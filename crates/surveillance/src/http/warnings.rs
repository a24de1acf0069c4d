//! `/api/v1/warnings`: rapid warnings on unsafe goods through their lifecycle.

use actix_web::web;
use serde::{Deserialize, Serialize};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, History, Listed, Moves, Read};
use tdc_kernel::resource::{AnyCall, Call, IdPath, IfMatchOptional, Reply};
use tdc_kernel::{Problem, location};
use utoipa::ToSchema;

use crate::model::{Warning, WarningAction, WarningInput, WarningListQuery, WarningPage};
use crate::scopes::{SURVEILLANCE_READ, SURVEILLANCE_WRITE};
use crate::store::warnings::{self as store, ENTITY};

pub(crate) const TAG: &str = "Warnings";

/// Lists warnings, oldest first. Without a token: the published ones (published, measures under
/// way, resolved); agencies see every warning from its receipt.
#[utoipa::path(get, path = "/api/v1/warnings", tag = TAG, operation_id = "list_warnings",
    params(WarningListQuery, PageQuery), responses(Listed<WarningPage>), security((), ("bearer" = [SURVEILLANCE_READ])))]
pub async fn list(call: AnyCall, q: Query<WarningListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| WarningPage { items, next_cursor }).await
}

/// Reports a warning: an agency's inspection or survey, the consumer association's early warning
/// (with its test report), the hotline, another province or a ministry. It is `received`, handled
/// by `handling_agency` (default: the caller's agency), and shared with every agency until it is
/// published.
#[utoipa::path(post, path = "/api/v1/warnings", tag = TAG, operation_id = "create_warning",
    request_body = WarningInput, security(("bearer" = [SURVEILLANCE_WRITE])), responses(Created<Warning>))]
pub async fn create(call: Call, body: ValidJson<WarningInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one warning (public once published).
#[utoipa::path(get, path = "/api/v1/warnings/{id}", tag = TAG, operation_id = "get_warning",
    params(IdPath), responses(Read<Warning>), security((), ("bearer" = [SURVEILLANCE_READ])))]
pub async fn get(call: AnyCall, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// The result of a warning's move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct WarningMoved {
    /// The warning after the move.
    pub warning: Warning,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(WarningMoved, via = warning);

/// Moves a warning (its handling agency or DOST): `verify`, `reject` (with `reason`), `publish`
/// (it becomes public and enters the alert feed), `start_measures` (with the `measures`),
/// `resolve` (with the `resolution`).
#[utoipa::path(post, path = "/api/v1/warnings/{id}/transitions", tag = TAG, operation_id = "transition_warning",
    params(IdPath, IfMatchOptional), request_body = WarningAction, security(("bearer" = [SURVEILLANCE_WRITE])),
    responses(
        (status = 200, description = "Moved; the warning and the move.", body = WarningMoved),
        (status = 403, description = "Only the handling agency or DOST moves it (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such warning.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
        (status = 422, description = "A field the action needs is missing (`required`).", body = Problem),
    ))]
pub async fn transition(call: Call, id: web::Path<IdPath>, body: ValidJson<WarningAction>) -> Reply {
    let (id, action) = (id.into_inner().of(ENTITY)?, body.0);
    call.transition(move |c, actor, writer, expected| {
        let (warning, transition) = store::transition(c, actor, writer, &id, &action, expected)?;
        Ok(WarningMoved { warning, transition })
    })
    .await
}

/// Lists the moves a warning went through, oldest first.
#[utoipa::path(get, path = "/api/v1/warnings/{id}/transitions", tag = TAG, operation_id = "list_warning_transitions",
    params(IdPath, PageQuery), responses(Moves), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn transitions(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}

/// Lists the changes to one warning.
#[utoipa::path(get, path = "/api/v1/warnings/{id}/history", tag = TAG, operation_id = "get_warning_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}
