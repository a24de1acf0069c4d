//! `/api/v1/conformity-declarations`: declarations of conformity received by the agencies.

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::{MaybePrincipal, Principal};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::location;
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{created_response, versioned_response};
use tdc_kernel::{ApiError, Problem, ids};
use utoipa::ToSchema;

use crate::model::{Declaration, DeclarationAction, DeclarationListQuery, DeclarationPage, NewDeclaration};
use crate::store::declarations as store;

/// Lists the declarations the caller may read: without a token the published (`public`) ones;
/// a declaration is never more visible than the declaring business.
#[utoipa::path(
    get, path = "/api/v1/conformity-declarations", tag = "Conformity registry", operation_id = "list_conformity_declarations",
    params(DeclarationListQuery),
    responses((status = 200, description = "A page of declarations.", body = DeclarationPage)),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn list(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<DeclarationListQuery>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::CONFORMITY_READ)?;
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor.clone() };
    let load = move |c: &mut _, after, limit| store::list(c, &reader, &filter, after, limit);
    serve_page(
        &req,
        &pool,
        paging,
        load,
        |d: &Declaration| d.id.clone(),
        |items, next_cursor| DeclarationPage { items, next_cursor },
    )
    .await
}

/// Records a declaration received by the caller's agency. Refused, naming the rule, when it rests
/// on a body whose registration for certification was revoked (`certificate_revoked`), is
/// suspended or expired, or does not cover what is declared (`out_of_scope`), or on an expired
/// product certificate (`product_certificate_expired`).
#[utoipa::path(
    post, path = "/api/v1/conformity-declarations", tag = "Conformity registry", operation_id = "create_conformity_declaration",
    request_body = NewDeclaration,
    responses(
        (status = 201, description = "The declaration, with `Location` and `ETag`.", body = Declaration),
        (status = 409, description = "This agency has recorded this receipt number (`duplicate_key`).", body = Problem),
    ),
    security(("bearer" = [scopes::CONFORMITY_WRITE]))
)]
pub async fn create(
    p: Principal,
    pool: web::Data<DbPool>,
    body: ValidJson<NewDeclaration>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CONFORMITY_WRITE)?;
    let (actor, writer, input) = (Actor::from(&p), Reader::of(&p), body.0);
    let created = db::write(&pool, move |c| store::create(c, &actor, &writer, &input)).await?;
    Ok(created_response(&location!(get, created.id), created.version, &created))
}

/// Reads one declaration the caller may read (public ones without a token).
#[utoipa::path(
    get, path = "/api/v1/conformity-declarations/{id}", tag = "Conformity registry", operation_id = "get_conformity_declaration",
    params(("id" = String, Path, description = "The declaration's id (UUID).", format = "uuid")),
    responses(
        (status = 200, description = "The declaration, with its `ETag`.", body = Declaration),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such declaration, or not one the caller may read.", body = Problem),
    ),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn get(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::CONFORMITY_READ)?;
    let id = ids::path_id(&id, "declaration")?;
    let found = db::read(&pool, move |c| store::get(c, &reader, &id)).await?;
    Ok(versioned_response(&req, found.version, &found))
}

/// The result of a declaration's move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeclarationMoved {
    /// The declaration after the move.
    pub declaration: Declaration,
    /// The move as logged.
    pub transition: Transition,
}

/// Withdraws or invalidates a declaration (its receiving agency), with a reason.
#[utoipa::path(
    post, path = "/api/v1/conformity-declarations/{id}/transitions", tag = "Conformity registry", operation_id = "transition_conformity_declaration",
    params(("id" = String, Path, description = "The declaration's id (UUID).", format = "uuid")),
    request_body = DeclarationAction,
    responses(
        (status = 200, description = "Done; the declaration and the move.", body = DeclarationMoved),
        (status = 403, description = "Another agency received it (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such declaration.", body = Problem),
        (status = 409, description = "Not allowed in its status (`illegal_transition`).", body = Problem),
    ),
    security(("bearer" = [scopes::CONFORMITY_WRITE]))
)]
pub async fn transition(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    body: ValidJson<DeclarationAction>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CONFORMITY_WRITE)?;
    let id = ids::path_id(&id, "declaration")?;
    let (actor, writer, action) = (Actor::from(&p), Reader::of(&p), body.0);
    let (declaration, transition) =
        db::write(&pool, move |c| store::transition(c, &actor, &writer, &id, &action)).await?;
    Ok(versioned_response(&req, declaration.version, &DeclarationMoved { declaration, transition }))
}
