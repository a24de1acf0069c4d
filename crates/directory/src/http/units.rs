//! `/api/v1/administrative-units`: the province, its communes, and the units they replaced
//! (public reference data kept by DOST's administrators).

use actix_web::{HttpResponse, web};
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::db;
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, Listed, Read, Upserted};
use tdc_kernel::resource::{Call, IfMatch, PublicCall, Reply};
use tdc_kernel::{ApiError, Problem, location};

use crate::scopes::REFERENCE_WRITE;

use crate::model::{AdministrativeUnit, AdministrativeUnitInput, AdministrativeUnitPage, UnitListQuery};
use crate::store::{Replace, units};

const TAG: &str = "Administrative units";

/// Lists administrative units by code, current and former. Public: no token needed.
#[utoipa::path(get, path = "/api/v1/administrative-units", tag = TAG, operation_id = "list_administrative_units",
    params(UnitListQuery, PageQuery), responses(Listed<AdministrativeUnitPage>))]
pub async fn list(call: PublicCall, q: Query<UnitListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| units::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| AdministrativeUnitPage { items, next_cursor }).await
}

/// Reads one unit by code — a former one too, with `current_codes`: today's units it resolves to.
#[utoipa::path(get, path = "/api/v1/administrative-units/by-code/{code}", tag = TAG, operation_id = "get_administrative_unit",
    params(("code" = String, Path, description = "The official code, current or former.")), responses(Read<AdministrativeUnit>))]
pub async fn get(call: PublicCall, code: web::Path<String>) -> Reply {
    let code = code.into_inner();
    call.read(move |c, _| units::get(c, &code)).await
}

/// Creates or replaces a unit by code (DOST's administrators). Absent: created (201);
/// identical resend: 200; changed data needs `If-Match`.
#[utoipa::path(put, path = "/api/v1/administrative-units/by-code/{code}", tag = TAG, operation_id = "upsert_administrative_unit",
    params(("code" = String, Path, description = "The official code."), IfMatch),
    request_body = AdministrativeUnitInput, responses(Upserted<AdministrativeUnit>), security(("bearer" = [REFERENCE_WRITE])))]
pub async fn upsert(call: Call, code: web::Path<String>, body: ValidJson<AdministrativeUnitInput>) -> Reply {
    let (code, input) = (code.into_inner(), body.0);
    if input.code.as_ref().is_some_and(|c| *c != code) {
        return Err(ApiError::invalid_field("/code", "code_mismatch", "code differs from the one in the path"));
    }
    call.upsert(location!(get), move |c, actor, _, replace| units::upsert(c, actor, &code, &input, replace)).await
}

/// Loads up to 1000 units at once (each with `code`), in order: record successors before the
/// units they replace.
#[utoipa::path(post, path = "/api/v1/administrative-units/batch", tag = TAG, operation_id = "batch_upsert_administrative_units",
    params(BatchQuery), responses(Batch), security(("bearer" = [REFERENCE_WRITE])),
    request_body(content = Vec<AdministrativeUnitInput>, description = "A JSON array of at most 1000 units, each with `code`."))]
pub async fn batch_upsert(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of administrative units, each upserted by its code — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    batch::each(c, author, items, atomic, |c, actor, _, input: AdministrativeUnitInput| {
        let missing = || ApiError::invalid_field("/code", "required", "code is required in a batch");
        let code = input.code.clone().ok_or_else(missing)?;
        units::upsert(c, actor, &code, &input, Replace::Always)
    })
};

/// Loads the province's official administrative units, which the hub carries (derived from the
/// PyPI packages `vietnam-provinces` and `vietnamadminunits`; the answer's `source` says which
/// versions): its communes since 2025-07-01, the former districts and communes they replaced (with
/// their successors, so old codes resolve), and every province, today's and the former. Upsert by
/// code in one transaction: a rerun changes nothing. Also `tdc-hub units load-official`.
#[utoipa::path(
    post, path = "/api/v1/administrative-units/load-official", tag = TAG, operation_id = "load_official_administrative_units",
    responses(
        (status = 200, description = "What was created, updated and left unchanged.", body = crate::official_units::OfficialUnitsReport),
        (status = 422, description = "The hub's province is not in the file (`unknown_province`).", body = Problem),
    ),
    security(("bearer" = [REFERENCE_WRITE]))
)]
pub async fn load_official(call: Call, home: web::Data<tdc_kernel::HomeProvince>) -> Reply {
    let (actor, _) = call.writer();
    let province = home.code.clone();
    let report = db::write(&call.pool, move |c| crate::official_units::load(c, &actor, &province)).await?;
    Ok(HttpResponse::Ok().json(report))
}
