//! `/api/v1/violations`: violations, their sanctions and what became of them.

use actix_web::web;
use serde::{Deserialize, Serialize};
use tdc_kernel::HomeProvince;
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, Created, History, Listed, Moves, Read};
use tdc_kernel::resource::{Call, IdPath, IfMatchOptional, Reply};
use tdc_kernel::{Problem, location};
use utoipa::ToSchema;

use crate::model::{Violation, ViolationAction, ViolationInput, ViolationListQuery, ViolationPage};
use crate::scopes::{INSPECTIONS_READ, INSPECTIONS_WRITE};
use crate::store::violation_moves::{self, Writer};
use crate::store::violations::{self as store, ENTITY};

const TAG: &str = "Violations";

/// Lists the violations the caller may see (a restricted business's only its readers), oldest first: `?tax_code=` is a business's violation history, `?gtin=` a
/// product's.
#[utoipa::path(get, path = "/api/v1/violations", tag = TAG, operation_id = "list_violations",
    params(ViolationListQuery, PageQuery), responses(Listed<ViolationPage>), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn list(call: Call, q: Query<ViolationListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| ViolationPage { items, next_cursor }).await
}

/// Records a violation found by the caller's agency, citing the provision in force on the day it
/// was committed.
#[utoipa::path(post, path = "/api/v1/violations", tag = TAG, operation_id = "create_violation",
    request_body = ViolationInput, security(("bearer" = [INSPECTIONS_WRITE])), responses(Created<Violation>))]
pub async fn create(call: Call, body: ValidJson<ViolationInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one violation.
#[utoipa::path(get, path = "/api/v1/violations/{id}", tag = TAG, operation_id = "get_violation",
    params(IdPath), responses(Read<Violation>), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// The result of a violation's lifecycle move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ViolationMoved {
    /// The violation after the move.
    pub violation: Violation,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(ViolationMoved, via = violation);

/// Moves a violation (its lead agency): `sanction` (with the decision, the fine within the
/// provision's range — twice it for an organisation — and, against a conformity assessment body,
/// its registration `certificate` suspended or revoked in the registry), `become_final`,
/// `record_payment`, `complete_measure`, `close` (once paid and remedied), `transfer` (to the
/// competent agency, which leads it since; the sender keeps reading it).
#[utoipa::path(post, path = "/api/v1/violations/{id}/transitions", tag = TAG, operation_id = "transition_violation",
    params(IdPath, IfMatchOptional), request_body = ViolationAction, security(("bearer" = [INSPECTIONS_WRITE])),
    responses(
        (status = 200, description = "Moved; the violation and the move.", body = ViolationMoved),
        (status = 403, description = "Only the lead agency moves it (`not_lead_agency`); the registry refused the certificate's suspension to this agency.", body = Problem),
        (status = 404, description = "No such violation (or certificate).", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`), not paid or remedied (`not_settled`), or the certificate cannot be moved so.", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
        (status = 422, description = "A required field is missing (`required`), the fine is out of range (`fine_out_of_range`), dates disagree (`decided_before_violation`, `before_decision`), no such measure (`unknown_measure`) or agency (`unknown_agency`).", body = Problem),
    ))]
pub async fn transition(
    call: Call,
    id: web::Path<IdPath>,
    body: ValidJson<ViolationAction>,
    home: web::Data<HomeProvince>,
) -> Reply {
    let (id, action, home) = (id.into_inner().of(ENTITY)?, body.0, home.into_inner());
    call.transition(move |c, actor, writer, expected| {
        let who = Writer { actor, writer, home: &home };
        let (violation, transition) = violation_moves::transition(c, &who, &id, &action, expected)?;
        Ok(ViolationMoved { violation, transition })
    })
    .await
}

/// Lists the moves a violation went through, oldest first.
#[utoipa::path(get, path = "/api/v1/violations/{id}/transitions", tag = TAG, operation_id = "list_violation_transitions",
    params(IdPath, PageQuery), responses(Moves), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn transitions(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}

/// Lists the changes to one violation.
#[utoipa::path(get, path = "/api/v1/violations/{id}/history", tag = TAG, operation_id = "get_violation_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}

/// Loads up to 1000 violations at once (an earlier year's work: each may carry its sanction, the day it became final and its payment), item by item; each item is checked as a single
/// creation is and answers its own result. Send an `Idempotency-Key` to retry safely.
#[utoipa::path(post, path = "/api/v1/violations/batch", tag = TAG, operation_id = "batch_create_violations",
    params(BatchQuery), responses(Batch), security(("bearer" = [INSPECTIONS_WRITE])),
    request_body(content = Vec<ViolationInput>, description = "A JSON array of at most 1000 violations."))]
pub async fn batch_create(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of violations, each created — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    batch::each(c, author, items, atomic, |c, actor, writer, input: ViolationInput| {
        store::create(c, actor, writer, &input).map(|r| (r, true))
    })
};
