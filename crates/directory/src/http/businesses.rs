//! `/api/v1/businesses`: businesses by tax code, shared by every agency.

use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::{MaybePrincipal, Principal, scopes};
use tdc_kernel::batch::{self, BatchQuery, BatchResult};
use tdc_kernel::changes::{Actor, HistoryPage, http::history_page};
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::location;
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{created_response, versioned_response};
use tdc_kernel::{ApiError, Problem, ids};

use crate::model::{Business, BusinessInput, BusinessListQuery, BusinessPage};
use crate::store::{Replace, businesses};

/// Lists the businesses the caller may see, oldest first. Without a token: public ones only.
#[utoipa::path(
    get, path = "/api/v1/businesses", tag = "Businesses", operation_id = "list_businesses",
    params(BusinessListQuery),
    responses(
        (status = 200, description = "A page of businesses; `Link: <…>; rel=\"next\"` when there is a next page.", body = BusinessPage),
    ),
    security((), ("bearer" = ["businesses:read"]))
)]
pub async fn list(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<BusinessListQuery>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::BUSINESSES_READ)?;
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor.clone() };
    let load = move |c: &mut _, after, limit| businesses::list(c, &reader, &filter, after, limit);
    let key = |b: &Business| b.id.clone();
    serve_page(&req, &pool, paging, load, key, |items, next_cursor| BusinessPage { items, next_cursor }).await
}

/// Records a business; the caller's agency leads it unless an administrator names another.
#[utoipa::path(
    post, path = "/api/v1/businesses", tag = "Businesses", operation_id = "create_business",
    request_body = BusinessInput,
    responses(
        (status = 201, description = "The business, with `Location` and `ETag`.", body = Business),
        (status = 409, description = "A business with this tax code exists (`duplicate_key`); use `PUT /api/v1/businesses/by-tax-code/{tax_code}` to upsert.", body = Problem),
    ),
    security(("bearer" = ["businesses:write"]))
)]
pub async fn create(
    p: Principal,
    pool: web::Data<DbPool>,
    body: ValidJson<BusinessInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::BUSINESSES_WRITE)?;
    let input = body.0;
    let tax_code = input
        .tax_code
        .clone()
        .ok_or_else(|| ApiError::invalid_field("/tax_code", "required", "tax_code is required"))?;
    let (actor, writer) = (Actor::from(&p), Reader::of(&p));
    let business = db::write(&pool, move |c| businesses::create(c, &actor, &writer, &tax_code, &input, "")).await?;
    Ok(created_response(&location!(get, business.id), business.version, &business))
}

/// Reads one business. Without a token: only a public one.
#[utoipa::path(
    get, path = "/api/v1/businesses/{id}", tag = "Businesses", operation_id = "get_business",
    params(("id" = String, Path, description = "The business's id (UUID).", format = "uuid")),
    responses(
        (status = 200, description = "The business, with its `ETag`.", body = Business),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such business, or not one the caller may see.", body = Problem),
    ),
    security((), ("bearer" = ["businesses:read"]))
)]
pub async fn get(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::BUSINESSES_READ)?;
    let id = ids::path_id(&id, "business")?;
    let business = db::read(&pool, move |c| businesses::get(c, &reader, &id)).await?;
    Ok(versioned_response(&req, business.version, &business))
}

/// Reads one business by its tax code. Without a token: only a public one.
#[utoipa::path(
    get, path = "/api/v1/businesses/by-tax-code/{tax_code}", tag = "Businesses", operation_id = "get_business_by_tax_code",
    params(("tax_code" = String, Path, description = "The tax code, e.g. `0100233488` or `0312687878-001`.")),
    responses(
        (status = 200, description = "The business, with its `ETag`.", body = Business),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such business, or not one the caller may see.", body = Problem),
    ),
    security((), ("bearer" = ["businesses:read"]))
)]
pub async fn get_by_tax_code(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    tax_code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::BUSINESSES_READ)?;
    let tax_code = tax_code.into_inner();
    let business = db::read(&pool, move |c| businesses::get_by_tax_code(c, &reader, &tax_code)).await?;
    Ok(versioned_response(&req, business.version, &business))
}

/// Creates or replaces a business by tax code: safe to resend.
///
/// Absent: created (201). Present: replaced when `If-Match` names the current version; without
/// `If-Match`, a resend of identical data answers 200 and changes nothing, while different data
/// is refused with 428 (read the record, then send its `ETag`).
#[utoipa::path(
    put, path = "/api/v1/businesses/by-tax-code/{tax_code}", tag = "Businesses", operation_id = "upsert_business",
    params(
        ("tax_code" = String, Path, description = "The tax code, e.g. `0100233488` or `0312687878-001`."),
        ("If-Match" = Option<String>, Header, description = "The `ETag` of the version being replaced; not needed to create, nor to resend identical data."),
    ),
    request_body = BusinessInput,
    responses(
        (status = 200, description = "Replaced (or unchanged), with its `ETag`.", body = Business),
        (status = 201, description = "Created, with `Location` and `ETag`.", body = Business),
        (status = 403, description = "Another agency leads this business (`not_lead_agency`), or the token lacks `businesses:write`.", body = Problem),
        (status = 412, description = "The business changed since that version (`version_mismatch`).", body = Problem),
        (status = 428, description = "The business exists and the data differs, but `If-Match` is missing (`precondition_required`).", body = Problem),
    ),
    security(("bearer" = ["businesses:write"]))
)]
pub async fn upsert(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    tax_code: web::Path<String>,
    body: ValidJson<BusinessInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::BUSINESSES_WRITE)?;
    let tax_code = tax_code.into_inner();
    let input = body.0;
    crate::rules::tax_code(&tax_code)
        .map_err(|e| ApiError::invalid_field("/path/tax_code", &e.code, e.message.unwrap_or_default()))?;
    if input.tax_code.as_ref().is_some_and(|t| *t != tax_code) {
        return Err(ApiError::invalid_field(
            "/tax_code",
            "tax_code_mismatch",
            "tax_code differs from the one in the path",
        ));
    }
    let replace = Replace::from_request(&req)?;
    let (actor, writer) = (Actor::from(&p), Reader::of(&p));
    let (business, created) =
        db::write(&pool, move |c| businesses::upsert(c, &actor, &writer, &tax_code, &input, replace)).await?;
    if created {
        return Ok(created_response(&location!(get, business.id), business.version, &business));
    }
    Ok(versioned_response(&req, business.version, &business))
}

/// Lists the changes to one business (never its personal data).
#[utoipa::path(
    get, path = "/api/v1/businesses/{id}/history", tag = "Businesses", operation_id = "get_business_history",
    params(("id" = String, Path, description = "The business's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "The business's changes, oldest first.", body = HistoryPage),
        (status = 404, description = "No such business, or not one the caller may see.", body = Problem),
    ),
    security(("bearer" = ["businesses:read"]))
)]
pub async fn history(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::BUSINESSES_READ)?;
    let id = ids::path_id(&id, "business")?;
    let (lookup, reader) = (id.clone(), Reader::of(&p));
    db::read(&pool, move |c| businesses::get(c, &reader, &lookup)).await?;
    history_page(&req, &pool, Reader::of(&p), businesses::ENTITY, id, q.0).await
}

/// Loads up to 1000 businesses at once, each upserted by its tax code.
///
/// Each item needs `tax_code`. New businesses are created (201); existing ones the caller leads
/// are replaced (200) — a batch is the agency's own system stating its data — and an identical
/// resend changes nothing, so re-sending a whole batch is safe. With `atomic=true` all items are
/// stored or none is.
#[utoipa::path(
    post, path = "/api/v1/businesses/batch", tag = "Businesses", operation_id = "batch_upsert_businesses",
    params(BatchQuery),
    request_body(content = Vec<BusinessInput>, description = "A JSON array of at most 1000 businesses, each with `tax_code`."),
    responses(
        (status = 200, description = "One result per item: `{index, status, id | problem}`.", body = BatchResult),
        (status = 413, description = "More than 1000 items (`payload_too_large`).", body = Problem),
        (status = 422, description = "With `atomic=true`: an item was refused and nothing was stored; `errors[]` points at each bad field as `/<index>/<field>`.", body = Problem),
    ),
    security(("bearer" = ["businesses:write"]))
)]
pub async fn batch_upsert(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<BatchQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::BUSINESSES_WRITE)?;
    let (actor, writer) = (Actor::from(&p), Reader::of(&p));
    batch::serve(&req, &pool, q.0, &body, move |c, value| {
        let input: BusinessInput = batch::item(value)?;
        let tax_code = input
            .tax_code
            .clone()
            .ok_or_else(|| ApiError::invalid_field("/tax_code", "required", "tax_code is required"))?;
        let (business, created) = businesses::upsert(c, &actor, &writer, &tax_code, &input, Replace::Always)?;
        Ok((if created { 201 } else { 200 }, business.id))
    })
    .await
}
