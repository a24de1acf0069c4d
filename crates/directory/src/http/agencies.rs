//! `/api/v1/agencies`: the agencies that take part in TĐC management.

use actix_web::web;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, History, Listed, Read, Updated};
use tdc_kernel::resource::{Call, IdPath, IfMatchRequired, Reply};
use tdc_kernel::{Problem, location};

use crate::model::{Agency, AgencyListQuery, AgencyPage, AgencyPatch, NewAgency};
use crate::scopes::{AGENCIES_READ, AGENCIES_WRITE};
use crate::store::agencies;

const TAG: &str = "Agencies";

/// Lists agencies, oldest first.
#[utoipa::path(get, path = "/api/v1/agencies", tag = TAG, operation_id = "list_agencies",
    params(AgencyListQuery, PageQuery), responses(Listed<AgencyPage>), security(("bearer" = [AGENCIES_READ])))]
pub async fn list(call: Call, q: Query<AgencyListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| agencies::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| AgencyPage { items, next_cursor }).await
}

/// Registers an agency (DOST's administrators).
#[utoipa::path(post, path = "/api/v1/agencies", tag = TAG, operation_id = "create_agency",
    request_body = NewAgency, security(("bearer" = [AGENCIES_WRITE])),
    responses(Created<Agency>, (status = 409, description = "An agency with this code exists (`duplicate_key`).", body = Problem)))]
pub async fn create(call: Call, body: ValidJson<NewAgency>) -> Reply {
    let new = body.0;
    call.create(location!(get), move |c, actor, _| agencies::create(c, actor, &new)).await
}

/// Reads one agency.
#[utoipa::path(get, path = "/api/v1/agencies/{id}", tag = TAG, operation_id = "get_agency",
    params(IdPath), responses(Read<Agency>), security(("bearer" = [AGENCIES_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(agencies::ENTITY)?;
    call.read(move |c, _| agencies::get(c, &id)).await
}

/// Changes an agency (DOST's administrators). Needs `If-Match` with the version read.
#[utoipa::path(patch, path = "/api/v1/agencies/{id}", tag = TAG, operation_id = "update_agency",
    params(IdPath, IfMatchRequired), request_body(content = AgencyPatch, content_type = "application/merge-patch+json"),
    responses(Updated<Agency>), security(("bearer" = [AGENCIES_WRITE])))]
pub async fn update(call: Call, id: web::Path<IdPath>, body: ValidJson<AgencyPatch>) -> Reply {
    let (id, patch) = (id.into_inner().of(agencies::ENTITY)?, body.0);
    call.update(move |c, actor, _, expected| agencies::update(c, actor, &id, expected, &patch)).await
}

/// Lists the changes to one agency: who, when, and the fields before and after.
#[utoipa::path(get, path = "/api/v1/agencies/{id}/history", tag = TAG, operation_id = "get_agency_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [AGENCIES_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(agencies::ENTITY)?;
    let lookup = id.clone();
    call.history(agencies::ENTITY, id, q.0, move |c, _| agencies::get(c, &lookup)).await
}
