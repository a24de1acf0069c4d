//! `/api/v1/technical-regulations`: local technical regulations (QCĐP) and their lifecycle.

use actix_web::web;
use serde::{Deserialize, Serialize};
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, Created, History, Listed, Moves, Read, Updated};
use tdc_kernel::resource::{AnyCall, Call, IdPath, IfMatchOptional, IfMatchRequired, Reply};
use tdc_kernel::{Problem, location};
use utoipa::ToSchema;

use crate::model::{
    RegulationAction, RegulationListQuery, TechnicalRegulation, TechnicalRegulationInput, TechnicalRegulationPage,
};
use crate::rules::ConsultationRules;
use crate::scopes::{REGULATIONS_READ, REGULATIONS_WRITE};
use crate::store::regulations::{self as store, ENTITY};

const TAG: &str = "Technical regulations";

/// Lists QCĐPs. Without a token: published ones (issued, registered, in force, replaced, repealed)
/// and drafts whose consultation is open today; with one: all.
#[utoipa::path(get, path = "/api/v1/technical-regulations", tag = TAG, operation_id = "list_technical_regulations",
    params(RegulationListQuery, PageQuery), responses(Listed<TechnicalRegulationPage>), security((), ("bearer" = [REGULATIONS_READ])))]
pub async fn list(call: AnyCall, q: Query<RegulationListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| TechnicalRegulationPage { items, next_cursor }).await
}

/// Records a QCĐP: a department's proposal (the default), or an existing regulation loaded with
/// `initial_state` and `issuance`.
#[utoipa::path(post, path = "/api/v1/technical-regulations", tag = TAG, operation_id = "create_technical_regulation",
    request_body = TechnicalRegulationInput, security(("bearer" = [REGULATIONS_WRITE])),
    responses(Created<TechnicalRegulation>, (status = 409, description = "Its code is recorded already (`duplicate_key`).", body = Problem)))]
pub async fn create(call: Call, body: ValidJson<TechnicalRegulationInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one QCĐP (public when published or in open consultation).
#[utoipa::path(get, path = "/api/v1/technical-regulations/{id}", tag = TAG, operation_id = "get_technical_regulation",
    params(IdPath), responses(Read<TechnicalRegulation>), security((), ("bearer" = [REGULATIONS_READ])))]
pub async fn get(call: AnyCall, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of("technical regulation")?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// Reads one QCĐP by code; `QCDP`, case and spacing do not matter.
#[utoipa::path(get, path = "/api/v1/technical-regulations/by-code/{code}", tag = TAG, operation_id = "get_technical_regulation_by_code",
    params(("code" = String, Path, description = "The code, URL-encoded, e.g. `QCĐP%2001%3A2023/TPHP` (the `/` may stay as it is).")),
    responses(Read<TechnicalRegulation>), security((), ("bearer" = [REGULATIONS_READ])))]
pub async fn get_by_code(call: AnyCall, code: web::Path<String>) -> Reply {
    let code = code.into_inner();
    call.read(move |c, r| store::get_by_code(c, r, &code)).await
}

/// Replaces a QCĐP's content (titles, sector, scope, agencies, cited standards, documents, code);
/// its state changes only through transitions. Needs `If-Match`; a new version only if something
/// changed.
#[utoipa::path(put, path = "/api/v1/technical-regulations/{id}", tag = TAG, operation_id = "update_technical_regulation",
    params(IdPath, IfMatchRequired), request_body = TechnicalRegulationInput, security(("bearer" = [REGULATIONS_WRITE])),
    responses(Updated<TechnicalRegulation>,
        (status = 403, description = "Another agency leads it (`not_lead_agency`).", body = Problem),
        (status = 409, description = "The code belongs to another regulation (`duplicate_key`).", body = Problem)))]
pub async fn update(call: Call, id: web::Path<IdPath>, body: ValidJson<TechnicalRegulationInput>) -> Reply {
    let (id, input) = (id.into_inner().of("technical regulation")?, body.0);
    call.update(move |c, actor, writer, expected| store::update(c, actor, writer, &id, &input, expected)).await
}

/// Loads up to 1000 QCĐPs at once (a province's existing regulations), each upserted by `code`.
#[utoipa::path(post, path = "/api/v1/technical-regulations/batch", tag = TAG, operation_id = "batch_upsert_technical_regulations",
    params(BatchQuery), responses(Batch), security(("bearer" = [REGULATIONS_WRITE])),
    request_body(content = Vec<TechnicalRegulationInput>, description = "A JSON array of at most 1000 regulations, each with `code`; new ones are recorded in `initial_state` (with `issuance`), existing ones get the new content. Record cited standards in the catalogue first."))]
pub async fn batch_upsert(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of technical regulations, each upserted by its code — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    batch::each(c, author, items, atomic, |c, actor, writer, input: TechnicalRegulationInput| {
        store::upsert_by_code(c, actor, writer, &input)
    })
};

/// The result of a lifecycle move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RegulationMoved {
    /// The regulation after the move.
    pub regulation: TechnicalRegulation,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(RegulationMoved, via = regulation);

/// Moves a QCĐP through its lifecycle. The moves, and who may make each:
///
/// | action | from | to | who |
/// |---|---|---|---|
/// | `accept_into_plan` | proposed | planned | DOST |
/// | `reject_proposal` | proposed | rejected | DOST |
/// | `start_drafting` | planned | drafting | lead agency |
/// | `open_consultation` | drafting | consultation | lead agency |
/// | `submit_for_appraisal` | consultation | appraisal | lead agency (every comment answered) |
/// | `pass_appraisal` | appraisal | appraised | DOST |
/// | `return_for_revision` | appraisal | drafting | DOST |
/// | `request_ministry_opinion` | appraised | ministry_opinion_requested | lead agency |
/// | `record_ministry_opinion` | ministry_opinion_requested | ministry_opinion_received | lead agency |
/// | `issue` | ministry_opinion_received | issued | lead agency or DOST |
/// | `register` | issued | registered | DOST |
/// | `bring_into_force` | registered | in_effect | lead agency or DOST (from the effective date) |
/// | `review`, `amend` | in_effect | in_effect | DOST; lead agency or DOST |
/// | `correct` | issued, registered, in_effect | unchanged | lead agency or DOST |
/// | `replace`, `repeal` | issued, registered, in_effect | replaced, repealed | lead agency or DOST |
/// | `withdraw` | any state before issued | withdrawn | lead agency |
///
/// DOST's administrators may make every move. `If-Match` is optional; when sent it must name the
/// current version.
#[utoipa::path(post, path = "/api/v1/technical-regulations/{id}/transitions", tag = TAG, operation_id = "transition_technical_regulation",
    params(IdPath, IfMatchOptional), request_body = RegulationAction, security(("bearer" = [REGULATIONS_WRITE])),
    responses(
        (status = 200, description = "Moved; the regulation (with its new `ETag`) and the move.", body = RegulationMoved),
        (status = 403, description = "The caller's agency may not take this action (`not_lead_agency`, `dost_only`).", body = Problem),
        (status = 404, description = "No such regulation.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`, with `allowed_actions`), comments unanswered (`unanswered_comments`), not yet effective (`not_yet_effective`), a change to a regulation in force without DOST's review concluding it (`review_required`), or the code is taken (`duplicate_key`).", body = Problem),
        (status = 412, description = "It changed since the `If-Match` version (`version_mismatch`).", body = Problem),
        (status = 422, description = "Invalid facts (`validation_failed`): e.g. `consultation_too_short` (shorter than the configured minimum), `committee_decision_required` (amend, replace, repeal without the People's Committee's `issued_by`).", body = Problem),
    ))]
pub async fn transition(
    call: Call,
    rules: web::Data<ConsultationRules>,
    id: web::Path<IdPath>,
    body: ValidJson<RegulationAction>,
) -> Reply {
    let (id, action, rules) = (id.into_inner().of("technical regulation")?, body.0, *rules.get_ref());
    call.transition(move |c, actor, writer, expected| {
        let (regulation, transition) = store::apply(c, actor, writer, &id, &action, expected, &rules)?;
        Ok(RegulationMoved { regulation, transition })
    })
    .await
}

/// Lists the moves a QCĐP went through, from `propose` (or `load`) on.
#[utoipa::path(get, path = "/api/v1/technical-regulations/{id}/transitions", tag = TAG, operation_id = "list_technical_regulation_transitions",
    params(IdPath, PageQuery), responses(Moves), security((), ("bearer" = [REGULATIONS_READ])))]
pub async fn transitions(call: AnyCall, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of("technical regulation")?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}

/// Lists the changes to one QCĐP.
#[utoipa::path(get, path = "/api/v1/technical-regulations/{id}/history", tag = TAG, operation_id = "get_technical_regulation_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [REGULATIONS_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of("technical regulation")?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}
