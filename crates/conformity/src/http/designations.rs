//! `/api/v1/designations`: certification bodies designated for QCĐPs, and their revocation.

use actix_web::web;
use serde::{Deserialize, Serialize};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, Listed, Moves, Read};
use tdc_kernel::resource::{AnyCall, Call, IdPath, Reply};
use tdc_kernel::{Problem, location};
use utoipa::ToSchema;

use crate::model::{Designation, DesignationAction, DesignationListQuery, DesignationPage, NewDesignation};
use crate::scopes::{CONFORMITY_READ, CONFORMITY_WRITE};
use crate::store::designations::{self as store, ENTITY};

const TAG: &str = "Conformity registry";
const DESIGNATION: &str = "designation";

/// Lists designations. Public: the list of designated bodies is published.
#[utoipa::path(get, path = "/api/v1/designations", tag = TAG, operation_id = "list_designations",
    params(DesignationListQuery, PageQuery), responses(Listed<DesignationPage>), security((), ("bearer" = [CONFORMITY_READ])))]
pub async fn list(call: AnyCall, q: Query<DesignationListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| store::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| DesignationPage { items, next_cursor }).await
}

/// Records a designation (DOST, for the People's Committee's decision). The body must be
/// registered for certification; the QCĐP must be issued and not ended.
#[utoipa::path(post, path = "/api/v1/designations", tag = TAG, operation_id = "create_designation",
    request_body = NewDesignation, security(("bearer" = [CONFORMITY_WRITE])),
    responses(Created<Designation>,
        (status = 403, description = "Only DOST records designations (`dost_only`).", body = Problem),
        (status = 409, description = "The body holds no active registration for certification (`not_registered_for_certification`).", body = Problem),
    ))]
pub async fn create(call: Call, body: ValidJson<NewDesignation>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one designation. Public.
#[utoipa::path(get, path = "/api/v1/designations/{id}", tag = TAG, operation_id = "get_designation",
    params(IdPath), responses(Read<Designation>), security((), ("bearer" = [CONFORMITY_READ])))]
pub async fn get(call: AnyCall, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(DESIGNATION)?;
    call.read(move |c, _| store::get(c, &id)).await
}

/// The result of a designation's move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DesignationMoved {
    /// The designation after the move.
    pub designation: Designation,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(DesignationMoved, via = designation);

/// Revokes a designation (`{"action": "revoke", "reason", "decision"}`; DOST).
#[utoipa::path(post, path = "/api/v1/designations/{id}/transitions", tag = TAG, operation_id = "transition_designation",
    params(IdPath), request_body = DesignationAction, security(("bearer" = [CONFORMITY_WRITE])),
    responses(
        (status = 200, description = "Done; the designation and the move.", body = DesignationMoved),
        (status = 403, description = "Only DOST revokes designations (`dost_only`).", body = Problem),
        (status = 404, description = "No such designation.", body = Problem),
        (status = 409, description = "Revoked already (`illegal_transition`).", body = Problem),
    ))]
pub async fn transition(call: Call, id: web::Path<IdPath>, body: ValidJson<DesignationAction>) -> Reply {
    let (id, action) = (id.into_inner().of(DESIGNATION)?, body.0);
    call.write(move |c, actor, writer| {
        let (designation, transition) = store::transition(c, actor, writer, &id, &action)?;
        Ok(DesignationMoved { designation, transition })
    })
    .await
}

/// Lists a designation's moves. Public.
#[utoipa::path(get, path = "/api/v1/designations/{id}/transitions", tag = TAG, operation_id = "list_designation_transitions",
    params(IdPath, PageQuery), responses(Moves), security((), ("bearer" = [CONFORMITY_READ])))]
pub async fn transitions(call: AnyCall, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(DESIGNATION)?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}
