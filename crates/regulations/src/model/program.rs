//! Programs and plans (seed 000 Art. 6, seed 001 Art. 5): five-year and annual programs, their
//! tasks (one lead agency each) and their targets with actual values reported per period.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::regulation_lifecycle::DecisionRef;

/// What a program covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProgramKind {
    /// A five-year program or plan (kế hoạch 5 năm).
    FiveYear,
    /// An annual plan (kế hoạch hằng năm), such as the annual QCĐP plan.
    Annual,
    /// A thematic program (e.g. the plan for Directive 38-CT/TW).
    Thematic,
}

/// Where a program is: DOST compiles it (`drafting`), submits it to the People's Committee
/// (`submitted`), which approves it (`approved`: agencies carry it out and report); then `completed`,
/// or `cancelled`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProgramState {
    /// Being compiled from the agencies' proposals.
    Drafting,
    /// Submitted to the People's Committee.
    Submitted,
    /// Approved (`approval` holds the decision); being carried out.
    Approved,
    /// Carried out and closed.
    Completed,
    /// Abandoned.
    Cancelled,
}

/// A program or plan.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Program {
    /// Who leads it, who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// Its name.
    #[schema(example = "Kế hoạch xây dựng quy chuẩn kỹ thuật địa phương năm 2027")]
    pub name: String,
    /// Five-year, annual or thematic.
    pub kind: ProgramKind,
    /// First year covered.
    pub start_year: i32,
    /// Last year covered.
    pub end_year: i32,
    /// What it is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where it is.
    pub state: ProgramState,
    /// The actions that may be taken now (`POST …/transitions`).
    pub next_actions: Vec<String>,
    /// The approving decision, once approved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<DecisionRef>,
    /// Tasks and targets at a glance, computed when read.
    pub progress: ProgramProgress,
}

tdc_kernel::shared_record!(Program);

/// A program's progress, computed from its tasks and targets when read.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ProgramProgress {
    /// Tasks, cancelled ones left out.
    pub tasks: i64,
    /// Tasks done.
    pub tasks_done: i64,
    /// Tasks past their due date and not done.
    pub tasks_overdue: i64,
    /// Targets.
    pub targets: i64,
    /// Targets with no value reported yet.
    pub targets_unreported: i64,
    /// The mean of all the targets' progress (percent), an unreported target counting as 0;
    /// absent when the program has no target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_target_progress: Option<f64>,
}

/// A program's content, for `POST` and `PUT`.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ProgramInput {
    /// Its name.
    #[validate(length(min = 1, max = 500))]
    pub name: String,
    /// Five-year, annual or thematic.
    pub kind: ProgramKind,
    /// First year covered.
    #[validate(range(min = 2000, max = 2100))]
    pub start_year: i32,
    /// Last year covered (the same year for an annual plan).
    #[validate(range(min = 2000, max = 2100))]
    pub end_year: i32,
    /// What it is for.
    #[validate(length(min = 1, max = 4000))]
    pub description: Option<String>,
    /// The lead agency; default: the caller's (another only for DOST's administrators).
    pub lead_agency: Option<String>,
    /// Agencies that take part.
    #[serde(default)]
    #[validate(length(max = 100))]
    pub coordinating_agencies: Vec<String>,
}

/// The program actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProgramActionName {
    /// drafting → submitted (lead agency).
    Submit,
    /// submitted → approved (DOST, recording the People's Committee's decision; needs `decision`).
    Approve,
    /// submitted → drafting (DOST; needs `reason`).
    Return,
    /// approved → completed (lead agency or DOST).
    Complete,
    /// drafting, submitted or approved → cancelled (lead agency or DOST; needs `reason`).
    Cancel,
}

/// The body of `POST /api/v1/programs/{id}/transitions`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ProgramAction {
    /// The action.
    pub action: ProgramActionName,
    /// The decision (required by `approve`).
    #[validate(nested)]
    pub decision: Option<DecisionRef>,
    /// Why (required by `return` and `cancel`).
    #[validate(length(min = 1, max = 4000))]
    pub reason: Option<String>,
}

/// Filters of the program list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgramListQuery {
    /// Only programs of this kind.
    pub kind: Option<ProgramKind>,
    /// Only programs in this state.
    pub state: Option<ProgramState>,
    /// Only programs covering this year.
    pub year: Option<i32>,
}

tdc_kernel::page!(ProgramPage of Program, "A page of programs.", "The programs on this page.");

/// How far a task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Not started.
    #[default]
    Planned,
    /// Under way.
    InProgress,
    /// Done.
    Done,
    /// Dropped.
    Cancelled,
}

/// A task of a program, with one lead agency.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProgramTask {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The program.
    #[schema(format = "uuid")]
    pub program_id: String,
    /// What is to be done.
    pub title: String,
    /// The one agency that leads it.
    pub lead_agency: String,
    /// Agencies that coordinate.
    pub coordinating_agencies: Vec<String>,
    /// When it is due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_date: Option<NaiveDate>,
    /// How far it is.
    pub status: TaskStatus,
    /// Past its due date and not done (computed when read).
    pub overdue: bool,
    /// The QCĐP it drafts, for tasks of the QCĐP plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub technical_regulation_id: Option<String>,
    /// The lead agency's latest note on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Version; also the `ETag`.
    pub version: i32,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

tdc_kernel::record!(ProgramTask);

/// A task's content, for `POST` and `PUT`.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TaskInput {
    /// What is to be done.
    #[validate(length(min = 1, max = 1000))]
    pub title: String,
    /// The one agency that leads it (a known agency).
    #[validate(length(min = 1, max = 32))]
    pub lead_agency: String,
    /// Agencies that coordinate.
    #[serde(default)]
    #[validate(length(max = 50))]
    pub coordinating_agencies: Vec<String>,
    /// When it is due.
    pub due_date: Option<NaiveDate>,
    /// How far it is (default `planned`).
    #[serde(default)]
    pub status: TaskStatus,
    /// A note.
    #[validate(length(min = 1, max = 4000))]
    pub note: Option<String>,
}

tdc_kernel::page!(ProgramTaskPage of ProgramTask, "A page of tasks.", "The tasks on this page.");

/// How a target's reported values add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Values add up over the periods (e.g. training classes held: ≥ 30 to 2030).
    Sum,
    /// The latest period's value counts (e.g. share of warnings resolved: 100 %).
    Latest,
}

/// The kind of period a target's values are reported by: one kind per target, so a year's value and
/// its quarters' values are never added together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum ReportingPeriod {
    /// Years (`2026`), the default.
    #[default]
    Year,
    /// Quarters (`2026-Q3`).
    Quarter,
    /// Months (`2026-09`).
    Month,
}

/// A per-year target's progress in one year of the program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct YearProgress {
    /// The year.
    pub year: i32,
    /// What was reached that year (sum or latest of its periods); absent when nothing was reported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achieved: Option<f64>,
    /// Percent of that year's target reached (0 when nothing was reported).
    pub progress_percent: f64,
}

/// An actual value reported for one period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TargetActual {
    /// The period: a year (`2026`), a quarter (`2026-Q3`) or a month (`2026-09`).
    #[schema(example = "2026-Q3")]
    pub period: String,
    /// The value.
    pub value: f64,
    /// A note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The agency that reported it.
    pub agency_code: String,
    /// When.
    pub reported_at: DateTime<Utc>,
}

/// A measurable target of a program, with its reported values and progress.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProgramTarget {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The program.
    #[schema(format = "uuid")]
    pub program_id: String,
    /// The indicator.
    #[schema(example = "Số sản phẩm được khảo sát chất lượng")]
    pub indicator: String,
    /// Its unit.
    #[schema(example = "sản phẩm")]
    pub unit: String,
    /// The value at the start.
    pub baseline: f64,
    /// The value to reach.
    pub target_value: f64,
    /// How reported values add up.
    pub aggregation: Aggregation,
    /// The agency that reports the actual values.
    pub responsible_agency: String,
    /// The kind of period its values are reported by.
    pub reporting_period: ReportingPeriod,
    /// Whether `target_value` is to be reached each year of the program (e.g. ≥ 20 products
    /// surveyed a year) rather than over the whole program.
    pub per_year: bool,
    /// For a per-year target: its progress in each year of the program up to this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_year: Vec<YearProgress>,
    /// The reported values, by period.
    pub actuals: Vec<TargetActual>,
    /// What has been reached: the sum of the values, or the latest one; absent before any report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achieved: Option<f64>,
    /// Percent of the way from baseline to target (`sum`: achieved ÷ target); may pass 100. For a
    /// per-year target, the mean of `by_year`. Absent before any report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress_percent: Option<f64>,
    /// Version; also the `ETag`.
    pub version: i32,
}

/// A target's content.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TargetInput {
    /// The indicator.
    #[validate(length(min = 1, max = 500))]
    pub indicator: String,
    /// Its unit.
    #[validate(length(min = 1, max = 50))]
    pub unit: String,
    /// The value at the start (default 0).
    #[serde(default)]
    pub baseline: f64,
    /// The value to reach (differs from the baseline).
    pub target_value: f64,
    /// How reported values add up.
    pub aggregation: Aggregation,
    /// The agency that reports the actual values (a known agency).
    #[validate(length(min = 1, max = 32))]
    pub responsible_agency: String,
    /// The kind of period its values are reported by (default `year`); a value for another kind
    /// is refused (`period_granularity`).
    #[serde(default)]
    pub reporting_period: ReportingPeriod,
    /// Whether `target_value` is to be reached each year of the program (default `false`).
    #[serde(default)]
    pub per_year: bool,
}

/// An actual value for one period.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ActualInput {
    /// The value.
    pub value: f64,
    /// A note.
    #[validate(length(min = 1, max = 4000))]
    pub note: Option<String>,
}

tdc_kernel::page!(ProgramTargetPage of ProgramTarget, "A page of targets.", "The targets on this page.");
