//! `/api/v1/traceability/locations`: which business each GLN the supply chains name belongs to.

use actix_web::web;
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, History, Listed, Read, Upserted};
use tdc_kernel::resource::{Call, IdPath, IfMatch, Reply};
use tdc_kernel::versions::Replace;
use tdc_kernel::{ApiError, location};

use crate::model::{LocationListQuery, TraceLocation, TraceLocationInput, TraceLocationPage};
use crate::scopes::{TRACEABILITY_CAPTURE, TRACEABILITY_READ};
use crate::store::locations::{self as store, ENTITY};

const TAG: &str = "Traceability";

/// Lists the registered locations by GLN.
#[utoipa::path(get, path = "/api/v1/traceability/locations", tag = TAG, operation_id = "list_trace_locations",
    params(LocationListQuery, PageQuery), responses(Listed<TraceLocationPage>), security(("bearer" = [TRACEABILITY_READ])))]
pub async fn list(call: Call, q: Query<LocationListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| store::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| TraceLocationPage { items, next_cursor }).await
}

/// Reads one location.
#[utoipa::path(get, path = "/api/v1/traceability/locations/{id}", tag = TAG, operation_id = "get_trace_location",
    params(IdPath), responses(Read<TraceLocation>), security(("bearer" = [TRACEABILITY_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, _| store::get(c, &id)).await
}

/// Reads one location by GLN.
#[utoipa::path(get, path = "/api/v1/traceability/locations/by-gln/{gln}", tag = TAG, operation_id = "get_trace_location_by_gln",
    params(("gln" = String, Path, description = "The GLN (13 digits).")), responses(Read<TraceLocation>), security(("bearer" = [TRACEABILITY_READ])))]
pub async fn get_by_gln(call: Call, gln: web::Path<String>) -> Reply {
    let gln = gln.into_inner();
    call.read(move |c, _| store::get_by_gln(c, &gln)).await
}

/// Registers or replaces the location a GLN stands for (its lead agency changes it): safe to
/// resend. Absent: created (201); identical data: 200 and no new version; changed data needs
/// `If-Match`. The business must be recorded (`unknown_business`), the commune known (`unknown_unit`).
#[utoipa::path(put, path = "/api/v1/traceability/locations/by-gln/{gln}", tag = TAG, operation_id = "upsert_trace_location",
    params(("gln" = String, Path, description = "The GLN (13 digits)."), IfMatch),
    request_body = TraceLocationInput, responses(Upserted<TraceLocation>), security(("bearer" = [TRACEABILITY_CAPTURE])))]
pub async fn upsert(call: Call, gln: web::Path<String>, body: ValidJson<TraceLocationInput>) -> Reply {
    let (gln, input) = (crate::epcis::keys::gln(&gln.into_inner(), "/gln")?, body.0);
    if input.gln.as_deref().is_some_and(|g| g != gln) {
        return Err(ApiError::invalid_field("/gln", "gln_mismatch", "gln differs from the one in the path"));
    }
    call.upsert(location!(get), move |c, actor, writer, replace| store::upsert(c, actor, writer, &gln, &input, replace))
        .await
}

/// Registers up to 1000 locations at once, each upserted by its GLN.
#[utoipa::path(post, path = "/api/v1/traceability/locations/batch", tag = TAG, operation_id = "batch_upsert_trace_locations",
    params(BatchQuery), responses(Batch), security(("bearer" = [TRACEABILITY_CAPTURE])),
    request_body(content = Vec<TraceLocationInput>, description = "A JSON array of at most 1000 locations, each with `gln`."))]
pub async fn batch_upsert(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of trace locations, each upserted by its GLN, set-wise — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    let all =
        |c: &mut _, actor: &_, writer: &_, items: &[&TraceLocationInput]| store::upsert_many(c, actor, writer, items);
    batch::set(c, author, items, atomic, all, |c, actor, writer, input: TraceLocationInput| {
        store::upsert(c, actor, writer, &store::gln_of(&input)?, &input, Replace::Always)
    })
};

/// Lists the changes to one location.
#[utoipa::path(get, path = "/api/v1/traceability/locations/{id}/history", tag = TAG, operation_id = "get_trace_location_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [TRACEABILITY_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}
