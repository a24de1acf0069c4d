//! `/api/v1/product-categories`: product categories and their risk class (public reference data).

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use tdc_kernel::auth::Principal;
use tdc_kernel::changes::Actor;
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::location;
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{Replace, created_response, versioned_response};
use tdc_kernel::{ApiError, Problem};
use utoipa::IntoParams;

use crate::model::{ProductCategory, ProductCategoryInput, ProductCategoryPage};
use crate::store::categories;

/// Filters of the category list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CategoryListQuery {
    /// Search code and names, ignoring case and Vietnamese diacritics.
    pub q: Option<String>,
    /// Items per page, 1 to 1000 (default 50).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    /// Cursor from the previous page's `next_cursor`.
    pub cursor: Option<String>,
}

/// Lists product categories by code. Public: no token needed.
#[utoipa::path(
    get, path = "/api/v1/product-categories", tag = "Products", operation_id = "list_product_categories",
    params(CategoryListQuery),
    responses((status = 200, description = "A page of categories; `Link: <…>; rel=\"next\"` when there is a next page.", body = ProductCategoryPage))
)]
pub async fn list(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<CategoryListQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor };
    let load = move |c: &mut _, after, limit| categories::list(c, filter.q.as_deref(), after, limit);
    let key = |c: &ProductCategory| c.code.clone();
    serve_page(&req, &pool, paging, load, key, |items, next_cursor| ProductCategoryPage { items, next_cursor }).await
}

/// Reads one category. Public: no token needed.
#[utoipa::path(
    get, path = "/api/v1/product-categories/by-code/{code}", tag = "Products", operation_id = "get_product_category",
    params(("code" = String, Path, description = "The category's code, e.g. `helmets`.")),
    responses(
        (status = 200, description = "The category, with its `ETag`.", body = ProductCategory),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such category.", body = Problem),
    )
)]
pub async fn get(req: HttpRequest, pool: web::Data<DbPool>, code: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let code = code.into_inner();
    let category = db::read(&pool, move |c| categories::get(c, &code)).await?;
    Ok(versioned_response(&req, category.version, &category))
}

/// Creates or replaces a category and its risk class (DOST's administrators).
///
/// Absent: created (201). Present: an identical resend answers 200; changed data needs `If-Match`.
#[utoipa::path(
    put, path = "/api/v1/product-categories/by-code/{code}", tag = "Products", operation_id = "upsert_product_category",
    params(
        ("code" = String, Path, description = "The category's code: 2 to 64 of a–z, 0–9, `-`, `_`, `.`."),
        ("If-Match" = Option<String>, Header, description = "The `ETag` of the version being replaced."),
    ),
    request_body = ProductCategoryInput,
    responses(
        (status = 200, description = "Replaced (or unchanged).", body = ProductCategory),
        (status = 201, description = "Created.", body = ProductCategory),
        (status = 412, description = "The category changed since that version (`version_mismatch`).", body = Problem),
        (status = 428, description = "The category exists and differs, but `If-Match` is missing.", body = Problem),
    ),
    security(("bearer" = [scopes::REFERENCE_WRITE]))
)]
pub async fn upsert(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    code: web::Path<String>,
    body: ValidJson<ProductCategoryInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REFERENCE_WRITE)?;
    let code = code.into_inner();
    crate::rules::category_code(&code)
        .map_err(|e| ApiError::invalid_field("/path/code", &e.code, e.message.unwrap_or_default()))?;
    let replace = Replace::from_request(&req)?;
    let (actor, input) = (Actor::from(&p), body.0);
    let (category, created) = db::write(&pool, move |c| categories::upsert(c, &actor, &code, &input, replace)).await?;
    if created {
        let location = location!(get, category.code);
        return Ok(created_response(&location, category.version, &category));
    }
    Ok(versioned_response(&req, category.version, &category))
}
