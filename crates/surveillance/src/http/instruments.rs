//! `/api/v1/measuring-instruments`: the registers of measuring instruments in use, their
//! verification, and the instruments falling due per commune.

use actix_web::{HttpResponse, web};
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::db;
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, Created, History, Listed, Read, Updated};
use tdc_kernel::resource::{Call, IdPath, IfMatchRequired, Reply};
use tdc_kernel::{Problem, location};

use crate::model::{DueByCommune, DueQuery, InstrumentInput, InstrumentListQuery, InstrumentPage, MeasuringInstrument};
use crate::scopes::{SURVEILLANCE_READ, SURVEILLANCE_WRITE};
use crate::store::instruments::{self as store, ENTITY};

const TAG: &str = "Metrology";

/// Lists measuring instruments, oldest first: a commune's (`commune_code`), a market's, those whose
/// verification is `due`, `overdue` or `unverified` today, or ends in a month (`due_in=2026-12`,
/// next month's list).
#[utoipa::path(get, path = "/api/v1/measuring-instruments", tag = TAG, operation_id = "list_measuring_instruments",
    params(InstrumentListQuery, PageQuery), responses(Listed<InstrumentPage>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn list(call: Call, q: Query<InstrumentListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| InstrumentPage { items, next_cursor }).await
}

/// Records an instrument in the caller's agency's register.
#[utoipa::path(post, path = "/api/v1/measuring-instruments", tag = TAG, operation_id = "create_measuring_instrument",
    request_body = InstrumentInput, security(("bearer" = [SURVEILLANCE_WRITE])),
    responses(Created<MeasuringInstrument>, (status = 409, description = "An instrument of this kind with this serial is recorded (`duplicate_key`).", body = Problem)))]
pub async fn create(call: Call, body: ValidJson<InstrumentInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one instrument.
#[utoipa::path(get, path = "/api/v1/measuring-instruments/{id}", tag = TAG, operation_id = "get_measuring_instrument",
    params(IdPath), responses(Read<MeasuringInstrument>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// Replaces an instrument's content — a new verification, a move, a retirement (`in_use: false`) —
/// by the agency whose register holds it. Needs `If-Match`.
#[utoipa::path(put, path = "/api/v1/measuring-instruments/{id}", tag = TAG, operation_id = "update_measuring_instrument",
    params(IdPath, IfMatchRequired), request_body = InstrumentInput, security(("bearer" = [SURVEILLANCE_WRITE])),
    responses(Updated<MeasuringInstrument>,
        (status = 403, description = "Another agency's register holds it (`not_lead_agency`).", body = Problem),
        (status = 409, description = "Another instrument has this kind and serial (`duplicate_key`).", body = Problem)))]
pub async fn update(call: Call, id: web::Path<IdPath>, body: ValidJson<InstrumentInput>) -> Reply {
    let (id, input) = (id.into_inner().of(ENTITY)?, body.0);
    call.update(move |c, actor, writer, expected| store::update(c, actor, writer, &id, &input, expected)).await
}

/// Loads up to 1000 instruments at once — a commune's register of its markets — each upserted by
/// `kind` and `serial`: safe to send again.
#[utoipa::path(post, path = "/api/v1/measuring-instruments/batch", tag = TAG, operation_id = "batch_upsert_measuring_instruments",
    params(BatchQuery), responses(Batch), security(("bearer" = [SURVEILLANCE_WRITE])),
    request_body(content = Vec<InstrumentInput>, description = "A JSON array of at most 1000 instruments; one recorded in another agency's register is refused (`not_lead_agency`)."))]
pub async fn batch_upsert(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of measuring instruments, each upserted by its kind and serial, set-wise — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    let all =
        |c: &mut _, actor: &_, writer: &_, items: &[&InstrumentInput]| store::upsert_many(c, actor, writer, items);
    batch::set(c, author, items, atomic, all, |c, actor, writer, input: InstrumentInput| {
        store::upsert(c, actor, writer, &input)
    })
};

/// Per commune: the in-use instruments whose verification ends in `month` and those already
/// overdue — what each commune's markets must have verified next.
#[utoipa::path(get, path = "/api/v1/measuring-instruments/due-by-commune", tag = TAG, operation_id = "get_instruments_due_by_commune",
    params(DueQuery), security(("bearer" = [SURVEILLANCE_READ])), responses(
        (status = 200, description = "The communes' counts.", body = DueByCommune),
        (status = 400, description = "A missing or malformed month (`invalid_parameter`).", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
    ))]
pub async fn due_by_commune(call: Call, q: Query<DueQuery>) -> Reply {
    let month = q.0.month;
    let found = db::read(&call.pool, move |c| store::due_by_commune(c, &month)).await?;
    Ok(HttpResponse::Ok().json(found))
}

/// Lists the changes to one instrument.
#[utoipa::path(get, path = "/api/v1/measuring-instruments/{id}/history", tag = TAG, operation_id = "get_measuring_instrument_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}
