//! `/api/v1/products`: products, by GTIN when they have one.

use actix_web::web;
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, Created, History, Listed, Read, Upserted};
use tdc_kernel::resource::{AnyCall, Call, IdPath, IfMatch, Reply};
use tdc_kernel::{ApiError, Problem, location};

use crate::model::{Product, ProductInput, ProductListQuery, ProductPage};
use crate::scopes::{PRODUCTS_READ, PRODUCTS_WRITE};
use crate::store::{Replace, products};

const TAG: &str = "Products";

fn normalized_gtin(raw: &str, pointer: &str) -> Result<String, ApiError> {
    crate::rules::gtin14(raw).map_err(|e| ApiError::invalid_field(pointer, &e.code, e.message.unwrap_or_default()))
}

/// Lists the products the caller may see, oldest first. Without a token: public ones only.
#[utoipa::path(get, path = "/api/v1/products", tag = TAG, operation_id = "list_products",
    params(ProductListQuery, PageQuery), responses(Listed<ProductPage>), security((), ("bearer" = [PRODUCTS_READ])))]
pub async fn list(call: AnyCall, q: Query<ProductListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| products::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| ProductPage { items, next_cursor }).await
}

/// Records a product (with or without a GTIN); the caller's agency leads it.
#[utoipa::path(post, path = "/api/v1/products", tag = TAG, operation_id = "create_product",
    request_body = ProductInput, security(("bearer" = [PRODUCTS_WRITE])),
    responses(Created<Product>, (status = 409, description = "A product with this GTIN exists (`duplicate_key`); use `PUT /api/v1/products/by-gtin/{gtin}` to upsert.", body = Problem)))]
pub async fn create(call: Call, body: ValidJson<ProductInput>) -> Reply {
    let input = body.0;
    let gtin = input.gtin.as_deref().map(|g| normalized_gtin(g, "/gtin")).transpose()?;
    call.create(location!(get), move |c, actor, writer| products::create(c, actor, writer, gtin, &input)).await
}

/// Reads one product. Without a token: only a public one.
#[utoipa::path(get, path = "/api/v1/products/{id}", tag = TAG, operation_id = "get_product",
    params(IdPath), responses(Read<Product>), security((), ("bearer" = [PRODUCTS_READ])))]
pub async fn get(call: AnyCall, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(products::ENTITY)?;
    call.read(move |c, r| products::get(c, r, &id)).await
}

/// Reads one product by GTIN (any of GTIN-8, -12, -13, -14). Without a token: only a public one.
#[utoipa::path(get, path = "/api/v1/products/by-gtin/{gtin}", tag = TAG, operation_id = "get_product_by_gtin",
    params(("gtin" = String, Path, description = "The GTIN, e.g. `8934563138165`.")), security((), ("bearer" = [PRODUCTS_READ])),
    responses(Read<Product>, (status = 422, description = "Not a valid GTIN (`gtin_format`, `gtin_checksum`).", body = Problem)))]
pub async fn get_by_gtin(call: AnyCall, gtin: web::Path<String>) -> Reply {
    let gtin = normalized_gtin(&gtin, "/path/gtin")?;
    call.read(move |c, r| products::get_by_gtin(c, r, &gtin)).await
}

/// Creates or replaces a product by GTIN: safe to resend (as for businesses by tax code).
#[utoipa::path(put, path = "/api/v1/products/by-gtin/{gtin}", tag = TAG, operation_id = "upsert_product",
    params(("gtin" = String, Path, description = "The GTIN (8, 12, 13 or 14 digits, GS1 check digit)."), IfMatch),
    request_body = ProductInput, responses(Upserted<Product>), security(("bearer" = [PRODUCTS_WRITE])))]
pub async fn upsert(call: Call, gtin: web::Path<String>, body: ValidJson<ProductInput>) -> Reply {
    let gtin = normalized_gtin(&gtin, "/path/gtin")?;
    let input = body.0;
    if input.gtin.as_deref().map(|g| normalized_gtin(g, "/gtin")).transpose()?.is_some_and(|g| g != gtin) {
        return Err(ApiError::invalid_field("/gtin", "gtin_mismatch", "gtin differs from the one in the path"));
    }
    call.upsert(location!(get), move |c, actor, writer, replace| {
        products::upsert(c, actor, writer, &gtin, &input, replace)
    })
    .await
}

/// Loads up to 1000 products at once, each upserted by its GTIN (which each item needs).
#[utoipa::path(post, path = "/api/v1/products/batch", tag = TAG, operation_id = "batch_upsert_products",
    params(BatchQuery), responses(Batch), security(("bearer" = [PRODUCTS_WRITE])),
    request_body(content = Vec<ProductInput>, description = "A JSON array of at most 1000 products, each with `gtin`."))]
pub async fn batch_upsert(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of products, each upserted by its GTIN — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    batch::each(c, author, items, atomic, |c, actor, writer, input: ProductInput| {
        let missing = || ApiError::invalid_field("/gtin", "required", "gtin is required in a batch");
        let gtin = normalized_gtin(input.gtin.as_deref().ok_or_else(missing)?, "/gtin")?;
        products::upsert(c, actor, writer, &gtin, &input, Replace::Always)
    })
};

/// Lists the changes to one product.
#[utoipa::path(get, path = "/api/v1/products/{id}/history", tag = TAG, operation_id = "get_product_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [PRODUCTS_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(products::ENTITY)?;
    let lookup = id.clone();
    call.history(products::ENTITY, id, q.0, move |c, r| products::get(c, r, &lookup)).await
}
