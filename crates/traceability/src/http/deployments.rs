//! `/api/v1/traceability/deployments`: who uses barcodes and traceability, the stamps issued and
//! the subsidy paid, connection to the national portal; counted by sector or commune.

use actix_web::{HttpResponse, web};
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, History, Listed, Read, Upserted};
use tdc_kernel::resource::{Call, IdPath, IfMatch, Reply};
use tdc_kernel::versions::Replace;
use tdc_kernel::{ApiError, Problem, db, location};

use crate::model::{
    Deployment, DeploymentInput, DeploymentListQuery, DeploymentPage, DeploymentStatistics, DeploymentStatisticsQuery,
};
use crate::scopes::{TRACEABILITY_CAPTURE, TRACEABILITY_READ};
use crate::store::deployment_statistics;
use crate::store::deployments::{self as store, ENTITY};

const TAG: &str = "Traceability";

/// Lists the registry by tax code.
#[utoipa::path(get, path = "/api/v1/traceability/deployments", tag = TAG, operation_id = "list_trace_deployments",
    params(DeploymentListQuery, PageQuery), responses(Listed<DeploymentPage>), security(("bearer" = [TRACEABILITY_READ])))]
pub async fn list(call: Call, q: Query<DeploymentListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| store::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| DeploymentPage { items, next_cursor }).await
}

/// Counts the registry by sector (a business in two sectors counts in both) or commune: businesses
/// using barcodes and traceability, connected to the national portal, products connected, stamps
/// issued and the subsidy paid for them, with the province's total.
#[utoipa::path(get, path = "/api/v1/traceability/deployments/statistics", tag = TAG, operation_id = "get_trace_deployment_statistics",
    params(DeploymentStatisticsQuery), security(("bearer" = [TRACEABILITY_READ])),
    responses(
        (status = 200, description = "The figures.", body = DeploymentStatistics),
        (status = 400, description = "A malformed parameter (`invalid_parameter`).", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
    ))]
pub async fn statistics(call: Call, q: Query<DeploymentStatisticsQuery>) -> Reply {
    let by = q.0.by.unwrap_or_default();
    let found = db::read(&call.pool, move |c| deployment_statistics::statistics(c, by)).await?;
    Ok(HttpResponse::Ok().json(found))
}

/// Reads one deployment.
#[utoipa::path(get, path = "/api/v1/traceability/deployments/{id}", tag = TAG, operation_id = "get_trace_deployment",
    params(IdPath), responses(Read<Deployment>), security(("bearer" = [TRACEABILITY_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, _| store::get(c, &id)).await
}

/// Reads a business's deployment by its tax code.
#[utoipa::path(get, path = "/api/v1/traceability/deployments/by-tax-code/{tax_code}", tag = TAG, operation_id = "get_trace_deployment_by_tax_code",
    params(("tax_code" = String, Path, description = "The business's tax code.")), responses(Read<Deployment>), security(("bearer" = [TRACEABILITY_READ])))]
pub async fn get_by_tax_code(call: Call, tax_code: web::Path<String>) -> Reply {
    let tax_code = tax_code.into_inner();
    call.read(move |c, _| store::get_by_tax_code(c, &tax_code)).await
}

/// Records or replaces a business's deployment (its keeping agency changes it): safe to resend.
/// Absent: created (201); identical data: 200 and no new version; changed data needs `If-Match`.
/// The business must be recorded (`unknown_business`), each GTIN valid and listed once
/// (`gtin_checksum`, `duplicate_gtin`), each range of stamps hold its quantity (`stamp_range`).
#[utoipa::path(put, path = "/api/v1/traceability/deployments/by-tax-code/{tax_code}", tag = TAG, operation_id = "upsert_trace_deployment",
    params(("tax_code" = String, Path, description = "The business's tax code."), IfMatch),
    request_body = DeploymentInput, responses(Upserted<Deployment>), security(("bearer" = [TRACEABILITY_CAPTURE])))]
pub async fn upsert(call: Call, tax_code: web::Path<String>, body: ValidJson<DeploymentInput>) -> Reply {
    let (tax_code, input) = (tax_code.into_inner(), body.0);
    if input.tax_code.as_deref().is_some_and(|t| t != tax_code) {
        return Err(ApiError::invalid_field(
            "/tax_code",
            "tax_code_mismatch",
            "tax_code differs from the one in the path",
        ));
    }
    call.upsert(location!(get), move |c, actor, writer, replace| {
        store::upsert(c, actor, writer, &tax_code, &input, replace)
    })
    .await
}

/// Records up to 1000 deployments at once, each upserted by its tax code.
#[utoipa::path(post, path = "/api/v1/traceability/deployments/batch", tag = TAG, operation_id = "batch_upsert_trace_deployments",
    params(BatchQuery), responses(Batch), security(("bearer" = [TRACEABILITY_CAPTURE])),
    request_body(content = Vec<DeploymentInput>, description = "A JSON array of at most 1000 deployments, each with `tax_code`."))]
pub async fn batch_upsert(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of traceability deployments, each upserted by its tax code, set-wise — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    let all =
        |c: &mut _, actor: &_, writer: &_, items: &[&DeploymentInput]| store::upsert_many(c, actor, writer, items);
    batch::set(c, author, items, atomic, all, |c, actor, writer, input: DeploymentInput| {
        store::upsert(c, actor, writer, &store::tax_code_of(&input)?, &input, Replace::Always)
    })
};

/// Lists the changes to one deployment.
#[utoipa::path(get, path = "/api/v1/traceability/deployments/{id}/history", tag = TAG, operation_id = "get_trace_deployment_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [TRACEABILITY_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}
