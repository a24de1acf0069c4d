//! `/api/v1/standards`: the standards catalogue (public reading).

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::Principal;
use tdc_kernel::batch::{self, BatchQuery, BatchResult};
use tdc_kernel::changes::{Actor, HistoryPage, http::history_page};
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::location;
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{Replace, created_response, versioned_response};
use tdc_kernel::{ApiError, Problem, ids};

use crate::model::{Standard, StandardInput, StandardListQuery, StandardPage};
use crate::store::standards;

/// Lists the catalogue by designation. Public: no token needed.
#[utoipa::path(
    get, path = "/api/v1/standards", tag = "Standards", operation_id = "list_standards",
    params(StandardListQuery),
    responses((status = 200, description = "A page of standards; `Link: <…>; rel=\"next\"` when there is a next page.", body = StandardPage))
)]
pub async fn list(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<StandardListQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor.clone() };
    let load = move |c: &mut _, after, limit| standards::list(c, &filter, after, limit);
    serve_page(&req, &pool, paging, load, standards::page_key, |items, next_cursor| StandardPage { items, next_cursor })
        .await
}

/// Reads one standard. Public: no token needed.
#[utoipa::path(
    get, path = "/api/v1/standards/{id}", tag = "Standards", operation_id = "get_standard",
    params(("id" = String, Path, description = "The standard's id (UUID).", format = "uuid")),
    responses(
        (status = 200, description = "The standard, with its `ETag`.", body = Standard),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such standard.", body = Problem),
    )
)]
pub async fn get(req: HttpRequest, pool: web::Data<DbPool>, id: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let id = ids::path_id(&id, "standard")?;
    let standard = db::read(&pool, move |c| standards::get(c, &id)).await?;
    Ok(versioned_response(&req, standard.version, &standard))
}

/// Reads one standard by designation; spacing and case do not matter. Public: no token needed.
#[utoipa::path(
    get, path = "/api/v1/standards/by-designation/{designation}", tag = "Standards", operation_id = "get_standard_by_designation",
    params(("designation" = String, Path, description = "The designation, URL-encoded, e.g. `TCVN%206238-1%3A2017` (a `/` as in `ISO/IEC` may stay as it is).")),
    responses(
        (status = 200, description = "The standard, with its `ETag`.", body = Standard),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such standard.", body = Problem),
    )
)]
pub async fn get_by_designation(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    designation: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let designation = designation.into_inner();
    let standard = db::read(&pool, move |c| standards::get_by_designation(c, &designation)).await?;
    Ok(versioned_response(&req, standard.version, &standard))
}

/// Creates or replaces a standard by designation: safe to resend. Absent: created (201);
/// identical data: 200 and no new version; changed data needs `If-Match`.
#[utoipa::path(
    put, path = "/api/v1/standards/by-designation/{designation}", tag = "Standards", operation_id = "upsert_standard",
    params(
        ("designation" = String, Path, description = "The designation, URL-encoded."),
        ("If-Match" = Option<String>, Header, description = "The `ETag` of the version being replaced."),
    ),
    request_body = StandardInput,
    responses(
        (status = 200, description = "Replaced (or unchanged).", body = Standard),
        (status = 201, description = "Created.", body = Standard),
        (status = 403, description = "Another agency keeps this entry (`not_lead_agency`), or the token lacks `regulations:write`.", body = Problem),
        (status = 412, description = "The standard changed since that version (`version_mismatch`).", body = Problem),
        (status = 428, description = "The standard exists and differs, but `If-Match` is missing.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn upsert(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    designation: web::Path<String>,
    body: ValidJson<StandardInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let (designation, input) = (designation.into_inner(), body.0);
    let same = |a: &str| tdc_kernel::text::fold(a).replace(' ', "");
    if input.designation.as_deref().is_some_and(|d| same(d) != same(&designation)) {
        return Err(ApiError::invalid_field(
            "/designation",
            "designation_mismatch",
            "designation differs from the one in the path",
        ));
    }
    let replace = Replace::from_request(&req)?;
    let (actor, writer) = (Actor::from(&p), Reader::of(&p));
    let (standard, created) =
        db::write(&pool, move |c| standards::upsert(c, &actor, &writer, &designation, &input, replace)).await?;
    if created {
        return Ok(created_response(&location!(get, standard.id), standard.version, &standard));
    }
    Ok(versioned_response(&req, standard.version, &standard))
}

/// Records a standard (with `designation`); 409 if it is in the catalogue already.
#[utoipa::path(
    post, path = "/api/v1/standards", tag = "Standards", operation_id = "create_standard",
    request_body = StandardInput,
    responses(
        (status = 201, description = "The standard, with `Location` and `ETag`.", body = Standard),
        (status = 409, description = "It is in the catalogue (`duplicate_key`); use `PUT …/by-designation/{designation}` to upsert.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn create(
    p: Principal,
    pool: web::Data<DbPool>,
    body: ValidJson<StandardInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let input = body.0;
    let designation = input
        .designation
        .clone()
        .ok_or_else(|| ApiError::invalid_field("/designation", "required", "designation is required"))?;
    let (actor, writer) = (Actor::from(&p), Reader::of(&p));
    let standard = db::write(&pool, move |c| standards::create(c, &actor, &writer, &designation, &input)).await?;
    Ok(created_response(&location!(get, standard.id), standard.version, &standard))
}

/// Loads up to 1000 standards at once, each upserted by its designation.
#[utoipa::path(
    post, path = "/api/v1/standards/batch", tag = "Standards", operation_id = "batch_upsert_standards",
    params(BatchQuery),
    request_body(content = Vec<StandardInput>, description = "A JSON array of at most 1000 standards, each with `designation`; record a replacement before the standard it replaces."),
    responses(
        (status = 200, description = "One result per item: `{index, status, id | problem}`.", body = BatchResult),
        (status = 413, description = "More than 1000 items (`payload_too_large`).", body = Problem),
        (status = 422, description = "With `atomic=true`: an item was refused and nothing was stored.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn batch_upsert(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<BatchQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let (actor, writer) = (Actor::from(&p), Reader::of(&p));
    batch::serve(&req, &pool, q.0, &body, move |c, value| {
        let input: StandardInput = batch::item(value)?;
        let designation = input
            .designation
            .clone()
            .ok_or_else(|| ApiError::invalid_field("/designation", "required", "designation is required"))?;
        let (standard, created) = standards::upsert(c, &actor, &writer, &designation, &input, Replace::Always)?;
        Ok((if created { 201 } else { 200 }, standard.id))
    })
    .await
}

/// Lists the changes to one standard.
#[utoipa::path(
    get, path = "/api/v1/standards/{id}/history", tag = "Standards", operation_id = "get_standard_history",
    params(("id" = String, Path, description = "The standard's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "The standard's changes, oldest first.", body = HistoryPage),
        (status = 404, description = "No such standard.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn history(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_READ)?;
    let id = ids::path_id(&id, "standard")?;
    let lookup = id.clone();
    db::read(&pool, move |c| standards::get(c, &lookup)).await?;
    history_page(&req, &pool, Reader::of(&p), standards::ENTITY, id, q.0).await
}
