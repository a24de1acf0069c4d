//! Program tasks: one lead agency each; the program's lead adds them, the task's lead reports on them.

use crate::schema::program_tasks as pt;
use chrono::NaiveDate;
use diesel::prelude::*;
use tdc_directory::api::check_agency_codes as check_codes;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::changes::{Actor, record_row};
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::names::stored;
use tdc_kernel::versions::{Expected, check_updated, check_version};
use tdc_kernel::{ApiError, calendar};

use super::{ProgramRow, load, name_of};
use crate::model::{ProgramTask, TaskInput, TaskStatus, utc};
use crate::store::regulations::RegulationRow;

/// The entity name of program tasks in history and the change feed.
pub const TASK_ENTITY: &str = "program_task";

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = pt, treat_none_as_null = true)]
struct TaskRow {
    id: String,
    program_id: String,
    title: String,
    lead_agency: String,
    coordinating: String,
    due_date: Option<NaiveDate>,
    status: String,
    technical_regulation_id: Option<String>,
    note: Option<String>,
    version: i32,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

impl TaskRow {
    fn to_api(&self) -> ProgramTask {
        let status: TaskStatus = stored(&self.status);
        let open = matches!(status, TaskStatus::Planned | TaskStatus::InProgress);
        ProgramTask {
            id: self.id.clone(),
            program_id: self.program_id.clone(),
            title: self.title.clone(),
            lead_agency: self.lead_agency.clone(),
            coordinating_agencies: serde_json::from_str(&self.coordinating).unwrap_or_default(),
            due_date: self.due_date,
            status,
            overdue: open && self.due_date.is_some_and(|d| d < calendar::today()),
            technical_regulation_id: self.technical_regulation_id.clone(),
            note: self.note.clone(),
            version: self.version,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        }
    }
}

fn insert(conn: &mut AnyConnection, actor: &Actor, row: &TaskRow) -> Result<(), ApiError> {
    diesel::insert_into(pt::table).values(row).execute(conn)?;
    record_row(conn, actor, "created", None, row)
}

fn new_row(program: &ProgramRow, input: &TaskInput) -> TaskRow {
    let at = now();
    TaskRow {
        id: tdc_kernel::ids::new_id(),
        program_id: program.id.clone(),
        title: tdc_kernel::text::clean(&input.title),
        lead_agency: input.lead_agency.clone(),
        coordinating: Access::coordinating_column(&input.coordinating_agencies),
        due_date: input.due_date,
        status: name_of(input.status),
        technical_regulation_id: None,
        note: tdc_kernel::text::clean_opt(input.note.as_deref()),
        version: 1,
        created_at: at,
        updated_at: at,
    }
}

/// Adds a task to a program (its lead agency or an administrator).
pub fn add_task(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    program_id: &str,
    input: &TaskInput,
) -> Result<ProgramTask, ApiError> {
    let program = load(conn, program_id)?;
    access::require_lead(writer, &program.access())?;
    program.open()?;
    check_codes(conn, &input.lead_agency, &input.coordinating_agencies, "")?;
    let row = new_row(&program, input);
    insert(conn, actor, &row)?;
    Ok(row.to_api())
}

/// Adds the task that tracks a QCĐP's drafting to the plan it was accepted into; answers its id.
pub(crate) fn add_regulation_task(
    conn: &mut AnyConnection,
    actor: &Actor,
    program_id: &str,
    regulation: &RegulationRow,
    due_date: Option<NaiveDate>,
) -> Result<String, ApiError> {
    let program = load(conn, program_id)
        .map_err(|_| ApiError::invalid_field("/program_id", "unknown_program", format!("no program {program_id}")))?;
    program.open().map_err(|_| ApiError::invalid_field("/program_id", "program_closed", "that program is closed"))?;
    let input = TaskInput {
        title: format!("Xây dựng QCĐP: {}", regulation.title_vi),
        lead_agency: regulation.lead_agency.clone(),
        coordinating_agencies: serde_json::from_str(&regulation.coordinating).unwrap_or_default(),
        due_date,
        status: TaskStatus::Planned,
        note: None,
    };
    let mut row = new_row(&program, &input);
    row.technical_regulation_id = Some(regulation.id.clone());
    insert(conn, actor, &row)?;
    Ok(row.id)
}

/// Marks the task tracking a QCĐP's drafting: `done` when it is issued, `cancelled` when it ends early.
pub(crate) fn settle_regulation_task(
    conn: &mut AnyConnection,
    actor: &Actor,
    task_id: &str,
    status: TaskStatus,
) -> Result<(), ApiError> {
    let existing: Option<TaskRow> = pt::table.find(task_id).select(TaskRow::as_select()).first(conn).optional()?;
    let Some(existing) = existing else { return Ok(()) };
    let mut row = existing.clone();
    row.status = name_of(status);
    row.version = existing.version + 1;
    row.updated_at = now();
    check_updated(
        diesel::update(pt::table.find(task_id).filter(pt::version.eq(existing.version))).set(&row).execute(conn)?,
    )?;
    record_row(conn, actor, "updated", Some(&existing), &row)
}

/// Changes a task at a version `expected` accepts: its own lead agency or the program's.
pub fn update_task(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    program_id: &str,
    task_id: &str,
    input: &TaskInput,
    expected: Expected,
) -> Result<ProgramTask, ApiError> {
    let program = load(conn, program_id)?;
    let found: Option<TaskRow> = pt::table
        .find(task_id)
        .filter(pt::program_id.eq(program_id))
        .select(TaskRow::as_select())
        .first(conn)
        .optional()?;
    let existing = found.ok_or_else(|| ApiError::NotFound(format!("no task {task_id} in this program")))?;
    let task_access = Access::shared_by(&existing.lead_agency);
    if access::require_lead(writer, &task_access).is_err() {
        access::require_lead(writer, &program.access())?;
    }
    program.open()?;
    check_version(&expected, existing.version)?;
    check_codes(conn, &input.lead_agency, &input.coordinating_agencies, "")?;
    let mut row = new_row(&program, input);
    (row.id, row.created_at, row.technical_regulation_id) =
        (existing.id.clone(), existing.created_at, existing.technical_regulation_id.clone());
    row.version = existing.version + 1;
    check_updated(
        diesel::update(pt::table.find(task_id).filter(pt::version.eq(existing.version))).set(&row).execute(conn)?,
    )?;
    record_row(conn, actor, "updated", Some(&existing), &row)?;
    Ok(row.to_api())
}

/// A page of a program's tasks (in the order they were added); fetches `limit + 1` rows.
pub fn list_tasks(
    conn: &mut AnyConnection,
    program_id: &str,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<ProgramTask>, ApiError> {
    load(conn, program_id)?;
    let mut query = pt::table.filter(pt::program_id.eq(program_id)).select(TaskRow::as_select()).into_boxed();
    if let Some(after) = after {
        query = query.filter(pt::id.gt(after));
    }
    let rows: Vec<TaskRow> = query.order(pt::id.asc()).limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(TaskRow::to_api).collect())
}

/// A program's tasks (cancelled ones left out), those done, and those overdue.
pub(super) fn counts(conn: &mut AnyConnection, program_id: &str) -> Result<(i64, i64, i64), ApiError> {
    let rows: Vec<(String, Option<NaiveDate>)> = pt::table
        .filter(pt::program_id.eq(program_id))
        .filter(pt::status.ne("cancelled"))
        .select((pt::status, pt::due_date))
        .load(conn)?;
    let today = calendar::today();
    let done = rows.iter().filter(|(s, _)| s == "done").count();
    let overdue = rows.iter().filter(|(s, d)| s != "done" && d.is_some_and(|d| d < today)).count();
    let n = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
    Ok((n(rows.len()), n(done), n(overdue)))
}

tdc_kernel::recorded!(TaskRow, TASK_ENTITY, |row| row.to_api(), access = |row| Access::shared_by(&row.lead_agency));
