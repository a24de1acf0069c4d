//! `/api/v1/standards`: the standards catalogue (public reading).

use actix_web::web;
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, Created, History, Listed, Read, Upserted};
use tdc_kernel::resource::{Call, IdPath, IfMatch, PublicCall, Reply};
use tdc_kernel::{ApiError, Problem, location};

use crate::model::{Standard, StandardInput, StandardListQuery, StandardPage};
use crate::scopes::{REGULATIONS_READ, REGULATIONS_WRITE};
use crate::store::standards;
use tdc_kernel::versions::Replace;

const TAG: &str = "Standards";

/// The designation a creation or a batch item must name (422 `required` without it).
fn required_designation(input: &StandardInput) -> Result<String, ApiError> {
    let missing = || ApiError::invalid_field("/designation", "required", "designation is required");
    input.designation.clone().ok_or_else(missing)
}

/// Lists the catalogue by designation. Public: no token needed.
#[utoipa::path(get, path = "/api/v1/standards", tag = TAG, operation_id = "list_standards",
    params(StandardListQuery, PageQuery), responses(Listed<StandardPage>))]
pub async fn list(call: PublicCall, q: Query<StandardListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| standards::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| StandardPage { items, next_cursor }).await
}

/// Reads one standard. Public: no token needed.
#[utoipa::path(get, path = "/api/v1/standards/{id}", tag = TAG, operation_id = "get_standard",
    params(IdPath), responses(Read<Standard>))]
pub async fn get(call: PublicCall, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(standards::ENTITY)?;
    call.read(move |c, _| standards::get(c, &id)).await
}

/// Reads one standard by designation; spacing and case do not matter. Public: no token needed.
#[utoipa::path(get, path = "/api/v1/standards/by-designation/{designation}", tag = TAG, operation_id = "get_standard_by_designation",
    params(("designation" = String, Path, description = "The designation, URL-encoded, e.g. `TCVN%206238-1%3A2017` (a `/` as in `ISO/IEC` may stay as it is).")),
    responses(Read<Standard>))]
pub async fn get_by_designation(call: PublicCall, designation: web::Path<String>) -> Reply {
    let designation = designation.into_inner();
    call.read(move |c, _| standards::get_by_designation(c, &designation)).await
}

/// Creates or replaces a standard by designation: safe to resend. Absent: created (201);
/// identical data: 200 and no new version; changed data needs `If-Match`.
#[utoipa::path(put, path = "/api/v1/standards/by-designation/{designation}", tag = TAG, operation_id = "upsert_standard",
    params(("designation" = String, Path, description = "The designation, URL-encoded."), IfMatch),
    request_body = StandardInput, responses(Upserted<Standard>), security(("bearer" = [REGULATIONS_WRITE])))]
pub async fn upsert(call: Call, designation: web::Path<String>, body: ValidJson<StandardInput>) -> Reply {
    let (designation, input) = (designation.into_inner(), body.0);
    let same = |a: &str| tdc_kernel::text::fold(a).replace(' ', "");
    if input.designation.as_deref().is_some_and(|d| same(d) != same(&designation)) {
        let message = "designation differs from the one in the path";
        return Err(ApiError::invalid_field("/designation", "designation_mismatch", message));
    }
    call.upsert(location!(get), move |c, actor, writer, replace| {
        standards::upsert(c, actor, writer, &designation, &input, replace)
    })
    .await
}

/// Records a standard (with `designation`); 409 if it is in the catalogue already.
#[utoipa::path(post, path = "/api/v1/standards", tag = TAG, operation_id = "create_standard",
    request_body = StandardInput, security(("bearer" = [REGULATIONS_WRITE])),
    responses(Created<Standard>, (status = 409, description = "It is in the catalogue (`duplicate_key`); use `PUT …/by-designation/{designation}` to upsert.", body = Problem)))]
pub async fn create(call: Call, body: ValidJson<StandardInput>) -> Reply {
    let input = body.0;
    let designation = required_designation(&input)?;
    call.create(location!(get), move |c, actor, writer| standards::create(c, actor, writer, &designation, &input)).await
}

/// Loads up to 1000 standards at once, each upserted by its designation.
#[utoipa::path(post, path = "/api/v1/standards/batch", tag = TAG, operation_id = "batch_upsert_standards",
    params(BatchQuery), responses(Batch), security(("bearer" = [REGULATIONS_WRITE])),
    request_body(content = Vec<StandardInput>, description = "A JSON array of at most 1000 standards, each with `designation`; record a replacement before the standard it replaces."))]
pub async fn batch_upsert(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of standards, each upserted by its designation, set-wise — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    let all =
        |c: &mut _, actor: &_, writer: &_, items: &[&StandardInput]| standards::upsert_many(c, actor, writer, items);
    batch::set(c, author, items, atomic, all, |c, actor, writer, input: StandardInput| {
        let designation = required_designation(&input)?;
        standards::upsert(c, actor, writer, &designation, &input, Replace::Always)
    })
};

/// Lists the changes to one standard.
#[utoipa::path(get, path = "/api/v1/standards/{id}/history", tag = TAG, operation_id = "get_standard_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [REGULATIONS_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(standards::ENTITY)?;
    let lookup = id.clone();
    call.history(standards::ENTITY, id, q.0, move |c, _| standards::get(c, &lookup)).await
}
