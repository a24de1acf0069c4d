//! Programs and plans in the database. Programs are shared with every authenticated agency; their
//! lead agency (DOST, as a rule) changes them, adds tasks and targets.

pub(crate) mod targets;
pub(crate) mod tasks;

pub use targets::{add_target, get_target, list_targets, report_actual};
pub(crate) use tasks::{add_regulation_task, settle_regulation_task};
pub use tasks::{add_task, list_tasks, update_task};

use crate::schema::programs;
use diesel::prelude::*;
use tdc_directory::api::check_agency_codes as check_codes;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::names::stored;
use tdc_kernel::resource::{RecordMeta, rows};
use tdc_kernel::versions::{Expected, check_version};
use tdc_kernel::{ApiError, FieldError};

use crate::model::{
    Program, ProgramAction, ProgramActionName, ProgramInput, ProgramKind, ProgramListQuery, ProgramProgress,
};
use crate::rules::PROGRAM_LIFECYCLE;
pub(crate) use tdc_kernel::names::name_of;

/// The entity name of programs in history, transitions and the change feed.
pub const ENTITY: &str = "program";

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = programs, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(crate) struct ProgramRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub start_year: i32,
    pub end_year: i32,
    pub description: Option<String>,
    pub lead_agency: String,
    pub coordinating: String,
    pub sharing: String,
    pub state: String,
    pub approval: Option<String>,
    pub search_text: String,
    pub version: i32,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

impl ProgramRow {
    pub(crate) fn access(&self) -> Access {
        Access::from_columns(&self.lead_agency, &self.sharing, &self.coordinating)
    }

    /// Whether tasks and targets may still be added or changed.
    pub(crate) fn open(&self) -> Result<(), ApiError> {
        if matches!(self.state.as_str(), "completed" | "cancelled") {
            let detail = format!("the program is {}; its tasks and targets no longer change", self.state);
            return Err(ApiError::conflict("program_closed", detail));
        }
        Ok(())
    }

    fn to_api(&self, progress: ProgramProgress) -> Program {
        Program {
            record: RecordMeta::of(&self.id, self.access(), self.version, self.created_at, self.updated_at),
            name: self.name.clone(),
            kind: stored(&self.kind),
            start_year: self.start_year,
            end_year: self.end_year,
            description: self.description.clone(),
            state: stored(&self.state),
            next_actions: PROGRAM_LIFECYCLE.actions_from(&self.state),
            approval: self.approval.as_deref().and_then(|a| serde_json::from_str(a).ok()),
            progress,
        }
    }
}

/// The program `id` (any agency may read it), or 404.
pub(crate) fn load(conn: &mut AnyConnection, id: &str) -> Result<ProgramRow, ApiError> {
    let row: Option<ProgramRow> = programs::table.find(id).select(ProgramRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no program {id}")))
}

fn check(conn: &mut AnyConnection, input: &ProgramInput, lead: &str) -> Result<(), ApiError> {
    let mut errors = match check_codes(conn, lead, &input.coordinating_agencies, "") {
        Err(ApiError::Invalid(e)) => e,
        other => other.map(|_| Vec::new())?,
    };
    if input.end_year < input.start_year {
        errors.push(FieldError::new("/end_year", "before_start", "the last year is not before the first"));
    }
    if input.kind == ProgramKind::Annual && input.end_year != input.start_year {
        errors.push(FieldError::new("/end_year", "annual_spans_years", "an annual plan covers one year"));
    }
    if input.kind == ProgramKind::FiveYear && input.end_year - input.start_year != 4 {
        errors.push(FieldError::new("/end_year", "five_year_span", "a five-year program covers five years"));
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Invalid(errors)) }
}

fn fill(row: &mut ProgramRow, input: &ProgramInput, lead: String) {
    row.name = tdc_kernel::text::clean(&input.name);
    row.kind = name_of(input.kind);
    row.start_year = input.start_year;
    row.end_year = input.end_year;
    row.description = tdc_kernel::text::clean_opt(input.description.as_deref());
    row.lead_agency = lead;
    row.coordinating = Access::coordinating_column(&input.coordinating_agencies);
    row.search_text = tdc_kernel::text::fold(&row.name);
}

/// Records a program, in `drafting`, led by the caller's agency.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &ProgramInput,
) -> Result<Program, ApiError> {
    let lead = access::lead_for(writer, input.lead_agency.as_deref())?;
    check(conn, input, &lead)?;
    let mut row = ProgramRow { sharing: "shared".into(), state: "drafting".into(), ..rows::fresh() };
    fill(&mut row, input, lead);
    let row = rows::create(conn, actor, row, "/name", "this program exists")?;
    Ok(row.to_api(ProgramProgress::default()))
}

/// Replaces a program's content at a version `expected` accepts (its lead agency or an administrator).
pub fn update(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    input: &ProgramInput,
    expected: Expected,
) -> Result<Program, ApiError> {
    let existing = load(conn, id)?;
    access::require_lead(writer, &existing.access())?;
    check_version(&expected, existing.version)?;
    let lead = match input.lead_agency.as_deref() {
        None => existing.lead_agency.clone(),
        Some(l) if l == existing.lead_agency => existing.lead_agency.clone(),
        requested => access::lead_for(writer, requested)?,
    };
    check(conn, input, &lead)?;
    let mut row = existing.clone();
    fill(&mut row, input, lead);
    rows::save(conn, actor, "updated", &existing, &mut row)?;
    get(conn, id)
}

/// One program, with its progress.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<Program, ApiError> {
    let row = load(conn, id)?;
    let progress = progress(conn, &row)?;
    Ok(row.to_api(progress))
}

fn progress(conn: &mut AnyConnection, program: &ProgramRow) -> Result<ProgramProgress, ApiError> {
    let (tasks, tasks_done, tasks_overdue) = tasks::counts(conn, &program.id)?;
    let (targets, targets_unreported, mean_target_progress) = targets::mean_progress(conn, program)?;
    Ok(ProgramProgress { tasks, tasks_done, tasks_overdue, targets, targets_unreported, mean_target_progress })
}

/// A page of programs by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &ProgramListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Program>, ApiError> {
    let mut query = programs::table.select(ProgramRow::as_select()).order(programs::id.asc()).into_boxed();
    if let Some(kind) = filter.kind {
        query = query.filter(programs::kind.eq(name_of(kind)));
    }
    if let Some(state) = filter.state {
        query = query.filter(programs::state.eq(name_of(state)));
    }
    if let Some(year) = filter.year {
        query = query.filter(programs::start_year.le(year)).filter(programs::end_year.ge(year));
    }
    if let Some(after) = after {
        query = query.filter(programs::id.gt(after));
    }
    let rows: Vec<ProgramRow> = query.limit(limit + 1).load(conn)?;
    rows.iter().map(|r| Ok(r.to_api(progress(conn, r)?))).collect()
}

/// Takes a lifecycle action on a program.
pub fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    action: &ProgramAction,
) -> Result<(Program, Transition), ApiError> {
    let existing = load(conn, id)?;
    let mover = Mover::of(conn, writer, &existing.lead_agency)?;
    let name = name_of(action.action);
    let to = PROGRAM_LIFECYCLE.step(&existing.state, &name, &mover)?;
    let mut row = existing.clone();
    match action.action {
        ProgramActionName::Approve => {
            let decision = action.decision.as_ref().ok_or_else(|| {
                ApiError::invalid_field("/decision", "required", "give the People's Committee's approving decision")
            })?;
            row.approval = serde_json::to_string(decision).ok();
        }
        ProgramActionName::Return | ProgramActionName::Cancel if action.reason.is_none() => {
            return Err(ApiError::invalid_field("/reason", "required", "say why"));
        }
        _ => {}
    }
    row.state = to.into();
    rows::save(conn, actor, &name, &existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: &existing.state, to };
    let logged = lifecycle::record(conn, actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    Ok((get(conn, id)?, logged))
}

tdc_kernel::recorded!(ProgramRow, ENTITY, |row| row.to_api(ProgramProgress::default()));
tdc_kernel::stored!(ProgramRow, programs);
