//! `/api/v1/businesses`: businesses by tax code, shared by every agency.

use crate::scopes::{BUSINESSES_READ, BUSINESSES_WRITE};
use actix_web::web;
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, Created, History, Listed, Read, Upserted};
use tdc_kernel::resource::{AnyCall, Call, IdPath, Reply};
use tdc_kernel::{ApiError, Problem, location};

use crate::model::{Business, BusinessInput, BusinessListQuery, BusinessPage};
use crate::store::{Replace, businesses};

const TAG: &str = "Businesses";

/// Lists the businesses the caller may see, oldest first. Without a token: public ones only.
#[utoipa::path(get, path = "/api/v1/businesses", tag = TAG, operation_id = "list_businesses",
    params(BusinessListQuery, PageQuery), responses(Listed<BusinessPage>), security((), ("bearer" = [BUSINESSES_READ])))]
pub async fn list(call: AnyCall, q: Query<BusinessListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| businesses::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| BusinessPage { items, next_cursor }).await
}

/// Records a business; the caller's agency leads it unless an administrator names another.
#[utoipa::path(post, path = "/api/v1/businesses", tag = TAG, operation_id = "create_business",
    request_body = BusinessInput, security(("bearer" = [BUSINESSES_WRITE])),
    responses(Created<Business>, (status = 409, description = "A business with this tax code exists (`duplicate_key`); use `PUT /api/v1/businesses/by-tax-code/{tax_code}` to upsert.", body = Problem)))]
pub async fn create(call: Call, body: ValidJson<BusinessInput>) -> Reply {
    let input = body.0;
    let tax_code = input.required_tax_code()?;
    call.create(location!(get), move |c, actor, writer| businesses::create(c, actor, writer, &tax_code, &input, ""))
        .await
}

/// Reads one business. Without a token: only a public one.
#[utoipa::path(get, path = "/api/v1/businesses/{id}", tag = TAG, operation_id = "get_business",
    params(IdPath), responses(Read<Business>), security((), ("bearer" = [BUSINESSES_READ])))]
pub async fn get(call: AnyCall, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(businesses::ENTITY)?;
    call.read(move |c, r| businesses::get(c, r, &id)).await
}

/// Reads one business by its tax code. Without a token: only a public one.
#[utoipa::path(get, path = "/api/v1/businesses/by-tax-code/{tax_code}", tag = TAG, operation_id = "get_business_by_tax_code",
    params(("tax_code" = String, Path, description = "The tax code, e.g. `0100233488` or `0312687878-001`.")),
    responses(Read<Business>), security((), ("bearer" = [BUSINESSES_READ])))]
pub async fn get_by_tax_code(call: AnyCall, tax_code: web::Path<String>) -> Reply {
    let tax_code = tax_code.into_inner();
    call.read(move |c, r| businesses::get_by_tax_code(c, r, &tax_code)).await
}

/// Creates or replaces a business by tax code: safe to resend.
///
/// Absent: created (201). Present: replaced when `If-Match` names the current version; without
/// `If-Match`, a resend of identical data answers 200 and changes nothing, while different data
/// is refused with 428 (read the record, then send its `ETag`).
#[utoipa::path(put, path = "/api/v1/businesses/by-tax-code/{tax_code}", tag = TAG, operation_id = "upsert_business",
    params(
        ("tax_code" = String, Path, description = "The tax code, e.g. `0100233488` or `0312687878-001`."),
        ("If-Match" = Option<String>, Header, description = "The `ETag` of the version being replaced; not needed to create, nor to resend identical data."),
    ),
    request_body = BusinessInput, responses(Upserted<Business>), security(("bearer" = [BUSINESSES_WRITE])))]
pub async fn upsert(call: Call, tax_code: web::Path<String>, body: ValidJson<BusinessInput>) -> Reply {
    let (tax_code, input) = (tax_code.into_inner(), body.0);
    crate::rules::tax_code(&tax_code)
        .map_err(|e| ApiError::invalid_field("/path/tax_code", &e.code, e.message.unwrap_or_default()))?;
    if input.tax_code.as_ref().is_some_and(|t| *t != tax_code) {
        return Err(ApiError::invalid_field(
            "/tax_code",
            "tax_code_mismatch",
            "tax_code differs from the one in the path",
        ));
    }
    call.upsert(location!(get), move |c, actor, writer, replace| {
        businesses::upsert(c, actor, writer, &tax_code, &input, replace)
    })
    .await
}

/// Lists the changes to one business (never its personal data).
#[utoipa::path(get, path = "/api/v1/businesses/{id}/history", tag = TAG, operation_id = "get_business_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [BUSINESSES_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(businesses::ENTITY)?;
    let lookup = id.clone();
    call.history(businesses::ENTITY, id, q.0, move |c, r| businesses::get(c, r, &lookup)).await
}

/// Loads up to 1000 businesses at once, each upserted by its tax code.
///
/// Each item needs `tax_code`. New businesses are created (201); existing ones the caller leads
/// are replaced (200) — a batch is the agency's own system stating its data — and an identical
/// resend changes nothing, so re-sending a whole batch is safe. With `atomic=true` all items are
/// stored or none is.
#[utoipa::path(post, path = "/api/v1/businesses/batch", tag = TAG, operation_id = "batch_upsert_businesses",
    params(BatchQuery), responses(Batch), security(("bearer" = [BUSINESSES_WRITE])),
    request_body(content = Vec<BusinessInput>, description = "A JSON array of at most 1000 businesses, each with `tax_code`."))]
pub async fn batch_upsert(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of businesses, each upserted by its tax code, set-wise — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    let all =
        |c: &mut _, actor: &_, writer: &_, items: &[&BusinessInput]| businesses::upsert_many(c, actor, writer, items);
    batch::set(c, author, items, atomic, all, |c, actor, writer, input: BusinessInput| {
        let tax_code = input.required_tax_code()?;
        businesses::upsert(c, actor, writer, &tax_code, &input, Replace::Always)
    })
};
