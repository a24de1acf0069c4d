//! `/api/v1/traceability/trace` and `/api/v1/traceability/lots`: a lot or an EPC traced forward
//! and backward, and the lots the captured events describe.

use actix_web::{HttpResponse, web};
use tdc_kernel::db;
use tdc_kernel::extract::Query;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Listed, Read};
use tdc_kernel::resource::{Call, Reply};
use tdc_kernel::{ApiError, Problem};

use crate::epcis::index::identifier;
use crate::model::{LotListQuery, LotPage, Trace, TraceQuery};
use crate::scopes::TRACEABILITY_READ;
use crate::store::lots;
use crate::store::trace::{self, Start};

const TAG: &str = "Traceability";

/// A GTIN as 14 digits (400 `gtin_format` / `gtin_checksum`).
fn gtin14(raw: &str) -> Result<String, ApiError> {
    crate::epcis::keys::gtin(raw, "/query/gtin")
}

/// What the query asks to trace: a GTIN and lot, or an EPC.
fn start_of(q: &TraceQuery) -> Result<Start, ApiError> {
    match (&q.gtin, &q.lot, &q.epc) {
        (Some(gtin), Some(lot), None) if !lot.is_empty() && lot.chars().count() <= 20 => {
            Ok(Start::lot(&gtin14(gtin)?, lot))
        }
        (None, None, Some(epc)) if !epc.is_empty() && epc.len() <= 500 => Ok(Start { value: identifier(epc) }),
        (Some(_), Some(_), None) => {
            Err(ApiError::malformed_field("/query/lot", "lot_format", "a lot number is 1 to 20 characters"))
        }
        (None, None, Some(_)) => {
            Err(ApiError::malformed_field("/query/epc", "epc_format", "an EPC is 1 to 500 characters"))
        }
        _ => Err(ApiError::malformed_field("/query/gtin", "trace_start", "give `gtin` and `lot`, or `epc` alone")),
    }
}

/// Traces a lot (`gtin` and `lot`) or one EPC through the captured EPCIS events: forward to every
/// place it went and the quantities there, backward to the inputs it was made of and their
/// sources — through packing into containers (followed until unpacked), transformations and
/// shipments — with, for each holder, the registered location, its business and the agency
/// responsible (seed 001 Art. 10.1.h). An identifier no event names gives an empty trail.
#[utoipa::path(get, path = "/api/v1/traceability/trace", tag = TAG, operation_id = "trace",
    params(TraceQuery), security(("bearer" = [TRACEABILITY_READ])),
    responses(
        (status = 200, description = "The trail.", body = Trace),
        (status = 400, description = "Neither `gtin` and `lot` nor `epc` (`trace_start`), a malformed GTIN (`gtin_format`, `gtin_checksum`), lot or EPC, or `max_hops` outside 1–20 (`invalid_parameter`).", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
    ))]
pub async fn trace(call: Call, q: Query<TraceQuery>) -> Reply {
    let q = q.0;
    let start = start_of(&q)?;
    let max_hops = q.max_hops.unwrap_or(10);
    if !(1..=20).contains(&max_hops) {
        return Err(ApiError::malformed_field("/query/max_hops", "invalid_parameter", "max_hops is 1 to 20"));
    }
    let (direction, reader) = (q.direction.unwrap_or_default(), call.reader());
    let found = db::read(&call.pool, move |c| trace::trace(c, &reader, &start, direction, max_hops)).await?;
    Ok(HttpResponse::Ok().json(found))
}

/// Lists a GTIN's lots that captured events name, by lot number, each with the product recorded
/// with the GTIN and where, when and how much it was made.
#[utoipa::path(get, path = "/api/v1/traceability/lots", tag = TAG, operation_id = "list_lots",
    params(LotListQuery, PageQuery), responses(Listed<LotPage>), security(("bearer" = [TRACEABILITY_READ])))]
pub async fn lots(call: Call, q: Query<LotListQuery>, paging: Query<PageQuery>) -> Reply {
    let gtin = gtin14(&q.0.gtin)?;
    let load = move |c: &mut _, r: &_, after, limit| lots::list(c, r, &gtin, after, limit);
    call.page(paging.0, load, |items, next_cursor| LotPage { items, next_cursor }).await
}

/// Reads one lot as the captured events describe it.
#[utoipa::path(get, path = "/api/v1/traceability/lots/{gtin}/{lot}", tag = TAG, operation_id = "get_lot",
    params(("gtin" = String, Path, description = "The GTIN (8 to 14 digits)."), ("lot" = String, Path, description = "The lot number, URL-encoded.")),
    responses(Read<crate::model::Lot>), security(("bearer" = [TRACEABILITY_READ])))]
pub async fn lot(call: Call, path: web::Path<(String, String)>) -> Reply {
    let (gtin, lot) = path.into_inner();
    let gtin = gtin14(&gtin)?;
    call.read(move |c, r| lots::get(c, r, &gtin, &lot)).await
}
