//! `/api/v1/agencies`: the agencies that take part in TĐC management.

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::Principal;
use tdc_kernel::changes::{Actor, HistoryPage, http::history_page};
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::location;
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{created_response, required_if_match, versioned_response};
use tdc_kernel::{ApiError, Problem, ids};

use crate::model::{Agency, AgencyListQuery, AgencyPage, AgencyPatch, NewAgency};
use crate::store::agencies;

/// Lists agencies, oldest first.
#[utoipa::path(
    get, path = "/api/v1/agencies", tag = "Agencies", operation_id = "list_agencies",
    params(AgencyListQuery),
    responses(
        (status = 200, description = "A page of agencies; `Link: <…>; rel=\"next\"` when there is a next page.", body = AgencyPage),
    ),
    security(("bearer" = [scopes::AGENCIES_READ]))
)]
pub async fn list(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<AgencyListQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::AGENCIES_READ)?;
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor.clone() };
    let load = move |c: &mut _, after, limit| agencies::list(c, &filter, after, limit);
    serve_page(
        &req,
        &pool,
        paging,
        load,
        |a: &Agency| a.id.clone(),
        |items, next_cursor| AgencyPage { items, next_cursor },
    )
    .await
}

/// Registers an agency (DOST's administrators).
#[utoipa::path(
    post, path = "/api/v1/agencies", tag = "Agencies", operation_id = "create_agency",
    request_body = NewAgency,
    responses(
        (status = 201, description = "The agency, with `Location` and `ETag`.", body = Agency),
        (status = 409, description = "An agency with this code exists (`duplicate_key`).", body = Problem),
    ),
    security(("bearer" = [scopes::AGENCIES_WRITE]))
)]
pub async fn create(
    p: Principal,
    pool: web::Data<DbPool>,
    body: ValidJson<NewAgency>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::AGENCIES_WRITE)?;
    let new = body.0;
    let actor = Actor::from(&p);
    let agency = db::write(&pool, move |c| agencies::create(c, &actor, &new)).await?;
    Ok(created_response(&location!(get, agency.id), agency.version, &agency))
}

/// Reads one agency.
#[utoipa::path(
    get, path = "/api/v1/agencies/{id}", tag = "Agencies", operation_id = "get_agency",
    params(("id" = String, Path, description = "The agency's id (UUID).", format = "uuid")),
    responses(
        (status = 200, description = "The agency, with its `ETag`.", body = Agency),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such agency.", body = Problem),
    ),
    security(("bearer" = [scopes::AGENCIES_READ]))
)]
pub async fn get(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::AGENCIES_READ)?;
    let id = ids::path_id(&id, "agency")?;
    let agency = db::read(&pool, move |c| agencies::get(c, &id)).await?;
    Ok(versioned_response(&req, agency.version, &agency))
}

/// Changes an agency (DOST's administrators). Needs `If-Match` with the version read.
#[utoipa::path(
    patch, path = "/api/v1/agencies/{id}", tag = "Agencies", operation_id = "update_agency",
    params(
        ("id" = String, Path, description = "The agency's id (UUID).", format = "uuid"),
        ("If-Match" = String, Header, description = "The `ETag` of the version being changed, e.g. `\"3\"`."),
    ),
    request_body(content = AgencyPatch, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed agency, with its new `ETag`.", body = Agency),
        (status = 404, description = "No such agency.", body = Problem),
        (status = 412, description = "The agency changed since that version (`version_mismatch`).", body = Problem),
        (status = 428, description = "`If-Match` is missing (`precondition_required`).", body = Problem),
    ),
    security(("bearer" = [scopes::AGENCIES_WRITE]))
)]
pub async fn update(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    body: ValidJson<AgencyPatch>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::AGENCIES_WRITE)?;
    let id = ids::path_id(&id, "agency")?;
    let expected = required_if_match(&req)?;
    let patch = body.0;
    let actor = Actor::from(&p);
    let agency = db::write(&pool, move |c| agencies::update(c, &actor, &id, expected, &patch)).await?;
    Ok(versioned_response(&req, agency.version, &agency))
}

/// Lists the changes to one agency: who, when, and the fields before and after.
#[utoipa::path(
    get, path = "/api/v1/agencies/{id}/history", tag = "Agencies", operation_id = "get_agency_history",
    params(("id" = String, Path, description = "The agency's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "The agency's changes, oldest first.", body = HistoryPage),
        (status = 404, description = "No such agency.", body = Problem),
    ),
    security(("bearer" = [scopes::AGENCIES_READ]))
)]
pub async fn history(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::AGENCIES_READ)?;
    let id = ids::path_id(&id, "agency")?;
    let lookup = id.clone();
    db::read(&pool, move |c| agencies::get(c, &lookup)).await?;
    history_page(&req, &pool, Reader::of(&p), agencies::ENTITY, id, q.0).await
}
