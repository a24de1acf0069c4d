//! `/api/v1/conformity-bodies`: the public registry of conformity assessment bodies.

use actix_web::web;
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, Created, History, Listed, Read, Upserted};
use tdc_kernel::resource::{AnyCall, Call, IdPath, IfMatch, Reply};
use tdc_kernel::versions::Replace;
use tdc_kernel::{ApiError, HomeProvince, Problem, location};

use crate::model::{BodyListQuery, ConformityBody, ConformityBodyInput, ConformityBodyPage};
use crate::scopes::{CONFORMITY_READ, CONFORMITY_WRITE};
use crate::store::bodies::{self as store, BodyWrite, ENTITY};

const TAG: &str = "Conformity registry";
const BODY: &str = "conformity body";

/// The tax code a creation or a batch item must name (422 `required` without it).
fn required_tax_code(input: &ConformityBodyInput) -> Result<String, ApiError> {
    let missing = || ApiError::invalid_field("/tax_code", "required", "tax_code is required");
    input.tax_code.clone().ok_or_else(missing)
}

/// Searches the registry. Public: no token needed (contacts only for the managing agency); each
/// body with its current certificates and scope.
#[utoipa::path(get, path = "/api/v1/conformity-bodies", tag = TAG, operation_id = "list_conformity_bodies",
    params(BodyListQuery, PageQuery), responses(Listed<ConformityBodyPage>), security((), ("bearer" = [CONFORMITY_READ])))]
pub async fn list(call: AnyCall, q: Query<BodyListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| ConformityBodyPage { items, next_cursor }).await
}

/// Records a body (with `tax_code`); 409 if one with that tax code is recorded.
#[utoipa::path(post, path = "/api/v1/conformity-bodies", tag = TAG, operation_id = "create_conformity_body",
    request_body = ConformityBodyInput, security(("bearer" = [CONFORMITY_WRITE])),
    responses(Created<ConformityBody>, (status = 409, description = "A body with this tax code is recorded (`duplicate_key`).", body = Problem)))]
pub async fn create(call: Call, home: web::Data<HomeProvince>, body: ValidJson<ConformityBodyInput>) -> Reply {
    let (input, home) = (body.0, home.get_ref().clone());
    let tax_code = required_tax_code(&input)?;
    call.create(location!(get), move |c, actor, writer| {
        store::create(c, &BodyWrite { actor, writer, home: &home }, &tax_code, &input)
    })
    .await
}

/// Reads one body with its current certificates and scope. Public.
#[utoipa::path(get, path = "/api/v1/conformity-bodies/{id}", tag = TAG, operation_id = "get_conformity_body",
    params(IdPath), responses(Read<ConformityBody>), security((), ("bearer" = [CONFORMITY_READ])))]
pub async fn get(call: AnyCall, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(BODY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// Reads one body by its tax code. Public.
#[utoipa::path(get, path = "/api/v1/conformity-bodies/by-tax-code/{tax_code}", tag = TAG, operation_id = "get_conformity_body_by_tax_code",
    params(("tax_code" = String, Path, description = "The business's tax code.")),
    responses(Read<ConformityBody>), security((), ("bearer" = [CONFORMITY_READ])))]
pub async fn get_by_tax_code(call: AnyCall, tax_code: web::Path<String>) -> Reply {
    let tax_code = tax_code.into_inner();
    call.read(move |c, r| store::get_by_tax_code(c, r, &tax_code)).await
}

/// Creates or replaces a body by tax code: safe to resend. Absent: created (201); identical: 200
/// and no new version; changed: needs `If-Match`. Only its managing agency replaces it.
#[utoipa::path(put, path = "/api/v1/conformity-bodies/by-tax-code/{tax_code}", tag = TAG, operation_id = "upsert_conformity_body",
    params(("tax_code" = String, Path, description = "The business's tax code."), IfMatch),
    request_body = ConformityBodyInput, security(("bearer" = [CONFORMITY_WRITE])),
    responses(Upserted<ConformityBody>,
        (status = 409, description = "An activity it holds an active certificate for would be dropped (`activity_has_certificates`).", body = Problem)))]
pub async fn upsert(
    call: Call,
    home: web::Data<HomeProvince>,
    tax_code: web::Path<String>,
    body: ValidJson<ConformityBodyInput>,
) -> Reply {
    let (tax_code, input, home) = (tax_code.into_inner(), body.0, home.get_ref().clone());
    if input.tax_code.as_deref().is_some_and(|t| t.trim() != tax_code) {
        return Err(ApiError::invalid_field(
            "/tax_code",
            "tax_code_mismatch",
            "tax_code differs from the one in the path",
        ));
    }
    call.upsert(location!(get), move |c, actor, writer, replace| {
        store::upsert(c, &BodyWrite { actor, writer, home: &home }, &tax_code, &input, replace)
    })
    .await
}

/// Loads up to 1000 bodies at once (a province's existing registry), each upserted by `tax_code`.
#[utoipa::path(post, path = "/api/v1/conformity-bodies/batch", tag = TAG, operation_id = "batch_upsert_conformity_bodies",
    params(BatchQuery), responses(Batch), security(("bearer" = [CONFORMITY_WRITE])),
    request_body(content = Vec<ConformityBodyInput>, description = "A JSON array of at most 1000 bodies, each with `tax_code` (the businesses recorded first)."))]
pub async fn batch_upsert(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of conformity bodies, each upserted by its tax code — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    batch::each(c, author, items, atomic, |c, actor, writer, input: ConformityBodyInput| {
        let tax_code = required_tax_code(&input)?;
        store::upsert(c, &BodyWrite { actor, writer, home: author.home }, &tax_code, &input, Replace::Always)
    })
};

/// Lists the changes to one body (public fields only).
#[utoipa::path(get, path = "/api/v1/conformity-bodies/{id}/history", tag = TAG, operation_id = "get_conformity_body_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [CONFORMITY_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(BODY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}
