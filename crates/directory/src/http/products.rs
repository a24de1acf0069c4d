//! `/api/v1/products`: products, by GTIN when they have one.

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::{MaybePrincipal, Principal};
use tdc_kernel::batch::{self, BatchQuery, BatchResult};
use tdc_kernel::changes::{Actor, HistoryPage, http::history_page};
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::location;
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{created_response, versioned_response};
use tdc_kernel::{ApiError, Problem, ids};

use crate::model::{Product, ProductInput, ProductListQuery, ProductPage};
use crate::store::{Replace, products};

fn normalized_gtin(raw: &str, pointer: &str) -> Result<String, ApiError> {
    crate::rules::gtin14(raw).map_err(|e| ApiError::invalid_field(pointer, &e.code, e.message.unwrap_or_default()))
}

/// Lists the products the caller may see, oldest first. Without a token: public ones only.
#[utoipa::path(
    get, path = "/api/v1/products", tag = "Products", operation_id = "list_products",
    params(ProductListQuery),
    responses(
        (status = 200, description = "A page of products; `Link: <…>; rel=\"next\"` when there is a next page.", body = ProductPage),
    ),
    security((), ("bearer" = [scopes::PRODUCTS_READ]))
)]
pub async fn list(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<ProductListQuery>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::PRODUCTS_READ)?;
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor.clone() };
    let load = move |c: &mut _, after, limit| products::list(c, &reader, &filter, after, limit);
    let key = |p: &Product| p.id.clone();
    serve_page(&req, &pool, paging, load, key, |items, next_cursor| ProductPage { items, next_cursor }).await
}

/// Records a product (with or without a GTIN); the caller's agency leads it.
#[utoipa::path(
    post, path = "/api/v1/products", tag = "Products", operation_id = "create_product",
    request_body = ProductInput,
    responses(
        (status = 201, description = "The product, with `Location` and `ETag`.", body = Product),
        (status = 409, description = "A product with this GTIN exists (`duplicate_key`); use `PUT /api/v1/products/by-gtin/{gtin}` to upsert.", body = Problem),
    ),
    security(("bearer" = [scopes::PRODUCTS_WRITE]))
)]
pub async fn create(
    p: Principal,
    pool: web::Data<DbPool>,
    body: ValidJson<ProductInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::PRODUCTS_WRITE)?;
    let input = body.0;
    let gtin = input.gtin.as_deref().map(|g| normalized_gtin(g, "/gtin")).transpose()?;
    let (actor, writer) = (Actor::from(&p), Reader::of(&p));
    let product = db::write(&pool, move |c| products::create(c, &actor, &writer, gtin, &input)).await?;
    Ok(created_response(&location!(get, product.id), product.version, &product))
}

/// Reads one product. Without a token: only a public one.
#[utoipa::path(
    get, path = "/api/v1/products/{id}", tag = "Products", operation_id = "get_product",
    params(("id" = String, Path, description = "The product's id (UUID).", format = "uuid")),
    responses(
        (status = 200, description = "The product, with its `ETag`.", body = Product),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such product, or not one the caller may see.", body = Problem),
    ),
    security((), ("bearer" = [scopes::PRODUCTS_READ]))
)]
pub async fn get(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::PRODUCTS_READ)?;
    let id = ids::path_id(&id, "product")?;
    let product = db::read(&pool, move |c| products::get(c, &reader, &id)).await?;
    Ok(versioned_response(&req, product.version, &product))
}

/// Reads one product by GTIN (any of GTIN-8, -12, -13, -14). Without a token: only a public one.
#[utoipa::path(
    get, path = "/api/v1/products/by-gtin/{gtin}", tag = "Products", operation_id = "get_product_by_gtin",
    params(("gtin" = String, Path, description = "The GTIN, e.g. `8934563138165`.")),
    responses(
        (status = 200, description = "The product, with its `ETag`.", body = Product),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such product, or not one the caller may see.", body = Problem),
        (status = 422, description = "Not a valid GTIN (`gtin_format`, `gtin_checksum`).", body = Problem),
    ),
    security((), ("bearer" = [scopes::PRODUCTS_READ]))
)]
pub async fn get_by_gtin(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    gtin: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::PRODUCTS_READ)?;
    let gtin = normalized_gtin(&gtin, "/path/gtin")?;
    let product = db::read(&pool, move |c| products::get_by_gtin(c, &reader, &gtin)).await?;
    Ok(versioned_response(&req, product.version, &product))
}

/// Creates or replaces a product by GTIN: safe to resend (as for businesses by tax code).
#[utoipa::path(
    put, path = "/api/v1/products/by-gtin/{gtin}", tag = "Products", operation_id = "upsert_product",
    params(
        ("gtin" = String, Path, description = "The GTIN (8, 12, 13 or 14 digits, GS1 check digit)."),
        ("If-Match" = Option<String>, Header, description = "The `ETag` of the version being replaced; not needed to create, nor to resend identical data."),
    ),
    request_body = ProductInput,
    responses(
        (status = 200, description = "Replaced (or unchanged), with its `ETag`.", body = Product),
        (status = 201, description = "Created, with `Location` and `ETag`.", body = Product),
        (status = 403, description = "Another agency leads this product (`not_lead_agency`), or the token lacks `products:write`.", body = Problem),
        (status = 412, description = "The product changed since that version (`version_mismatch`).", body = Problem),
        (status = 428, description = "The product exists and the data differs, but `If-Match` is missing (`precondition_required`).", body = Problem),
    ),
    security(("bearer" = [scopes::PRODUCTS_WRITE]))
)]
pub async fn upsert(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    gtin: web::Path<String>,
    body: ValidJson<ProductInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::PRODUCTS_WRITE)?;
    let gtin = normalized_gtin(&gtin, "/path/gtin")?;
    let input = body.0;
    if input.gtin.as_deref().map(|g| normalized_gtin(g, "/gtin")).transpose()?.is_some_and(|g| g != gtin) {
        return Err(ApiError::invalid_field("/gtin", "gtin_mismatch", "gtin differs from the one in the path"));
    }
    let replace = Replace::from_request(&req)?;
    let (actor, writer) = (Actor::from(&p), Reader::of(&p));
    let (product, created) =
        db::write(&pool, move |c| products::upsert(c, &actor, &writer, &gtin, &input, replace)).await?;
    if created {
        return Ok(created_response(&location!(get, product.id), product.version, &product));
    }
    Ok(versioned_response(&req, product.version, &product))
}

/// Loads up to 1000 products at once, each upserted by its GTIN (which each item needs).
#[utoipa::path(
    post, path = "/api/v1/products/batch", tag = "Products", operation_id = "batch_upsert_products",
    params(BatchQuery),
    request_body(content = Vec<ProductInput>, description = "A JSON array of at most 1000 products, each with `gtin`."),
    responses(
        (status = 200, description = "One result per item: `{index, status, id | problem}`.", body = BatchResult),
        (status = 413, description = "More than 1000 items (`payload_too_large`).", body = Problem),
        (status = 422, description = "With `atomic=true`: an item was refused and nothing was stored; `errors[]` points at each bad field as `/<index>/<field>`.", body = Problem),
    ),
    security(("bearer" = [scopes::PRODUCTS_WRITE]))
)]
pub async fn batch_upsert(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<BatchQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::PRODUCTS_WRITE)?;
    let (actor, writer) = (Actor::from(&p), Reader::of(&p));
    batch::serve(&req, &pool, q.0, &body, move |c, value| {
        let input: ProductInput = batch::item(value)?;
        let raw = input
            .gtin
            .clone()
            .ok_or_else(|| ApiError::invalid_field("/gtin", "required", "gtin is required in a batch"))?;
        let gtin = normalized_gtin(&raw, "/gtin")?;
        let (product, created) = products::upsert(c, &actor, &writer, &gtin, &input, Replace::Always)?;
        Ok((if created { 201 } else { 200 }, product.id))
    })
    .await
}

/// Lists the changes to one product.
#[utoipa::path(
    get, path = "/api/v1/products/{id}/history", tag = "Products", operation_id = "get_product_history",
    params(("id" = String, Path, description = "The product's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "The product's changes, oldest first.", body = HistoryPage),
        (status = 404, description = "No such product, or not one the caller may see.", body = Problem),
    ),
    security(("bearer" = [scopes::PRODUCTS_READ]))
)]
pub async fn history(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::PRODUCTS_READ)?;
    let id = ids::path_id(&id, "product")?;
    let (lookup, reader) = (id.clone(), Reader::of(&p));
    db::read(&pool, move |c| products::get(c, &reader, &lookup)).await?;
    history_page(&req, &pool, Reader::of(&p), products::ENTITY, id, q.0).await
}
