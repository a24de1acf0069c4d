//! `/api/v1/product-categories`: product categories and their risk class (public reference data).

use actix_web::web;
use serde::Deserialize;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Listed, Read, Upserted};
use tdc_kernel::resource::{Call, IfMatch, PublicCall, Reply};
use tdc_kernel::{ApiError, location};
use utoipa::IntoParams;

use crate::scopes::REFERENCE_WRITE;

use crate::model::{ProductCategory, ProductCategoryInput, ProductCategoryPage};
use crate::store::categories;

/// Filters of the category list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CategoryListQuery {
    /// Search code and names, ignoring case and Vietnamese diacritics.
    pub q: Option<String>,
}

/// Lists product categories by code. Public: no token needed.
#[utoipa::path(get, path = "/api/v1/product-categories", tag = "Products", operation_id = "list_product_categories",
    params(CategoryListQuery, PageQuery), responses(Listed<ProductCategoryPage>))]
pub async fn list(call: PublicCall, q: Query<CategoryListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| categories::list(c, filter.q.as_deref(), after, limit);
    call.page(paging, load, |items, next_cursor| ProductCategoryPage { items, next_cursor }).await
}

/// Reads one category. Public: no token needed.
#[utoipa::path(get, path = "/api/v1/product-categories/by-code/{code}", tag = "Products", operation_id = "get_product_category",
    params(("code" = String, Path, description = "The category's code, e.g. `helmets`.")), responses(Read<ProductCategory>))]
pub async fn get(call: PublicCall, code: web::Path<String>) -> Reply {
    let code = code.into_inner();
    call.read(move |c, _| categories::get(c, &code)).await
}

/// Creates or replaces a category and its risk class (DOST's administrators).
///
/// Absent: created (201). Present: an identical resend answers 200; changed data needs `If-Match`.
#[utoipa::path(put, path = "/api/v1/product-categories/by-code/{code}", tag = "Products", operation_id = "upsert_product_category",
    params(("code" = String, Path, description = "The category's code: 2 to 64 of a–z, 0–9, `-`, `_`, `.`."), IfMatch),
    request_body = ProductCategoryInput, responses(Upserted<ProductCategory>), security(("bearer" = [REFERENCE_WRITE])))]
pub async fn upsert(call: Call, code: web::Path<String>, body: ValidJson<ProductCategoryInput>) -> Reply {
    let (code, input) = (code.into_inner(), body.0);
    crate::rules::category_code(&code)
        .map_err(|e| ApiError::invalid_field("/path/code", &e.code, e.message.unwrap_or_default()))?;
    call.upsert(location!(get), move |c, actor, _, replace| categories::upsert(c, actor, &code, &input, replace)).await
}
