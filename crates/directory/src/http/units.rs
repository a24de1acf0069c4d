//! `/api/v1/administrative-units`: the province, its communes, and the units they replaced
//! (public reference data kept by DOST's administrators).

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::auth::Principal;
use tdc_kernel::batch::{self, BatchQuery, BatchResult};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::location;
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{created_response, versioned_response};
use tdc_kernel::{ApiError, Problem};

use crate::model::{AdministrativeUnit, AdministrativeUnitInput, AdministrativeUnitPage, UnitListQuery};
use crate::store::{Replace, units};

/// Lists administrative units by code, current and former. Public: no token needed.
#[utoipa::path(
    get, path = "/api/v1/administrative-units", tag = "Administrative units", operation_id = "list_administrative_units",
    params(UnitListQuery),
    responses((status = 200, description = "A page of units; `Link: <…>; rel=\"next\"` when there is a next page.", body = AdministrativeUnitPage))
)]
pub async fn list(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<UnitListQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor.clone() };
    let load = move |c: &mut _, after, limit| units::list(c, &filter, after, limit);
    let key = |u: &AdministrativeUnit| u.code.clone();
    serve_page(&req, &pool, paging, load, key, |items, next_cursor| AdministrativeUnitPage { items, next_cursor }).await
}

/// Reads one unit by code — a former one too, with the current units it resolves to.
#[utoipa::path(
    get, path = "/api/v1/administrative-units/by-code/{code}", tag = "Administrative units", operation_id = "get_administrative_unit",
    params(("code" = String, Path, description = "The official code, current or former.")),
    responses(
        (status = 200, description = "The unit, with `current_codes`: today's units it resolves to.", body = AdministrativeUnit),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No unit has this code.", body = Problem),
    )
)]
pub async fn get(req: HttpRequest, pool: web::Data<DbPool>, code: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let code = code.into_inner();
    let unit = db::read(&pool, move |c| units::get(c, &code)).await?;
    Ok(versioned_response(&req, unit.version, &unit))
}

/// Creates or replaces a unit by code (DOST's administrators). Absent: created (201);
/// identical resend: 200; changed data needs `If-Match`.
#[utoipa::path(
    put, path = "/api/v1/administrative-units/by-code/{code}", tag = "Administrative units", operation_id = "upsert_administrative_unit",
    params(
        ("code" = String, Path, description = "The official code."),
        ("If-Match" = Option<String>, Header, description = "The `ETag` of the version being replaced."),
    ),
    request_body = AdministrativeUnitInput,
    responses(
        (status = 200, description = "Replaced (or unchanged).", body = AdministrativeUnit),
        (status = 201, description = "Created.", body = AdministrativeUnit),
        (status = 412, description = "The unit changed since that version (`version_mismatch`).", body = Problem),
        (status = 428, description = "The unit exists and differs, but `If-Match` is missing.", body = Problem),
    ),
    security(("bearer" = [scopes::REFERENCE_WRITE]))
)]
pub async fn upsert(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    code: web::Path<String>,
    body: ValidJson<AdministrativeUnitInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REFERENCE_WRITE)?;
    let (code, input) = (code.into_inner(), body.0);
    if input.code.as_ref().is_some_and(|c| *c != code) {
        return Err(ApiError::invalid_field("/code", "code_mismatch", "code differs from the one in the path"));
    }
    let replace = Replace::from_request(&req)?;
    let actor = Actor::from(&p);
    let (unit, created) = db::write(&pool, move |c| units::upsert(c, &actor, &code, &input, replace)).await?;
    if created {
        let location = location!(get, unit.code);
        return Ok(created_response(&location, unit.version, &unit));
    }
    Ok(versioned_response(&req, unit.version, &unit))
}

/// Loads up to 1000 units at once (each with `code`), in order: record successors before the
/// units they replace.
#[utoipa::path(
    post, path = "/api/v1/administrative-units/batch", tag = "Administrative units", operation_id = "batch_upsert_administrative_units",
    params(BatchQuery),
    request_body(content = Vec<AdministrativeUnitInput>, description = "A JSON array of at most 1000 units, each with `code`."),
    responses(
        (status = 200, description = "One result per item: `{index, status, id | problem}`.", body = BatchResult),
        (status = 413, description = "More than 1000 items (`payload_too_large`).", body = Problem),
        (status = 422, description = "With `atomic=true`: an item was refused and nothing was stored.", body = Problem),
    ),
    security(("bearer" = [scopes::REFERENCE_WRITE]))
)]
pub async fn batch_upsert(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<BatchQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REFERENCE_WRITE)?;
    let actor = Actor::from(&p);
    batch::serve(&req, &pool, q.0, &body, move |c, value| {
        let input: AdministrativeUnitInput = batch::item(value)?;
        let code = input
            .code
            .clone()
            .ok_or_else(|| ApiError::invalid_field("/code", "required", "code is required in a batch"))?;
        let (unit, created) = units::upsert(c, &actor, &code, &input, Replace::Always)?;
        Ok((if created { 201 } else { 200 }, unit.id))
    })
    .await
}

/// Loads the province's official administrative units, which the hub carries (derived from the
/// PyPI packages `vietnam-provinces` and `vietnamadminunits`; the answer's `source` says which
/// versions): its communes since 2025-07-01, the former districts and communes they replaced (with
/// their successors, so old codes resolve), and every province, today's and the former. Upsert by
/// code in one transaction: a rerun changes nothing. Also `tdc-hub units load-official`.
#[utoipa::path(
    post, path = "/api/v1/administrative-units/load-official", tag = "Administrative units", operation_id = "load_official_administrative_units",
    responses(
        (status = 200, description = "What was created, updated and left unchanged.", body = crate::official_units::OfficialUnitsReport),
        (status = 422, description = "The hub's province is not in the file (`unknown_province`).", body = Problem),
    ),
    security(("bearer" = [scopes::REFERENCE_WRITE]))
)]
pub async fn load_official(
    p: Principal,
    pool: web::Data<DbPool>,
    home: web::Data<tdc_kernel::HomeProvince>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REFERENCE_WRITE)?;
    let (actor, province) = (Actor::from(&p), home.code.clone());
    let report = db::write(&pool, move |c| crate::official_units::load(c, &actor, &province)).await?;
    Ok(HttpResponse::Ok().json(report))
}
