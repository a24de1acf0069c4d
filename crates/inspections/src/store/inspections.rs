//! Inspections in the database: decided by their lead agency, moved through their lifecycle,
//! restricted to their lead and members until concluded.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::{json, parsed};
use tdc_directory::api::check_agency_codes;
use tdc_kernel::ApiError;
use tdc_kernel::access::{self, Access, Coordinated, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::{RecordMeta, rows};
use tdc_kernel::versions::{Expected, check_version};

use super::inspection_checks::{check, check_move};
use crate::model::{Inspection, InspectionAction, InspectionActionName, InspectionInput, InspectionListQuery};
use crate::rules::INSPECTION_LIFECYCLE;
use crate::schema::inspections;

/// The entity name of inspections in history, transitions and the change feed.
pub const ENTITY: &str = "inspection";

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = inspections, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(crate) struct InspectionRow {
    pub id: String,
    pub kind: String,
    pub origin: String,
    pub plan_item_id: Option<String>,
    pub overlap_id: Option<String>,
    pub trigger_ref: Option<String>,
    pub tax_code: Option<String>,
    pub category_code: Option<String>,
    pub commune_code: Option<String>,
    pub products: String,
    pub e_commerce: Option<String>,
    pub decision: String,
    pub team: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub state: String,
    pub samples: String,
    pub findings: Option<String>,
    pub conclusion: Option<String>,
    pub concluded_on: Option<NaiveDate>,
    pub documents: String,
    pub lead_agency: String,
    pub coordinating: String,
    pub sharing: String,
    pub version: i32,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

impl InspectionRow {
    pub(crate) fn access(&self) -> Access {
        Access::from_columns(&self.lead_agency, &self.sharing, &self.coordinating)
    }

    fn to_api(&self) -> Inspection {
        Inspection {
            record: RecordMeta::of(&self.id, self.access(), self.version, self.created_at, self.updated_at),
            kind: stored(&self.kind),
            origin: stored(&self.origin),
            plan_item_id: self.plan_item_id.clone(),
            overlap_id: self.overlap_id.clone(),
            trigger_ref: self.trigger_ref.clone(),
            tax_code: self.tax_code.clone(),
            category_code: self.category_code.clone(),
            commune_code: self.commune_code.clone(),
            products: parsed(&self.products),
            e_commerce: self.e_commerce.as_deref().map(parsed),
            decision: parsed(&self.decision),
            team: parsed(&self.team),
            period_from: self.period_from,
            period_to: self.period_to,
            state: stored(&self.state),
            next_actions: INSPECTION_LIFECYCLE.actions_from(&self.state),
            samples: parsed(&self.samples),
            findings: self.findings.clone(),
            conclusion: self.conclusion.as_deref().map(parsed),
            documents: parsed(&self.documents),
        }
    }

    /// What history and the feed keep: the inspection without its team's names.
    fn snapshot(&self) -> Inspection {
        Inspection { team: vec![], ..self.to_api() }
    }

    fn fill(&mut self, input: &InspectionInput, lead: String, members: &[String]) {
        self.kind = name_of(input.kind);
        self.origin = name_of(input.origin);
        self.plan_item_id = input.plan_item_id.clone();
        self.overlap_id = input.overlap_id.clone();
        self.trigger_ref = tdc_kernel::text::clean_opt(input.trigger_ref.as_deref());
        self.tax_code = input.tax_code.clone();
        self.category_code = input.category_code.clone();
        self.commune_code = input.commune_code.clone();
        self.products = json(&input.products);
        self.e_commerce = input.e_commerce.as_ref().map(json);
        self.decision = json(&input.decision);
        self.team = json(&input.team);
        self.period_from = input.period_from;
        self.period_to = input.period_to;
        self.lead_agency = lead;
        self.coordinating = Access::coordinating_column(members);
    }
}

/// Records an inspection, `decided`, led by the caller's agency and restricted to it and its
/// members until concluded.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &InspectionInput,
) -> Result<Inspection, ApiError> {
    let lead = access::lead_for(writer, input.lead_agency.as_deref())?;
    let members = check(conn, input, &lead)?;
    check_agency_codes(conn, &lead, &members, "")?;
    let empty = || "[]".to_owned();
    let mut row = InspectionRow {
        sharing: "restricted".into(),
        state: "decided".into(),
        samples: empty(),
        documents: empty(),
        ..rows::fresh()
    };
    row.fill(input, lead, &members);
    load_past(conn, &mut row, input)?;
    let row = rows::create(conn, actor, row, "", "this inspection is recorded")?;
    Ok(row.to_api())
}

/// A past inspection loaded with its samples, findings or conclusion: `in_progress`, or
/// `concluded` (checked as `conclude` is) and then shared unless its business is restricted.
fn load_past(conn: &mut AnyConnection, row: &mut InspectionRow, input: &InspectionInput) -> Result<(), ApiError> {
    if input.conclusion.is_none() && input.samples.is_empty() && input.findings.is_none() {
        return Ok(());
    }
    let action = InspectionAction {
        action: if input.conclusion.is_some() {
            InspectionActionName::Conclude
        } else {
            InspectionActionName::RecordFindings
        },
        samples: Some(input.samples.clone()),
        findings: input.findings.clone(),
        conclusion: input.conclusion.clone(),
        documents: vec![],
        reason: None,
    };
    check_move(row, &action)?;
    apply(row, &action);
    row.state = if input.conclusion.is_some() { "concluded" } else { "in_progress" }.into();
    if row.sharing == "shared" && !business_shared(conn, row.tax_code.as_deref())? {
        row.sharing = "restricted".into();
    }
    Ok(())
}

fn readable(reader: &Reader) -> Option<access::Condition<inspections::table>> {
    access::visible(reader, Coordinated::Record(ENTITY, "inspections.id"))
}

fn load_visible(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<InspectionRow, ApiError> {
    let mut query = inspections::table.find(id).select(InspectionRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<InspectionRow> = query.first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no inspection {id}")))
}

/// One inspection, if the reader may see it.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<Inspection, ApiError> {
    load_visible(conn, reader, id).map(|r| r.to_api())
}

/// A page of the inspections the reader may see (keyset on id); fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &InspectionListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Inspection>, ApiError> {
    let mut query = inspections::table.select(InspectionRow::as_select()).order(inspections::id.asc()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let Some(agency) = &filter.agency {
        query = query.filter(inspections::lead_agency.eq(agency.clone()));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(inspections::kind.eq(name_of(kind)));
    }
    if let Some(state) = filter.state {
        query = query.filter(inspections::state.eq(name_of(state)));
    }
    if let Some(tax_code) = &filter.tax_code {
        query = query.filter(inspections::tax_code.eq(tax_code.clone()));
    }
    if let Some(gtin) = &filter.gtin {
        if !gtin.bytes().all(|b| b.is_ascii_digit()) {
            let message = "a GTIN is digits";
            let errors = vec![tdc_kernel::FieldError::new("/query/gtin", "invalid_parameter", message)];
            return Err(ApiError::Malformed { detail: message.into(), errors });
        }
        query = query.filter(inspections::products.like(format!("%\"gtin\":\"{gtin}\"%")));
    }
    if let Some(commune) = &filter.commune_code {
        let codes = tdc_directory::api::unit_codes_resolving_to(conn, commune)?;
        query = query.filter(inspections::commune_code.eq_any(codes));
    }
    if let Some(from) = filter.from {
        query = query.filter(inspections::period_to.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(inspections::period_from.le(to));
    }
    if let Some(after) = after {
        query = query.filter(inspections::id.gt(after));
    }
    let rows: Vec<InspectionRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(InspectionRow::to_api).collect())
}

/// Takes a lifecycle action on an inspection its writer may see (404 otherwise).
pub fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    action: &InspectionAction,
    expected: Option<Expected>,
) -> Result<(Inspection, Transition), ApiError> {
    let existing = load_visible(conn, writer, id)?;
    if let Some(expected) = &expected {
        check_version(expected, existing.version)?;
    }
    let name = name_of(action.action);
    let to = INSPECTION_LIFECYCLE.step(&existing.state, &name, &Mover::of(conn, writer, &existing.lead_agency)?)?;
    check_move(&existing, action)?;
    let mut row = existing.clone();
    row.state = to.into();
    apply(&mut row, action);
    if row.sharing == "shared" && existing.sharing == "restricted" && !business_shared(conn, row.tax_code.as_deref())? {
        row.sharing = "restricted".into();
    }
    rows::save(conn, actor, &name, &existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: &existing.state, to };
    let logged = lifecycle::record(conn, actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    Ok((row.to_api(), logged))
}

/// Whether the business an inspection names (if any) is readable beyond its own readers: a
/// concluded inspection of a restricted business stays restricted to its lead and members.
fn business_shared(conn: &mut AnyConnection, tax_code: Option<&str>) -> Result<bool, ApiError> {
    let Some(tax_code) = tax_code else { return Ok(true) };
    let access = tdc_directory::api::business_access(conn, tax_code)?;
    Ok(access.is_none_or(|a| a.sharing != tdc_kernel::access::Sharing::Restricted))
}

/// What a (checked) action changes: the findings, the conclusion (the inspection becomes shared
/// with every agency), the documents filed.
fn apply(row: &mut InspectionRow, action: &InspectionAction) {
    if let Some(samples) = &action.samples {
        row.samples = json(samples);
    }
    if let Some(findings) = &action.findings {
        row.findings = Some(tdc_kernel::text::clean(findings));
    }
    if action.action == InspectionActionName::Conclude
        && let Some(conclusion) = &action.conclusion
    {
        row.conclusion = Some(json(conclusion));
        row.concluded_on = Some(conclusion.concluded_on);
        row.sharing = "shared".into();
    }
    if !action.documents.is_empty() {
        let mut documents: Vec<crate::model::InspectionDocument> = parsed(&row.documents);
        documents.extend(action.documents.iter().cloned());
        row.documents = json(&documents);
    }
}

/// A concluded inspection as overlap detection sees it: `(tax code, id, lead agency, first day,
/// last day, concluded on)`.
pub(crate) type Concluded = (Option<String>, String, String, NaiveDate, NaiveDate, Option<NaiveDate>);

/// The concluded inspections of these businesses by other agencies than `agency`, concluded on or
/// after `since`.
pub(crate) fn concluded_since(
    conn: &mut AnyConnection,
    tax_codes: &[String],
    agency: &str,
    since: NaiveDate,
) -> Result<Vec<Concluded>, ApiError> {
    Ok(inspections::table
        .filter(inspections::tax_code.eq_any(tax_codes))
        .filter(inspections::state.eq("concluded"))
        .filter(inspections::lead_agency.ne(agency))
        .filter(inspections::concluded_on.ge(since))
        .select((
            inspections::tax_code,
            inspections::id,
            inspections::lead_agency,
            inspections::period_from,
            inspections::period_to,
            inspections::concluded_on,
        ))
        .load(conn)?)
}

/// When inspection `id` was concluded, if it was.
pub(crate) fn concluded_on(conn: &mut AnyConnection, id: &str) -> Result<Option<NaiveDate>, ApiError> {
    let found = inspections::table.find(id).select(inspections::concluded_on).first(conn).optional()?;
    Ok(found.flatten())
}

tdc_kernel::recorded!(InspectionRow, ENTITY, |row| row.snapshot());
tdc_kernel::stored!(InspectionRow, inspections);
