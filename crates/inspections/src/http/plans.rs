//! `/api/v1/inspection-plans`: each agency's annual inspection plan, its items and its lifecycle.

use actix_web::web;
use serde::{Deserialize, Serialize};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, History, Listed, Moves, Read, Updated};
use tdc_kernel::resource::{Call, IdPath, IfMatchOptional, IfMatchRequired, Reply};
use tdc_kernel::{Problem, location};
use utoipa::ToSchema;

use crate::model::{InspectionPlan, InspectionPlanInput, InspectionPlanPage, PlanAction, PlanItemPage, PlanListQuery};
use crate::rules::OverlapRules;
use crate::scopes::{INSPECTIONS_READ, INSPECTIONS_WRITE};
use crate::store::plans::{self as store, ENTITY};

const TAG: &str = "Inspection plans";

/// Lists inspection plans, oldest first, each with its open overlaps.
#[utoipa::path(get, path = "/api/v1/inspection-plans", tag = TAG, operation_id = "list_inspection_plans",
    params(PlanListQuery, PageQuery), responses(Listed<InspectionPlanPage>), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn list(call: Call, q: Query<PlanListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| store::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| InspectionPlanPage { items, next_cursor }).await
}

/// Records a plan with its items, in `draft`, led by the caller's agency.
#[utoipa::path(post, path = "/api/v1/inspection-plans", tag = TAG, operation_id = "create_inspection_plan",
    request_body = InspectionPlanInput, security(("bearer" = [INSPECTIONS_WRITE])),
    responses(Created<InspectionPlan>, (status = 409, description = "The agency has a plan with this title for this year (`duplicate_key`).", body = Problem)))]
pub async fn create(call: Call, body: ValidJson<InspectionPlanInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one plan, with its open overlaps.
#[utoipa::path(get, path = "/api/v1/inspection-plans/{id}", tag = TAG, operation_id = "get_inspection_plan",
    params(IdPath), responses(Read<InspectionPlan>), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, _| store::get(c, &id)).await
}

/// Replaces a `draft` or `amended` plan's content and items. Needs `If-Match`. Send an item's
/// `id` back to keep it; an item in an open overlap case keeps its id, business and period.
#[utoipa::path(put, path = "/api/v1/inspection-plans/{id}", tag = TAG, operation_id = "update_inspection_plan",
    params(IdPath, IfMatchRequired), request_body = InspectionPlanInput, security(("bearer" = [INSPECTIONS_WRITE])),
    responses(Updated<InspectionPlan>,
        (status = 403, description = "Another agency leads it (`not_lead_agency`).", body = Problem),
        (status = 409, description = "The plan is not `draft` or `amended` (`plan_not_editable`), an item in an open overlap case changed (`item_in_open_overlap`), or the title is taken (`duplicate_key`).", body = Problem)))]
pub async fn update(call: Call, id: web::Path<IdPath>, body: ValidJson<InspectionPlanInput>) -> Reply {
    let (id, input) = (id.into_inner().of(ENTITY)?, body.0);
    call.update(move |c, actor, writer, expected| store::update(c, actor, writer, &id, &input, expected)).await
}

/// Lists a plan's items in plan order.
#[utoipa::path(get, path = "/api/v1/inspection-plans/{id}/items", tag = TAG, operation_id = "list_inspection_plan_items",
    params(IdPath, PageQuery), security(("bearer" = [INSPECTIONS_READ])),
    responses(Listed<PlanItemPage>, (status = 404, description = "No such plan.", body = Problem)))]
pub async fn items(call: Call, id: web::Path<IdPath>, paging: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let load = move |c: &mut _, r: &_, after, limit| store::items_page(c, r, &id, after, limit);
    call.page(paging.0, load, |items, next_cursor| PlanItemPage { items, next_cursor }).await
}

/// The result of a plan's lifecycle move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct InspectionPlanMoved {
    /// The plan after the move (after `submit`, with the overlap cases it opened).
    pub plan: InspectionPlan,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(InspectionPlanMoved, via = plan);

/// Moves a plan: `submit` (draft or amended → submitted, its agency; opens an overlap case for
/// each business another agency plans in an overlapping period, or concluded an inspection of
/// within the configured months before the planned period), `review` (submitted → reviewed,
/// the provincial inspectorate), `approve` (reviewed → approved, its agency, with the `decision`;
/// refused while an overlap is open), `amend` (approved → amended, its agency, with a `reason`),
/// `withdraw` (→ withdrawn, its agency, with a `reason`; closes its open overlaps).
#[utoipa::path(post, path = "/api/v1/inspection-plans/{id}/transitions", tag = TAG, operation_id = "transition_inspection_plan",
    params(IdPath, IfMatchOptional), request_body = PlanAction, security(("bearer" = [INSPECTIONS_WRITE])),
    responses(
        (status = 200, description = "Moved; the plan and the move.", body = InspectionPlanMoved),
        (status = 403, description = "The caller's agency may not take this action (`not_lead_agency`, `inspectorate_only`).", body = Problem),
        (status = 404, description = "No such plan.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`, with `allowed_actions`), or an overlap is open (`unresolved_overlap`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
        (status = 422, description = "A required field is missing (`required`: `decision`, `reason`) or the plan lists nothing (`empty_plan`).", body = Problem),
    ))]
pub async fn transition(
    call: Call,
    id: web::Path<IdPath>,
    body: ValidJson<PlanAction>,
    rules: web::Data<OverlapRules>,
) -> Reply {
    let (id, action, rules) = (id.into_inner().of(ENTITY)?, body.0, *rules.into_inner());
    call.transition(move |c, actor, writer, expected| {
        let (plan, transition) = store::transition(c, actor, writer, &id, &action, expected, &rules)?;
        Ok(InspectionPlanMoved { plan, transition })
    })
    .await
}

/// Lists the moves a plan went through, oldest first.
#[utoipa::path(get, path = "/api/v1/inspection-plans/{id}/transitions", tag = TAG, operation_id = "list_inspection_plan_transitions",
    params(IdPath, PageQuery), responses(Moves), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn transitions(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}

/// Lists the changes to one plan.
#[utoipa::path(get, path = "/api/v1/inspection-plans/{id}/history", tag = TAG, operation_id = "get_inspection_plan_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}
