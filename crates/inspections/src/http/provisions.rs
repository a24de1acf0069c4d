//! `/api/v1/legal-provisions`: the catalogue of sanctioning provisions (public reading).

use actix_web::web;
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, History, Listed, Read, Upserted};
use tdc_kernel::resource::{Call, IdPath, IfMatch, PublicCall, Reply};
use tdc_kernel::versions::Replace;
use tdc_kernel::{ApiError, location};

use crate::model::{LegalProvision, LegalProvisionInput, LegalProvisionPage, ProvisionListQuery};
use crate::scopes::{INSPECTIONS_READ, INSPECTIONS_WRITE};
use crate::store::provisions::{self as store, ENTITY};

const TAG: &str = "Legal provisions";

/// Lists the catalogue by code. Public: no token needed.
#[utoipa::path(get, path = "/api/v1/legal-provisions", tag = TAG, operation_id = "list_legal_provisions",
    params(ProvisionListQuery, PageQuery), responses(Listed<LegalProvisionPage>))]
pub async fn list(call: PublicCall, q: Query<ProvisionListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| store::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| LegalProvisionPage { items, next_cursor }).await
}

/// Reads one provision. Public: no token needed.
#[utoipa::path(get, path = "/api/v1/legal-provisions/{id}", tag = TAG, operation_id = "get_legal_provision",
    params(IdPath), responses(Read<LegalProvision>))]
pub async fn get(call: PublicCall, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, _| store::get(c, &id)).await
}

/// Reads one provision by code. Public: no token needed.
#[utoipa::path(get, path = "/api/v1/legal-provisions/by-code/{code}", tag = TAG, operation_id = "get_legal_provision_by_code",
    params(("code" = String, Path, description = "The code, URL-encoded (a `/` may stay as it is).")), responses(Read<LegalProvision>))]
pub async fn get_by_code(call: PublicCall, code: web::Path<String>) -> Reply {
    let code = code.into_inner();
    call.read(move |c, _| store::get_by_code(c, &code)).await
}

/// Creates or replaces a provision by code (DOST): safe to resend. Absent: created (201); identical
/// data: 200 and no new version; changed data needs `If-Match`.
#[utoipa::path(put, path = "/api/v1/legal-provisions/by-code/{code}", tag = TAG, operation_id = "upsert_legal_provision",
    params(("code" = String, Path, description = "The code, URL-encoded."), IfMatch),
    request_body = LegalProvisionInput, responses(Upserted<LegalProvision>), security(("bearer" = [INSPECTIONS_WRITE])))]
pub async fn upsert(call: Call, code: web::Path<String>, body: ValidJson<LegalProvisionInput>) -> Reply {
    let (code, input) = (code.into_inner(), body.0);
    if input.code.as_deref().is_some_and(|c| c != code) {
        return Err(ApiError::invalid_field("/code", "code_mismatch", "code differs from the one in the path"));
    }
    call.upsert(location!(get), move |c, actor, writer, replace| {
        store::upsert(c, actor, writer, &code, &input, replace)
    })
    .await
}

/// Loads up to 1000 provisions at once (DOST), each upserted by its code.
#[utoipa::path(post, path = "/api/v1/legal-provisions/batch", tag = TAG, operation_id = "batch_upsert_legal_provisions",
    params(BatchQuery), responses(Batch), security(("bearer" = [INSPECTIONS_WRITE])),
    request_body(content = Vec<LegalProvisionInput>, description = "A JSON array of at most 1000 provisions, each with `code`."))]
pub async fn batch_upsert(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of sanctioning provisions, each upserted by its code, set-wise — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    let all =
        |c: &mut _, actor: &_, writer: &_, items: &[&LegalProvisionInput]| store::upsert_many(c, actor, writer, items);
    batch::set(c, author, items, atomic, all, |c, actor, writer, input: LegalProvisionInput| {
        store::upsert(c, actor, writer, &store::code_of(&input)?, &input, Replace::Always)
    })
};

/// Lists the changes to one provision.
#[utoipa::path(get, path = "/api/v1/legal-provisions/{id}/history", tag = TAG, operation_id = "get_legal_provision_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}
