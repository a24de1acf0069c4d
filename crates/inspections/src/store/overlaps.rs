//! Overlap cases: found when a plan is submitted, resolved by the provincial inspectorate,
//! closed when a plan is withdrawn.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;
use tdc_directory::api::first_agency_of_kind;
use tdc_directory::model::AgencyKind;
use tdc_kernel::access::{Access, Condition, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::Mover;
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::{RecordMeta, rows};
use tdc_kernel::versions::{Expected, check_version};
use tdc_kernel::{ApiError, FieldError};

use super::items::{self, ItemRow};
use super::plans::{self, PlanRow};
use crate::model::{Overlap, OverlapListQuery, OverlapResolution, ResolutionKind};
use crate::rules::{PLANNED, overlap};
use crate::schema::{inspection_overlaps as cases, inspection_plan_items as plan_items, inspection_plans};

/// The entity name of overlap cases in history and the change feed.
pub const ENTITY: &str = "inspection_overlap";

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = cases, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(crate) struct CaseRow {
    id: String,
    tax_code: String,
    plan_id: String,
    item_id: String,
    agency: String,
    other_plan_id: String,
    other_item_id: String,
    other_agency: String,
    overlap_from: NaiveDate,
    overlap_to: NaiveDate,
    status: String,
    resolution: Option<String>,
    joint_lead: Option<String>,
    justification: Option<String>,
    resolved_by: Option<String>,
    lead_agency: String,
    coordinating: String,
    sharing: String,
    version: i32,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

impl CaseRow {
    fn access(&self) -> Access {
        Access::from_columns(&self.lead_agency, &self.sharing, &self.coordinating)
    }

    fn to_api(&self) -> Overlap {
        Overlap {
            record: RecordMeta::of(&self.id, self.access(), self.version, self.created_at, self.updated_at),
            tax_code: self.tax_code.clone(),
            plan_id: self.plan_id.clone(),
            item_id: self.item_id.clone(),
            agency: self.agency.clone(),
            other_plan_id: self.other_plan_id.clone(),
            other_item_id: self.other_item_id.clone(),
            other_agency: self.other_agency.clone(),
            overlap_from: self.overlap_from,
            overlap_to: self.overlap_to,
            status: stored(&self.status),
            resolution: self.resolution.as_deref().map(stored),
            joint_lead: self.joint_lead.clone(),
            justification: self.justification.clone(),
            resolved_by: self.resolved_by.clone(),
        }
    }

    fn involves(&self, plan_id: &str) -> bool {
        self.plan_id == plan_id || self.other_plan_id == plan_id
    }
}

fn open_involving(plan_ids: &[String]) -> Condition<cases::table> {
    Box::new(
        cases::status
            .eq("open")
            .and(cases::plan_id.eq_any(plan_ids.to_vec()).or(cases::other_plan_id.eq_any(plan_ids.to_vec()))),
    )
}

/// The open cases of each of these plans (on either side), by plan id.
pub(crate) fn open_by_plan(
    conn: &mut AnyConnection,
    plan_ids: &[String],
) -> Result<HashMap<String, Vec<String>>, ApiError> {
    if plan_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let found: Vec<CaseRow> =
        cases::table.filter(open_involving(plan_ids)).order(cases::id.asc()).select(CaseRow::as_select()).load(conn)?;
    let mut open: HashMap<String, Vec<String>> = HashMap::new();
    for case in found {
        for plan in plan_ids.iter().filter(|p| case.involves(p)) {
            open.entry(plan.clone()).or_default().push(case.id.clone());
        }
    }
    Ok(open)
}

/// The condition keeping the plans with an open case.
pub(crate) fn plans_with_open() -> Condition<inspection_plans::table> {
    let open = cases::table.filter(cases::status.eq("open"));
    Box::new(
        inspection_plans::id
            .eq_any(open.select(cases::plan_id))
            .or(inspection_plans::id.eq_any(open.select(cases::other_plan_id))),
    )
}

/// The items of plan `plan_id` that open cases pin (their business and period must stay), by id.
pub(crate) fn held_items(conn: &mut AnyConnection, plan_id: &str) -> Result<HashMap<String, ItemRow>, ApiError> {
    let open: Vec<CaseRow> =
        cases::table.filter(open_involving(&[plan_id.to_owned()])).select(CaseRow::as_select()).load(conn)?;
    let mut held = HashMap::new();
    for case in open {
        let id = if case.plan_id == plan_id { case.item_id } else { case.other_item_id };
        if let Some(item) = items::find(conn, &id)? {
            held.insert(id, item);
        }
    }
    Ok(held)
}

/// One planned inspection of a business: its item, plan, agency and period.
type Planned = (String, String, String, NaiveDate, NaiveDate);

/// Opens a case for each business that `plan` (just submitted) and another agency's planned
/// plan both list in overlapping periods — one case per business and pair of plans, unless the
/// pair has one open, or resolved by a joint inspection or by keeping both (those decisions
/// stand); a pair rescheduled apart that overlaps again gets a new case.
pub(crate) fn detect(conn: &mut AnyConnection, actor: &Actor, plan: &PlanRow) -> Result<(), ApiError> {
    let mine = plan_items::table.filter(plan_items::plan_id.eq(&plan.id)).filter(plan_items::tax_code.is_not_null());
    let mine: Vec<ItemRow> = mine.select(ItemRow::as_select()).load(conn)?;
    let codes: Vec<String> = mine.iter().filter_map(|i| i.tax_code.clone()).collect();
    let theirs: Vec<(Option<String>, Planned)> = plan_items::table
        .inner_join(inspection_plans::table.on(inspection_plans::id.eq(plan_items::plan_id)))
        .filter(plan_items::tax_code.eq_any(&codes))
        .filter(inspection_plans::state.eq_any(PLANNED))
        .filter(inspection_plans::lead_agency.ne(&plan.lead_agency))
        .select((
            plan_items::tax_code,
            (
                plan_items::id,
                plan_items::plan_id,
                inspection_plans::lead_agency,
                plan_items::period_from,
                plan_items::period_to,
            ),
        ))
        .load(conn)?;
    let mut known = known_pairs(conn, &plan.id)?;
    let lead = first_agency_of_kind(conn, AgencyKind::Inspectorate)?.or(first_agency_of_kind(conn, AgencyKind::Dost)?);
    for item in &mine {
        let Some(tax_code) = &item.tax_code else { continue };
        for (_, (other_item, other_plan, other_agency, from, to)) in
            theirs.iter().filter(|(t, _)| t.as_ref() == Some(tax_code))
        {
            let Some((overlap_from, overlap_to)) = overlap((item.period_from, item.period_to), (*from, *to)) else {
                continue;
            };
            if !known.insert((tax_code.clone(), other_plan.clone())) {
                continue;
            }
            let case = CaseRow {
                tax_code: tax_code.clone(),
                plan_id: plan.id.clone(),
                item_id: item.id.clone(),
                agency: plan.lead_agency.clone(),
                other_plan_id: other_plan.clone(),
                other_item_id: other_item.clone(),
                other_agency: other_agency.clone(),
                overlap_from,
                overlap_to,
                status: "open".into(),
                lead_agency: lead.clone().unwrap_or_else(|| plan.lead_agency.clone()),
                coordinating: Access::coordinating_column(&[plan.lead_agency.clone(), other_agency.clone()]),
                sharing: "shared".into(),
                ..rows::fresh()
            };
            rows::create(conn, actor, case, "", "this overlap is recorded")?;
        }
    }
    Ok(())
}

/// The (business, other plan) pairs of plan `plan_id` that a case covers: open, or resolved by a
/// decision that stands.
fn known_pairs(conn: &mut AnyConnection, plan_id: &str) -> Result<HashSet<(String, String)>, ApiError> {
    let standing = cases::status.eq("open").or(cases::resolution.eq_any(["joint", "kept_both"]));
    let involving =
        cases::table.filter(cases::plan_id.eq(plan_id).or(cases::other_plan_id.eq(plan_id))).filter(standing);
    let found: Vec<CaseRow> = involving.select(CaseRow::as_select()).load(conn)?;
    let other = |c: &CaseRow| if c.plan_id == plan_id { c.other_plan_id.clone() } else { c.plan_id.clone() };
    Ok(found.iter().map(|c| (c.tax_code.clone(), other(c))).collect())
}

/// Closes the open cases of a withdrawn plan.
pub(crate) fn close_for_withdrawn(conn: &mut AnyConnection, actor: &Actor, plan_id: &str) -> Result<(), ApiError> {
    let open: Vec<CaseRow> =
        cases::table.filter(open_involving(&[plan_id.to_owned()])).select(CaseRow::as_select()).load(conn)?;
    for existing in open {
        let mut row = existing.clone();
        row.status = "resolved".into();
        row.resolution = Some("plan_withdrawn".into());
        row.resolved_by = Some(actor.agency_code.clone());
        rows::save(conn, actor, "close", &existing, &mut row)?;
    }
    Ok(())
}

fn load(conn: &mut AnyConnection, id: &str) -> Result<CaseRow, ApiError> {
    let row: Option<CaseRow> = cases::table.find(id).select(CaseRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no overlap case {id}")))
}

/// One case.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<Overlap, ApiError> {
    load(conn, id).map(|r| r.to_api())
}

/// A page of cases by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &OverlapListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Overlap>, ApiError> {
    let mut query = cases::table.select(CaseRow::as_select()).order(cases::id.asc()).into_boxed();
    if let Some(plan) = &filter.plan_id {
        query = query.filter(cases::plan_id.eq(plan.clone()).or(cases::other_plan_id.eq(plan.clone())));
    }
    if let Some(tax_code) = &filter.tax_code {
        query = query.filter(cases::tax_code.eq(tax_code.clone()));
    }
    if let Some(status) = filter.status {
        query = query.filter(cases::status.eq(name_of(status)));
    }
    if let Some(after) = after {
        query = query.filter(cases::id.gt(after));
    }
    let rows: Vec<CaseRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(CaseRow::to_api).collect())
}

/// The inspectorate's resolution of an open case (403 `inspectorate_only` for anyone else but
/// DOST's administrators; 409 `overlap_resolved` when it is resolved already).
pub fn resolve(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    input: &OverlapResolution,
    expected: Option<Expected>,
) -> Result<Overlap, ApiError> {
    let existing = load(conn, id)?;
    let mover = Mover::of(conn, writer, &existing.lead_agency)?;
    if !(mover.is_inspectorate || mover.admin) {
        let detail = "only the provincial inspectorate (or DOST's administrators) resolves overlaps";
        return Err(ApiError::Forbidden { code: "inspectorate_only", detail: detail.into() });
    }
    if let Some(expected) = &expected {
        check_version(expected, existing.version)?;
    }
    if existing.status != "open" {
        return Err(ApiError::conflict("overlap_resolved", format!("overlap case {id} is resolved already")));
    }
    let mut row = existing.clone();
    row.status = "resolved".into();
    row.resolved_by = Some(actor.agency_code.clone());
    row.justification = tdc_kernel::text::clean_opt(input.justification.as_deref());
    match input.resolution {
        ResolutionKind::Joint => {
            let lead = input.joint_lead.clone().filter(|l| *l == existing.agency || *l == existing.other_agency);
            row.joint_lead = Some(lead.ok_or_else(|| {
                ApiError::invalid_field(
                    "/joint_lead",
                    "not_a_party",
                    "the joint inspection is led by one of the two agencies",
                )
            })?);
            row.resolution = Some("joint".into());
        }
        ResolutionKind::Reschedule => {
            reschedule(conn, actor, &existing, input)?;
            row.resolution = Some("rescheduled".into());
        }
        ResolutionKind::KeepBoth if row.justification.is_none() => {
            return Err(ApiError::invalid_field("/justification", "required", "say why both inspections go ahead"));
        }
        ResolutionKind::KeepBoth => row.resolution = Some("kept_both".into()),
    }
    rows::save(conn, actor, "resolve", &existing, &mut row)?;
    Ok(row.to_api())
}

/// Moves one of the case's two items to a period that no longer overlaps the other's, within its
/// plan's year; its plan records the change.
fn reschedule(
    conn: &mut AnyConnection,
    actor: &Actor,
    case: &CaseRow,
    input: &OverlapResolution,
) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    let moved = input.item_id.as_deref().filter(|i| *i == case.item_id || *i == case.other_item_id);
    if moved.is_none() {
        errors.push(FieldError::new("/item_id", "not_a_party", "name one of the case's two items"));
    }
    let (Some(from), Some(to)) = (input.period_from, input.period_to) else {
        errors.push(FieldError::new("/period_from", "required", "give the new period_from and period_to"));
        return Err(ApiError::Invalid(errors));
    };
    let Some(moved) = moved else { return Err(ApiError::Invalid(errors)) };
    let other = if moved == case.item_id { &case.other_item_id } else { &case.item_id };
    let item = items::find(conn, moved)?
        .ok_or_else(|| ApiError::conflict("item_gone", "the item is no longer in its plan"))?;
    let plan = plans::load(conn, &item.plan_id)?;
    use chrono::Datelike;
    if to < from || from.year() != plan.year || to.year() != plan.year {
        let message = format!("a period within {} whose last day is not before its first", plan.year);
        return Err(ApiError::invalid_field("/period_to", "invalid_period", message));
    }
    if let Some(other) = items::find(conn, other)?
        && overlap((from, to), (other.period_from, other.period_to)).is_some()
    {
        let message = format!("the other agency plans it {} to {}", other.period_from, other.period_to);
        return Err(ApiError::invalid_field("/period_from", "still_overlaps", message));
    }
    items::move_to(conn, moved, from, to)?;
    plans::record_rescheduled(conn, actor, &item.plan_id)
}

tdc_kernel::recorded!(CaseRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(CaseRow, cases);
