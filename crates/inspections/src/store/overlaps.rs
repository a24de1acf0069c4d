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
use tdc_kernel::resource::rows;
use tdc_kernel::versions::{Expected, check_version};
use tdc_kernel::{ApiError, FieldError};

use super::inspections::{concluded_on, concluded_since};
use super::items::{self, ItemRow};
use super::plans::{self, PlanRow};
use crate::model::{Overlap, OverlapListQuery, OverlapResolution, ResolutionKind};
use crate::rules::{OverlapRules, PLANNED, overlap};
use crate::schema::{inspection_overlaps as cases, inspection_plan_items as plan_items, inspection_plans};

/// The entity name of overlap cases in history and the change feed.
pub const ENTITY: &str = "inspection_overlap";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = cases, treat_none_as_null = true, treat_none_as_default_value = false)]
    pub(crate) struct CaseRow {
        id: String,
        tax_code: String,
        plan_id: String,
        item_id: String,
        agency: String,
        other_plan_id: Option<String>,
        other_item_id: Option<String>,
        inspection_id: Option<String>,
        other_agency: String,
        overlap_from: NaiveDate,
        overlap_to: NaiveDate,
        status: String,
        resolution: Option<String>,
        joint_lead: Option<String>,
        justification: Option<String>,
        resolved_by: Option<String>,
    }
}

impl CaseRow {
    fn to_api(&self) -> Overlap {
        Overlap {
            record: self.meta(),
            tax_code: self.tax_code.clone(),
            plan_id: self.plan_id.clone(),
            item_id: self.item_id.clone(),
            agency: self.agency.clone(),
            other_plan_id: self.other_plan_id.clone(),
            other_item_id: self.other_item_id.clone(),
            inspection_id: self.inspection_id.clone(),
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
        self.plan_id == plan_id || self.other_plan_id.as_deref() == Some(plan_id)
    }

    /// The other side, as a key: its plan's id, or `inspection:` and the inspection's id.
    fn other_side(&self, plan_id: &str) -> String {
        match (&self.other_plan_id, &self.inspection_id) {
            _ if self.plan_id != plan_id => self.plan_id.clone(),
            (Some(plan), _) => plan.clone(),
            (None, inspection) => format!("inspection:{}", inspection.as_deref().unwrap_or_default()),
        }
    }
}

fn open_involving(plan_ids: &[String]) -> Condition<cases::table> {
    Box::new(cases::status.eq("open").and(
        cases::plan_id.eq_any(plan_ids.to_vec()).or(cases::other_plan_id.assume_not_null().eq_any(plan_ids.to_vec())),
    ))
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
        inspection_plans::id.eq_any(open.select(cases::plan_id)).or(inspection_plans::id
            .eq_any(open.filter(cases::other_plan_id.is_not_null()).select(cases::other_plan_id.assume_not_null()))),
    )
}

/// The items of plan `plan_id` that open cases pin (their business and period must stay), by id.
pub(crate) fn held_items(conn: &mut AnyConnection, plan_id: &str) -> Result<HashMap<String, ItemRow>, ApiError> {
    let open: Vec<CaseRow> =
        cases::table.filter(open_involving(&[plan_id.to_owned()])).select(CaseRow::as_select()).load(conn)?;
    let mut held = HashMap::new();
    for case in open {
        let id = if case.plan_id == plan_id { Some(case.item_id) } else { case.other_item_id };
        if let Some(item) = id.as_deref().map(|id| items::find(conn, id)).transpose()?.flatten() {
            held.insert(item.id.clone(), item);
        }
    }
    Ok(held)
}

/// An overlap found: this plan's item, the business, the other side and its agency, the days.
struct Found {
    item_id: String,
    tax_code: String,
    other: Other,
    other_agency: String,
    days: (NaiveDate, NaiveDate),
}

/// The other side of an overlap.
enum Other {
    /// Another agency's plan and its item.
    Plan(String, String),
    /// An inspection another agency concluded lately.
    Inspection(String),
}

impl Found {
    fn into_case(self, plan: &PlanRow, lead: &str) -> CaseRow {
        let (other_plan_id, other_item_id, inspection_id) = match self.other {
            Other::Plan(plan, item) => (Some(plan), Some(item), None),
            Other::Inspection(id) => (None, None, Some(id)),
        };
        CaseRow {
            tax_code: self.tax_code,
            plan_id: plan.id.clone(),
            item_id: self.item_id,
            agency: plan.lead_agency.clone(),
            coordinating: Access::coordinating_column(&[plan.lead_agency.clone(), self.other_agency.clone()]),
            other_agency: self.other_agency,
            other_plan_id,
            other_item_id,
            inspection_id,
            overlap_from: self.days.0,
            overlap_to: self.days.1,
            status: "open".into(),
            lead_agency: lead.to_owned(),
            sharing: "shared".into(),
            ..rows::fresh()
        }
    }
}

/// Opens a case for each business that `plan` (just submitted) lists and that another agency's
/// planned plan lists in an overlapping period, or that another agency concluded an inspection of
/// within `rules.recent_months` before the planned period — one case per business and other side,
/// unless one is open, or resolved by a joint inspection or by keeping both (those decisions
/// stand); items rescheduled apart that overlap again get a new case. The inspectorate (else DOST)
/// leads the cases.
pub(crate) fn detect(
    conn: &mut AnyConnection,
    actor: &Actor,
    plan: &PlanRow,
    rules: &OverlapRules,
) -> Result<(), ApiError> {
    let mine = plan_items::table.filter(plan_items::plan_id.eq(&plan.id)).filter(plan_items::tax_code.is_not_null());
    let mine: Vec<ItemRow> = mine.select(ItemRow::as_select()).load(conn)?;
    let mut known = known_pairs(conn, &plan.id)?;
    let mut found = planned_twice(conn, plan, &mine)?;
    found.extend(inspected_lately(conn, plan, &mine, rules)?);
    let lead = first_agency_of_kind(conn, AgencyKind::Inspectorate)?.or(first_agency_of_kind(conn, AgencyKind::Dost)?);
    let lead = lead.unwrap_or_else(|| plan.lead_agency.clone());
    for found in found {
        let other = match &found.other {
            Other::Plan(plan, _) => plan.clone(),
            Other::Inspection(id) => format!("inspection:{id}"),
        };
        if known.insert((found.tax_code.clone(), other)) {
            rows::create(conn, actor, found.into_case(plan, &lead), "", "this overlap is recorded")?;
        }
    }
    Ok(())
}

/// The other agencies' planned items naming the same businesses as `mine` in overlapping periods.
fn planned_twice(conn: &mut AnyConnection, plan: &PlanRow, mine: &[ItemRow]) -> Result<Vec<Found>, ApiError> {
    let codes: Vec<String> = mine.iter().filter_map(|i| i.tax_code.clone()).collect();
    let theirs: Vec<(ItemRow, String)> = plan_items::table
        .inner_join(inspection_plans::table.on(inspection_plans::id.eq(plan_items::plan_id)))
        .filter(plan_items::tax_code.eq_any(&codes))
        .filter(inspection_plans::state.eq_any(PLANNED))
        .filter(inspection_plans::lead_agency.ne(&plan.lead_agency))
        .select((ItemRow::as_select(), inspection_plans::lead_agency))
        .load(conn)?;
    let mut found = Vec::new();
    for item in mine {
        for (other, agency) in theirs.iter().filter(|(other, _)| other.tax_code == item.tax_code) {
            if let Some(days) = overlap((item.period_from, item.period_to), (other.period_from, other.period_to)) {
                found.push(Found {
                    item_id: item.id.clone(),
                    tax_code: item.tax_code.clone().unwrap_or_default(),
                    other: Other::Plan(other.plan_id.clone(), other.id.clone()),
                    other_agency: agency.clone(),
                    days,
                });
            }
        }
    }
    Ok(found)
}

/// The inspections other agencies concluded of the businesses `mine` names within the configured
/// months before each item's period (none when the check is off).
fn inspected_lately(
    conn: &mut AnyConnection,
    plan: &PlanRow,
    mine: &[ItemRow],
    rules: &OverlapRules,
) -> Result<Vec<Found>, ApiError> {
    let Some(since) = mine.iter().map(|i| rules.recent_since(i.period_from)).min().filter(|_| rules.recent_months > 0)
    else {
        return Ok(vec![]);
    };
    let codes: Vec<String> = mine.iter().filter_map(|i| i.tax_code.clone()).collect();
    let mut found = Vec::new();
    for (tax, id, agency, from, to, concluded) in concluded_since(conn, &codes, &plan.lead_agency, since)? {
        for item in mine.iter().filter(|i| i.tax_code == tax) {
            if concluded.is_some_and(|c| c >= rules.recent_since(item.period_from) && c <= item.period_from) {
                let (tax_code, other) = (tax.clone().unwrap_or_default(), Other::Inspection(id.clone()));
                found.push(Found {
                    item_id: item.id.clone(),
                    tax_code,
                    other,
                    other_agency: agency.clone(),
                    days: (from, to),
                });
            }
        }
    }
    Ok(found)
}

/// The (business, other plan) pairs of plan `plan_id` that a case covers: open, or resolved by a
/// decision that stands.
fn known_pairs(conn: &mut AnyConnection, plan_id: &str) -> Result<HashSet<(String, String)>, ApiError> {
    let standing = cases::status.eq("open").or(cases::resolution.eq_any(["joint", "kept_both"]));
    let involving = cases::table
        .filter(cases::plan_id.eq(plan_id).or(cases::other_plan_id.assume_not_null().eq(plan_id)))
        .filter(standing);
    let found: Vec<CaseRow> = involving.select(CaseRow::as_select()).load(conn)?;
    Ok(found.iter().map(|c| (c.tax_code.clone(), c.other_side(plan_id))).collect())
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

/// Cases about a business `reader` may not see are left out (the inspectorate leading them
/// keeps seeing them).
fn readable(reader: &Reader) -> Option<Condition<cases::table>> {
    tdc_directory::api::business_visible(reader, "inspection_overlaps.tax_code", "inspection_overlaps.lead_agency")
}

fn load(conn: &mut AnyConnection, id: &str) -> Result<CaseRow, ApiError> {
    let row: Option<CaseRow> = cases::table.find(id).select(CaseRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no overlap case {id}")))
}

/// One case the reader may see.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<Overlap, ApiError> {
    let mut query = cases::table.find(id).select(CaseRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<CaseRow> = query.first(conn).optional()?;
    row.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no overlap case {id}")))
}

/// A page of the cases the reader may see, by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &OverlapListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Overlap>, ApiError> {
    let mut query = cases::table.select(CaseRow::as_select()).order(cases::id.asc()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let Some(plan) = &filter.plan_id {
        query =
            query.filter(cases::plan_id.eq(plan.clone()).or(cases::other_plan_id.assume_not_null().eq(plan.clone())));
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
    rules: &OverlapRules,
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
        ResolutionKind::Joint if existing.inspection_id.is_some() => {
            let message = "the other side is a concluded inspection: reschedule the item or keep both";
            return Err(ApiError::invalid_field("/resolution", "past_inspection", message));
        }
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
            reschedule(conn, actor, &existing, input, rules)?;
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

/// Moves one of the case's two items to a period that no longer overlaps the other's (or, after a
/// recent inspection, that begins more than the configured months after it was concluded),
/// within its plan's year; its plan records the change.
fn reschedule(
    conn: &mut AnyConnection,
    actor: &Actor,
    case: &CaseRow,
    input: &OverlapResolution,
    rules: &OverlapRules,
) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    let moved = input.item_id.as_deref().filter(|i| *i == case.item_id || Some(*i) == case.other_item_id.as_deref());
    if moved.is_none() {
        errors.push(FieldError::new("/item_id", "not_a_party", "name one of the case's two items"));
    }
    let (Some(from), Some(to)) = (input.period_from, input.period_to) else {
        errors.push(FieldError::new("/period_from", "required", "give the new period_from and period_to"));
        return Err(ApiError::Invalid(errors));
    };
    let Some(moved) = moved else { return Err(ApiError::Invalid(errors)) };
    let other = if moved == case.item_id { case.other_item_id.as_deref() } else { Some(case.item_id.as_str()) };
    let item = items::find(conn, moved)?
        .ok_or_else(|| ApiError::conflict("item_gone", "the item is no longer in its plan"))?;
    let plan = plans::load(conn, &item.plan_id)?;
    use chrono::Datelike;
    if to < from || from.year() != plan.year || to.year() != plan.year {
        let message = format!("a period within {} whose last day is not before its first", plan.year);
        return Err(ApiError::invalid_field("/period_to", "invalid_period", message));
    }
    if let Some(other) = other.map(|o| items::find(conn, o)).transpose()?.flatten()
        && overlap((from, to), (other.period_from, other.period_to)).is_some()
    {
        let message = format!("the other agency plans it {} to {}", other.period_from, other.period_to);
        return Err(ApiError::invalid_field("/period_from", "still_overlaps", message));
    }
    if let Some(inspection) = &case.inspection_id
        && let Some(concluded) = concluded_on(conn, inspection)?
        && rules.recent_since(from) <= concluded
    {
        let message = format!(
            "{} concluded an inspection on {concluded}; begin more than {} months later",
            case.other_agency, rules.recent_months
        );
        return Err(ApiError::invalid_field("/period_from", "still_overlaps", message));
    }
    items::move_to(conn, moved, from, to)?;
    plans::record_rescheduled(conn, actor, &item.plan_id)
}

tdc_kernel::recorded!(CaseRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(CaseRow, cases);
