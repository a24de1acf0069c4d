//! `/api/v1/conformity-bodies`: the public registry of conformity assessment bodies.

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::{MaybePrincipal, Principal};
use tdc_kernel::batch::{self, BatchQuery, BatchResult};
use tdc_kernel::changes::{Actor, HistoryPage, http::history_page};
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{Replace, created_response, versioned_response};
use tdc_kernel::{ApiError, HomeProvince, Problem, ids};

use crate::model::{BodyListQuery, ConformityBody, ConformityBodyInput, ConformityBodyPage};
use crate::store::bodies::{self as store, BodyWrite, ENTITY};

fn location(b: &ConformityBody) -> String {
    tdc_kernel::location!(get, b.id)
}

/// Searches the registry. Public: no token needed (contacts only for the managing agency).
#[utoipa::path(
    get, path = "/api/v1/conformity-bodies", tag = "Conformity registry", operation_id = "list_conformity_bodies",
    params(BodyListQuery),
    responses((status = 200, description = "A page of bodies with their current certificates and scope; `Link: <…>; rel=\"next\"` when there is more.", body = ConformityBodyPage)),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn list(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<BodyListQuery>,
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
        |b: &ConformityBody| b.id.clone(),
        |items, next_cursor| ConformityBodyPage { items, next_cursor },
    )
    .await
}

/// Records a body (with `tax_code`); 409 if one with that tax code is recorded.
#[utoipa::path(
    post, path = "/api/v1/conformity-bodies", tag = "Conformity registry", operation_id = "create_conformity_body",
    request_body = ConformityBodyInput,
    responses(
        (status = 201, description = "The body, with `Location` and `ETag`.", body = ConformityBody),
        (status = 409, description = "A body with this tax code is recorded (`duplicate_key`).", body = Problem),
    ),
    security(("bearer" = [scopes::CONFORMITY_WRITE]))
)]
pub async fn create(
    p: Principal,
    pool: web::Data<DbPool>,
    home: web::Data<HomeProvince>,
    body: ValidJson<ConformityBodyInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CONFORMITY_WRITE)?;
    let input = body.0;
    let tax_code = input
        .tax_code
        .clone()
        .ok_or_else(|| ApiError::invalid_field("/tax_code", "required", "tax_code is required"))?;
    let (actor, writer, home) = (Actor::from(&p), Reader::of(&p), home.get_ref().clone());
    let created = db::write(&pool, move |c| {
        store::create(c, &BodyWrite { actor: &actor, writer: &writer, home: &home }, &tax_code, &input)
    })
    .await?;
    Ok(created_response(&location(&created), created.version, &created))
}

/// Reads one body with its current certificates and scope. Public.
#[utoipa::path(
    get, path = "/api/v1/conformity-bodies/{id}", tag = "Conformity registry", operation_id = "get_conformity_body",
    params(("id" = String, Path, description = "The body's id (UUID).", format = "uuid")),
    responses(
        (status = 200, description = "The body, with its `ETag`.", body = ConformityBody),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such body.", body = Problem),
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
    let id = ids::path_id(&id, "conformity body")?;
    let found = db::read(&pool, move |c| store::get(c, &reader, &id)).await?;
    Ok(versioned_response(&req, found.version, &found))
}

/// Reads one body by its tax code. Public.
#[utoipa::path(
    get, path = "/api/v1/conformity-bodies/by-tax-code/{tax_code}", tag = "Conformity registry", operation_id = "get_conformity_body_by_tax_code",
    params(("tax_code" = String, Path, description = "The business's tax code.")),
    responses(
        (status = 200, description = "The body, with its `ETag`.", body = ConformityBody),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such body.", body = Problem),
    ),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn get_by_tax_code(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    tax_code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::CONFORMITY_READ)?;
    let tax_code = tax_code.into_inner();
    let found = db::read(&pool, move |c| store::get_by_tax_code(c, &reader, &tax_code)).await?;
    Ok(versioned_response(&req, found.version, &found))
}

/// Creates or replaces a body by tax code: safe to resend. Absent: created (201); identical: 200
/// and no new version; changed: needs `If-Match`. Only its managing agency replaces it.
#[utoipa::path(
    put, path = "/api/v1/conformity-bodies/by-tax-code/{tax_code}", tag = "Conformity registry", operation_id = "upsert_conformity_body",
    params(
        ("tax_code" = String, Path, description = "The business's tax code."),
        ("If-Match" = Option<String>, Header, description = "The `ETag` of the version being replaced."),
    ),
    request_body = ConformityBodyInput,
    responses(
        (status = 200, description = "Replaced (or unchanged).", body = ConformityBody),
        (status = 201, description = "Created.", body = ConformityBody),
        (status = 403, description = "Another agency manages it (`not_lead_agency`).", body = Problem),
        (status = 409, description = "An activity it holds an active certificate for would be dropped (`activity_has_certificates`).", body = Problem),
        (status = 412, description = "It changed since that version (`version_mismatch`).", body = Problem),
        (status = 428, description = "It exists and differs, but `If-Match` is missing.", body = Problem),
    ),
    security(("bearer" = [scopes::CONFORMITY_WRITE]))
)]
pub async fn upsert(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    home: web::Data<HomeProvince>,
    tax_code: web::Path<String>,
    body: ValidJson<ConformityBodyInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CONFORMITY_WRITE)?;
    let (tax_code, input) = (tax_code.into_inner(), body.0);
    if input.tax_code.as_deref().is_some_and(|t| t.trim() != tax_code) {
        return Err(ApiError::invalid_field(
            "/tax_code",
            "tax_code_mismatch",
            "tax_code differs from the one in the path",
        ));
    }
    let replace = Replace::from_request(&req)?;
    let (actor, writer, home) = (Actor::from(&p), Reader::of(&p), home.get_ref().clone());
    let (saved, created) = db::write(&pool, move |c| {
        store::upsert(c, &BodyWrite { actor: &actor, writer: &writer, home: &home }, &tax_code, &input, replace)
    })
    .await?;
    if created {
        return Ok(created_response(&location(&saved), saved.version, &saved));
    }
    Ok(versioned_response(&req, saved.version, &saved))
}

/// Loads up to 1000 bodies at once (a province's existing registry), each upserted by `tax_code`.
#[utoipa::path(
    post, path = "/api/v1/conformity-bodies/batch", tag = "Conformity registry", operation_id = "batch_upsert_conformity_bodies",
    params(BatchQuery),
    request_body(content = Vec<ConformityBodyInput>, description = "A JSON array of at most 1000 bodies, each with `tax_code` (the businesses recorded first)."),
    responses(
        (status = 200, description = "One result per item: `{index, status, id | problem}`.", body = BatchResult),
        (status = 413, description = "More than 1000 items (`payload_too_large`).", body = Problem),
        (status = 422, description = "With `atomic=true`: an item was refused and nothing was stored.", body = Problem),
    ),
    security(("bearer" = [scopes::CONFORMITY_WRITE]))
)]
pub async fn batch_upsert(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    home: web::Data<HomeProvince>,
    q: Query<BatchQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CONFORMITY_WRITE)?;
    let (actor, writer, home) = (Actor::from(&p), Reader::of(&p), home.get_ref().clone());
    batch::serve(&req, &pool, q.0, &body, move |c, value| {
        let input: ConformityBodyInput = batch::item(value)?;
        let tax_code = input
            .tax_code
            .clone()
            .ok_or_else(|| ApiError::invalid_field("/tax_code", "required", "tax_code is required"))?;
        let w = BodyWrite { actor: &actor, writer: &writer, home: &home };
        let (saved, created) = store::upsert(c, &w, &tax_code, &input, Replace::Always)?;
        Ok((if created { 201 } else { 200 }, saved.id))
    })
    .await
}

/// Lists the changes to one body (public fields only).
#[utoipa::path(
    get, path = "/api/v1/conformity-bodies/{id}/history", tag = "Conformity registry", operation_id = "get_conformity_body_history",
    params(("id" = String, Path, description = "The body's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "Its changes, oldest first.", body = HistoryPage),
        (status = 404, description = "No such body.", body = Problem),
    ),
    security(("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn history(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CONFORMITY_READ)?;
    let id = ids::path_id(&id, "conformity body")?;
    let (lookup, reader) = (id.clone(), Reader::of(&p));
    db::read(&pool, move |c| store::get(c, &reader, &lookup)).await?;
    history_page(&req, &pool, Reader::of(&p), ENTITY, id, q.0).await
}
