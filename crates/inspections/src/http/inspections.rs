//! `/api/v1/inspections`: inspections from their decision to their conclusion.

use actix_web::web;
use serde::{Deserialize, Serialize};
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, Created, History, Listed, Moves, Read};
use tdc_kernel::resource::{Call, IdPath, IfMatchOptional, Reply};
use tdc_kernel::{Problem, location};
use utoipa::ToSchema;

use crate::model::{Inspection, InspectionAction, InspectionInput, InspectionListQuery, InspectionPage};
use crate::scopes::{INSPECTIONS_READ, INSPECTIONS_WRITE};
use crate::store::inspections::{self as store, ENTITY};

const TAG: &str = "Inspections";

/// Lists the inspections the caller may see, oldest first: those its agency leads or takes part
/// in, and every concluded one.
#[utoipa::path(get, path = "/api/v1/inspections", tag = TAG, operation_id = "list_inspections",
    params(InspectionListQuery, PageQuery), responses(Listed<InspectionPage>), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn list(call: Call, q: Query<InspectionListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| InspectionPage { items, next_cursor }).await
}

/// Records an inspection decided by the caller's agency (`decided`): planned (an approved plan's
/// item) or not (what triggered it), joint when it names member agencies or the overlap case it
/// merges. Restricted to its lead and members until concluded.
#[utoipa::path(post, path = "/api/v1/inspections", tag = TAG, operation_id = "create_inspection",
    request_body = InspectionInput, security(("bearer" = [INSPECTIONS_WRITE])), responses(Created<Inspection>))]
pub async fn create(call: Call, body: ValidJson<InspectionInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one inspection the caller may see.
#[utoipa::path(get, path = "/api/v1/inspections/{id}", tag = TAG, operation_id = "get_inspection",
    params(IdPath), responses(Read<Inspection>), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// The result of an inspection's lifecycle move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct InspectionMoved {
    /// The inspection after the move.
    pub inspection: Inspection,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(InspectionMoved, via = inspection);

/// Moves an inspection (its lead agency): `start` (decided → in_progress), `record_findings`
/// (in_progress; `samples` and `findings` replace what was recorded), `conclude` (in_progress →
/// concluded, with the `conclusion`; it becomes shared with every agency), `cancel` (with a
/// `reason`). Each step may file `documents`.
#[utoipa::path(post, path = "/api/v1/inspections/{id}/transitions", tag = TAG, operation_id = "transition_inspection",
    params(IdPath, IfMatchOptional), request_body = InspectionAction, security(("bearer" = [INSPECTIONS_WRITE])),
    responses(
        (status = 200, description = "Moved; the inspection and the move.", body = InspectionMoved),
        (status = 403, description = "Only the lead agency moves it (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such inspection the caller may see.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`), or a sample's result is missing (`samples_pending`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
        (status = 422, description = "A required field is missing (`required`), the outcome contradicts the samples (`contradicts_samples`), or the conclusion predates the inspection (`before_start`).", body = Problem),
    ))]
pub async fn transition(call: Call, id: web::Path<IdPath>, body: ValidJson<InspectionAction>) -> Reply {
    let (id, action) = (id.into_inner().of(ENTITY)?, body.0);
    call.transition(move |c, actor, writer, expected| {
        let (inspection, transition) = store::transition(c, actor, writer, &id, &action, expected)?;
        Ok(InspectionMoved { inspection, transition })
    })
    .await
}

/// Lists the moves an inspection went through, oldest first.
#[utoipa::path(get, path = "/api/v1/inspections/{id}/transitions", tag = TAG, operation_id = "list_inspection_transitions",
    params(IdPath, PageQuery), responses(Moves), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn transitions(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}

/// Lists the changes to one inspection (without its team's names).
#[utoipa::path(get, path = "/api/v1/inspections/{id}/history", tag = TAG, operation_id = "get_inspection_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}

/// Loads up to 1000 inspections at once (an earlier year's work: each may carry its samples, findings and conclusion), item by item; each item is checked as a single
/// creation is and answers its own result. Send an `Idempotency-Key` to retry safely.
#[utoipa::path(post, path = "/api/v1/inspections/batch", tag = TAG, operation_id = "batch_create_inspections",
    params(BatchQuery), responses(Batch), security(("bearer" = [INSPECTIONS_WRITE])),
    request_body(content = Vec<InspectionInput>, description = "A JSON array of at most 1000 inspections."))]
pub async fn batch_create(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of inspections, each created — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    batch::each(c, author, items, atomic, |c, actor, writer, input: InspectionInput| {
        store::create(c, actor, writer, &input).map(|r| (r, true))
    })
};
