//! Annual inspection plans: recorded and replaced by their agency, moved through their
//! lifecycle, checked against the other agencies' plans when submitted.

use diesel::prelude::*;
use tdc_directory::api::check_agency_codes;
use tdc_kernel::ApiError;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::{RecordMeta, rows};
use tdc_kernel::text::{clean, clean_opt};
use tdc_kernel::versions::{Expected, check_version};

use super::{items, overlaps};
use crate::model::{InspectionPlan, InspectionPlanInput, PlanAction, PlanActionName, PlanListQuery};
use crate::rules::{EDITABLE, OverlapRules, PLAN_LIFECYCLE};
use crate::schema::{inspection_plan_items, inspection_plans as plans};

/// The entity name of plans in history, transitions and the change feed.
pub const ENTITY: &str = "inspection_plan";

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = plans, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(crate) struct PlanRow {
    pub id: String,
    pub year: i32,
    pub title: String,
    pub legal_basis: String,
    pub origin: Option<String>,
    pub state: String,
    pub decision: Option<String>,
    pub item_count: i32,
    pub lead_agency: String,
    pub coordinating: String,
    pub sharing: String,
    pub version: i32,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

impl PlanRow {
    pub(crate) fn access(&self) -> Access {
        Access::from_columns(&self.lead_agency, &self.sharing, &self.coordinating)
    }

    fn to_api(&self, open_overlaps: Vec<String>) -> InspectionPlan {
        InspectionPlan {
            record: RecordMeta::of(&self.id, self.access(), self.version, self.created_at, self.updated_at),
            year: self.year,
            title: self.title.clone(),
            legal_basis: self.legal_basis.clone(),
            origin: self.origin.clone(),
            state: stored(&self.state),
            next_actions: PLAN_LIFECYCLE.actions_from(&self.state),
            decision: self.decision.as_deref().and_then(|d| serde_json::from_str(d).ok()),
            item_count: self.item_count,
            open_overlaps,
        }
    }

    fn fill(&mut self, input: &InspectionPlanInput, lead: String) {
        self.year = input.year;
        self.title = clean(&input.title);
        self.legal_basis = clean(&input.legal_basis);
        self.origin = clean_opt(input.origin.as_deref());
        self.lead_agency = lead;
        self.coordinating = Access::coordinating_column(&input.coordinating_agencies);
    }
}

/// Plan `id` (every agency may read it), or 404.
pub(crate) fn load(conn: &mut AnyConnection, id: &str) -> Result<PlanRow, ApiError> {
    let row: Option<PlanRow> = plans::table.find(id).select(PlanRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no inspection plan {id}")))
}

/// Records a plan, in `draft`, led by the caller's agency, with its items (checked).
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &InspectionPlanInput,
) -> Result<InspectionPlan, ApiError> {
    let lead = access::lead_for(writer, input.lead_agency.as_deref())?;
    check_agency_codes(conn, &lead, &input.coordinating_agencies, "")?;
    let mut row = PlanRow { sharing: "shared".into(), state: "draft".into(), ..rows::fresh() };
    row.fill(input, lead);
    let checked = items::checked(conn, &row.id, row.year, &input.items, &Default::default())?;
    row.item_count = i32::try_from(checked.len()).unwrap_or(i32::MAX);
    let row = rows::create(conn, actor, row, "/title", "this agency has a plan with this title for this year")?;
    items::replace(conn, &row.id, &checked)?;
    Ok(row.to_api(vec![]))
}

/// Replaces a `draft` or `amended` plan's content and items, at a version `expected` accepts.
pub fn update(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    input: &InspectionPlanInput,
    expected: Expected,
) -> Result<InspectionPlan, ApiError> {
    let existing = load(conn, id)?;
    access::require_lead(writer, &existing.access())?;
    check_version(&expected, existing.version)?;
    if !EDITABLE.contains(&existing.state.as_str()) {
        let detail =
            format!("the plan is {}; amend it first (only a draft or an amended plan changes)", existing.state);
        return Err(ApiError::conflict("plan_not_editable", detail));
    }
    let lead = match input.lead_agency.as_deref() {
        None => existing.lead_agency.clone(),
        Some(l) if l == existing.lead_agency => existing.lead_agency.clone(),
        requested => access::lead_for(writer, requested)?,
    };
    check_agency_codes(conn, &lead, &input.coordinating_agencies, "")?;
    let held = overlaps::held_items(conn, id)?;
    let checked = items::checked(conn, id, input.year, &input.items, &held)?;
    let mut row = existing.clone();
    row.fill(input, lead);
    title_free(conn, &row)?;
    row.item_count = items::replace(conn, id, &checked)?;
    rows::save(conn, actor, "updated", &existing, &mut row)?;
    get(conn, id)
}

/// 409 `duplicate_key` when another plan of the row's agency and year has its title.
fn title_free(conn: &mut AnyConnection, row: &PlanRow) -> Result<(), ApiError> {
    let same = plans::table
        .filter(plans::lead_agency.eq(&row.lead_agency))
        .filter(plans::year.eq(row.year))
        .filter(plans::title.eq(&row.title))
        .filter(plans::id.ne(&row.id));
    let taken: i64 = same.count().get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::duplicate("/title", "this agency has a plan with this title for this year"));
    }
    Ok(())
}

/// One plan, with its open overlaps.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<InspectionPlan, ApiError> {
    let row = load(conn, id)?;
    let mut open = overlaps::open_by_plan(conn, std::slice::from_ref(&row.id))?;
    Ok(row.to_api(open.remove(&row.id).unwrap_or_default()))
}

/// A page of plans by id, each with its open overlaps; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &PlanListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<InspectionPlan>, ApiError> {
    let mut query = plans::table.select(PlanRow::as_select()).order(plans::id.asc()).into_boxed();
    if let Some(agency) = &filter.agency {
        query = query.filter(plans::lead_agency.eq(agency.clone()));
    }
    if let Some(year) = filter.year {
        query = query.filter(plans::year.eq(year));
    }
    if let Some(state) = filter.state {
        query = query.filter(plans::state.eq(name_of(state)));
    }
    if let Some(tax_code) = &filter.tax_code {
        let listing = inspection_plan_items::table.filter(inspection_plan_items::tax_code.eq(tax_code.clone()));
        query = query.filter(plans::id.eq_any(listing.select(inspection_plan_items::plan_id)));
    }
    if let Some(open) = filter.open_overlaps {
        let with_open = overlaps::plans_with_open();
        query = if open { query.filter(with_open) } else { query.filter(diesel::dsl::not(with_open)) };
    }
    if let Some(after) = after {
        query = query.filter(plans::id.gt(after));
    }
    let rows: Vec<PlanRow> = query.limit(limit + 1).load(conn)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut open = overlaps::open_by_plan(conn, &ids)?;
    Ok(rows.iter().map(|r| r.to_api(open.remove(&r.id).unwrap_or_default())).collect())
}

/// Takes a lifecycle action on a plan: `submit` opens an overlap case for each business another
/// agency plans in an overlapping period or has inspected lately (`rules`); `approve` is refused while one is open; `withdraw`
/// closes them.
pub fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    action: &PlanAction,
    expected: Option<Expected>,
    rules: &OverlapRules,
) -> Result<(InspectionPlan, Transition), ApiError> {
    let existing = load(conn, id)?;
    if let Some(expected) = &expected {
        check_version(expected, existing.version)?;
    }
    let name = name_of(action.action);
    let to = PLAN_LIFECYCLE.step(&existing.state, &name, &Mover::of(conn, writer, &existing.lead_agency)?)?;
    let mut row = existing.clone();
    row.state = to.into();
    prepare(conn, &existing, action, &mut row)?;
    rows::save(conn, actor, &name, &existing, &mut row)?;
    match action.action {
        PlanActionName::Submit => overlaps::detect(conn, actor, &row, rules)?,
        PlanActionName::Withdraw => overlaps::close_for_withdrawn(conn, actor, &row.id)?,
        _ => {}
    }
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: &existing.state, to };
    let logged = lifecycle::record(conn, actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    Ok((get(conn, id)?, logged))
}

/// What an action needs before it is taken: a plan with items to submit, a decision and no open
/// overlap to approve, a reason to amend or withdraw.
fn prepare(conn: &mut AnyConnection, plan: &PlanRow, action: &PlanAction, row: &mut PlanRow) -> Result<(), ApiError> {
    match action.action {
        PlanActionName::Submit if plan.item_count == 0 => Err(ApiError::invalid_field(
            "/items",
            "empty_plan",
            "a plan lists at least one item before it is submitted",
        )),
        PlanActionName::Approve => {
            let decision = action.decision.as_ref().ok_or_else(|| {
                ApiError::invalid_field("/decision", "required", "give the approving decision's number and date")
            })?;
            let open =
                overlaps::open_by_plan(conn, std::slice::from_ref(&plan.id))?.remove(&plan.id).unwrap_or_default();
            if !open.is_empty() {
                let detail = format!("the inspectorate has not resolved the plan's overlaps: {}", open.join(", "));
                return Err(ApiError::conflict("unresolved_overlap", detail));
            }
            row.decision = serde_json::to_string(decision).ok();
            Ok(())
        }
        PlanActionName::Amend | PlanActionName::Withdraw if action.reason.is_none() => {
            Err(ApiError::invalid_field("/reason", "required", "say why"))
        }
        _ => Ok(()),
    }
}

/// Records that one of plan `plan_id`'s items moved to another period (the inspectorate's
/// rescheduling): the plan's next version.
pub(crate) fn record_rescheduled(conn: &mut AnyConnection, actor: &Actor, plan_id: &str) -> Result<(), ApiError> {
    let existing = load(conn, plan_id)?;
    let mut row = existing.clone();
    rows::save(conn, actor, "rescheduled", &existing, &mut row)
}

tdc_kernel::recorded!(PlanRow, ENTITY, |row| row.to_api(vec![]));
tdc_kernel::stored!(PlanRow, plans);

/// A page of plan `id`'s items in plan order; fetches `limit + 1` rows.
pub fn items_page(
    conn: &mut AnyConnection,
    reader: &Reader,
    id: &str,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<crate::model::PlanItem>, ApiError> {
    let plan = load(conn, id)?;
    items::page(conn, reader, id, plan.version, after, limit)
}
