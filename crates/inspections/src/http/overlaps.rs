//! `/api/v1/inspection-overlaps`: businesses planned by two agencies in overlapping periods, and
//! the inspectorate's resolutions.

use actix_web::web;
use tdc_kernel::Problem;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{History, Listed, Read};
use tdc_kernel::resource::{Call, IdPath, IfMatchOptional, Reply};

use crate::model::{Overlap, OverlapListQuery, OverlapPage, OverlapResolution};
use crate::rules::OverlapRules;
use crate::scopes::{INSPECTIONS_READ, INSPECTIONS_WRITE};
use crate::store::overlaps::{self as store, ENTITY};

const TAG: &str = "Inspection plans";

/// Lists overlap cases, oldest first.
#[utoipa::path(get, path = "/api/v1/inspection-overlaps", tag = TAG, operation_id = "list_inspection_overlaps",
    params(OverlapListQuery, PageQuery), responses(Listed<OverlapPage>), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn list(call: Call, q: Query<OverlapListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| OverlapPage { items, next_cursor }).await
}

/// Reads one overlap case.
#[utoipa::path(get, path = "/api/v1/inspection-overlaps/{id}", tag = TAG, operation_id = "get_inspection_overlap",
    params(IdPath), responses(Read<Overlap>), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// Resolves an open case (the provincial inspectorate): `joint` (one joint inspection led by
/// `joint_lead`), `reschedule` (`item_id` moves to `period_from`–`period_to`, clear of the other
/// item's period; its plan records the change) or `keep_both` (with a `justification`).
#[utoipa::path(post, path = "/api/v1/inspection-overlaps/{id}/resolution", tag = TAG, operation_id = "resolve_inspection_overlap",
    params(IdPath, IfMatchOptional), request_body = OverlapResolution, security(("bearer" = [INSPECTIONS_WRITE])),
    responses(
        (status = 200, description = "Resolved; the case.", body = Overlap),
        (status = 403, description = "Only the provincial inspectorate resolves overlaps (`inspectorate_only`).", body = Problem),
        (status = 404, description = "No such case.", body = Problem),
        (status = 409, description = "Resolved already (`overlap_resolved`), or the item left its plan (`item_gone`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
        (status = 422, description = "`joint_lead` or `item_id` is not a party (`not_a_party`), a joint inspection with a concluded one (`past_inspection`), the new period still overlaps (`still_overlaps`) or is not within the plan's year (`invalid_period`), a `justification` is missing (`required`).", body = Problem),
    ))]
pub async fn resolve(
    call: Call,
    id: web::Path<IdPath>,
    body: ValidJson<OverlapResolution>,
    rules: web::Data<OverlapRules>,
) -> Reply {
    let (id, input, rules) = (id.into_inner().of(ENTITY)?, body.0, *rules.into_inner());
    call.transition(move |c, actor, writer, expected| store::resolve(c, actor, writer, &id, &input, expected, &rules))
        .await
}

/// Lists the changes to one overlap case.
#[utoipa::path(get, path = "/api/v1/inspection-overlaps/{id}/history", tag = TAG, operation_id = "get_inspection_overlap_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}
