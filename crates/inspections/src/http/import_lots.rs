//! `/api/v1/import-lots`: imported goods checked lot by lot, with customs.

use actix_web::web;
use serde::{Deserialize, Serialize};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, History, Listed, Moves, Read};
use tdc_kernel::resource::{Call, IdPath, IfMatchOptional, Reply};
use tdc_kernel::{Problem, location};
use utoipa::ToSchema;

use crate::model::{ImportLot, ImportLotAction, ImportLotInput, ImportLotListQuery, ImportLotPage};
use crate::scopes::{INSPECTIONS_READ, INSPECTIONS_WRITE};
use crate::store::import_lots::{self as store, ENTITY};

const TAG: &str = "Import lots";

/// Lists import lots, oldest first.
#[utoipa::path(get, path = "/api/v1/import-lots", tag = TAG, operation_id = "list_import_lots",
    params(ImportLotListQuery, PageQuery), responses(Listed<ImportLotPage>), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn list(call: Call, q: Query<ImportLotListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| store::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| ImportLotPage { items, next_cursor }).await
}

/// Registers a lot for inspection, led by the caller's agency, with the customs branch that holds
/// its declaration coordinating.
#[utoipa::path(post, path = "/api/v1/import-lots", tag = TAG, operation_id = "create_import_lot",
    request_body = ImportLotInput, security(("bearer" = [INSPECTIONS_WRITE])),
    responses(Created<ImportLot>, (status = 409, description = "The branch's declaration is registered (`duplicate_key`).", body = Problem)))]
pub async fn create(call: Call, body: ValidJson<ImportLotInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one lot.
#[utoipa::path(get, path = "/api/v1/import-lots/{id}", tag = TAG, operation_id = "get_import_lot",
    params(IdPath), responses(Read<ImportLot>), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, _| store::get(c, &id)).await
}

/// The result of a lot's move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ImportLotMoved {
    /// The lot after the move.
    pub lot: ImportLot,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(ImportLotMoved, via = lot);

/// Moves a lot (its inspecting agency): `record_results` (the samples), `pass` (the notice; every
/// sample conforming; untested only under the reduced regime), `fail` (the notice and its reason).
#[utoipa::path(post, path = "/api/v1/import-lots/{id}/transitions", tag = TAG, operation_id = "transition_import_lot",
    params(IdPath, IfMatchOptional), request_body = ImportLotAction, security(("bearer" = [INSPECTIONS_WRITE])),
    responses(
        (status = 200, description = "Moved; the lot and the move.", body = ImportLotMoved),
        (status = 403, description = "Only the inspecting agency moves it (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such lot.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`), or not tested under its regime (`not_tested`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
        (status = 422, description = "A required field is missing (`required`), or the samples contradict a pass (`contradicts_samples`).", body = Problem),
    ))]
pub async fn transition(call: Call, id: web::Path<IdPath>, body: ValidJson<ImportLotAction>) -> Reply {
    let (id, action) = (id.into_inner().of(ENTITY)?, body.0);
    call.transition(move |c, actor, writer, expected| {
        let (lot, transition) = store::transition(c, actor, writer, &id, &action, expected)?;
        Ok(ImportLotMoved { lot, transition })
    })
    .await
}

/// Lists the moves a lot went through, oldest first.
#[utoipa::path(get, path = "/api/v1/import-lots/{id}/transitions", tag = TAG, operation_id = "list_import_lot_transitions",
    params(IdPath, PageQuery), responses(Moves), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn transitions(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}

/// Lists the changes to one lot.
#[utoipa::path(get, path = "/api/v1/import-lots/{id}/history", tag = TAG, operation_id = "get_import_lot_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}
