//! `/api/v1/designations`: certification bodies designated for QCĐPs, and their revocation.

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::{MaybePrincipal, Principal};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::{Transition, TransitionPage, http::transitions_page};
use tdc_kernel::location;
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{created_response, versioned_response};
use tdc_kernel::{ApiError, Problem, ids};
use utoipa::ToSchema;

use crate::model::{Designation, DesignationAction, DesignationListQuery, DesignationPage, NewDesignation};
use crate::store::designations::{self as store, ENTITY};

/// Lists designations. Public: the list of designated bodies is published.
#[utoipa::path(
    get, path = "/api/v1/designations", tag = "Conformity registry", operation_id = "list_designations",
    params(DesignationListQuery),
    responses((status = 200, description = "A page of designations.", body = DesignationPage)),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn list(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<DesignationListQuery>,
) -> Result<HttpResponse, ApiError> {
    Reader::with_scope(&p, scopes::CONFORMITY_READ)?;
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor.clone() };
    let load = move |c: &mut _, after, limit| store::list(c, &filter, after, limit);
    serve_page(
        &req,
        &pool,
        paging,
        load,
        |d: &Designation| d.id.clone(),
        |items, next_cursor| DesignationPage { items, next_cursor },
    )
    .await
}

/// Records a designation (DOST, for the People's Committee's decision). The body must be
/// registered for certification; the QCĐP must be issued and not ended.
#[utoipa::path(
    post, path = "/api/v1/designations", tag = "Conformity registry", operation_id = "create_designation",
    request_body = NewDesignation,
    responses(
        (status = 201, description = "The designation, with `Location` and `ETag`.", body = Designation),
        (status = 403, description = "Only DOST records designations (`dost_only`).", body = Problem),
        (status = 409, description = "The body holds no active registration for certification (`not_registered_for_certification`).", body = Problem),
    ),
    security(("bearer" = [scopes::CONFORMITY_WRITE]))
)]
pub async fn create(
    p: Principal,
    pool: web::Data<DbPool>,
    body: ValidJson<NewDesignation>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CONFORMITY_WRITE)?;
    let (actor, writer, input) = (Actor::from(&p), Reader::of(&p), body.0);
    let created = db::write(&pool, move |c| store::create(c, &actor, &writer, &input)).await?;
    Ok(created_response(&location!(get, created.id), created.version, &created))
}

/// Reads one designation. Public.
#[utoipa::path(
    get, path = "/api/v1/designations/{id}", tag = "Conformity registry", operation_id = "get_designation",
    params(("id" = String, Path, description = "The designation's id (UUID).", format = "uuid")),
    responses(
        (status = 200, description = "The designation, with its `ETag`.", body = Designation),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such designation.", body = Problem),
    ),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn get(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Reader::with_scope(&p, scopes::CONFORMITY_READ)?;
    let id = ids::path_id(&id, "designation")?;
    let found = db::read(&pool, move |c| store::get(c, &id)).await?;
    Ok(versioned_response(&req, found.version, &found))
}

/// The result of a designation's move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DesignationMoved {
    /// The designation after the move.
    pub designation: Designation,
    /// The move as logged.
    pub transition: Transition,
}

/// Revokes a designation (`{"action": "revoke", "reason", "decision"}`; DOST).
#[utoipa::path(
    post, path = "/api/v1/designations/{id}/transitions", tag = "Conformity registry", operation_id = "transition_designation",
    params(("id" = String, Path, description = "The designation's id (UUID).", format = "uuid")),
    request_body = DesignationAction,
    responses(
        (status = 200, description = "Done; the designation and the move.", body = DesignationMoved),
        (status = 403, description = "Only DOST revokes designations (`dost_only`).", body = Problem),
        (status = 404, description = "No such designation.", body = Problem),
        (status = 409, description = "Revoked already (`illegal_transition`).", body = Problem),
    ),
    security(("bearer" = [scopes::CONFORMITY_WRITE]))
)]
pub async fn transition(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    body: ValidJson<DesignationAction>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CONFORMITY_WRITE)?;
    let id = ids::path_id(&id, "designation")?;
    let (actor, writer, action) = (Actor::from(&p), Reader::of(&p), body.0);
    let (designation, transition) =
        db::write(&pool, move |c| store::transition(c, &actor, &writer, &id, &action)).await?;
    Ok(versioned_response(&req, designation.version, &DesignationMoved { designation, transition }))
}

/// Lists a designation's moves. Public.
#[utoipa::path(
    get, path = "/api/v1/designations/{id}/transitions", tag = "Conformity registry", operation_id = "list_designation_transitions",
    params(("id" = String, Path, description = "The designation's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "Its moves, oldest first.", body = TransitionPage),
        (status = 404, description = "No such designation.", body = Problem),
    ),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn transitions(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    Reader::with_scope(&p, scopes::CONFORMITY_READ)?;
    let id = ids::path_id(&id, "designation")?;
    let lookup = id.clone();
    db::read(&pool, move |c| store::get(c, &lookup)).await?;
    transitions_page(&req, &pool, ENTITY, id, q.0).await
}
