//! Reports DOST asks of the agencies (seed 000 Art. 15, seed 001 Art. 5.2.b, 15; seed 002 §II.3):
//! templates of indicators, the requests for a period — periodic from a template, or ad hoc — and
//! each agency's submission, pre-filled from what the hub already holds.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use super::CoordinationDocument;

/// An indicator the hub computes: the changes of one kind an agency made in the period, counted
/// from the change log (so every domain's work is counted the same way, as it was recorded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComputedIndicator {
    /// Inspections concluded (`inspection.conclude`).
    InspectionsConcluded,
    /// Violations recorded (`violation.created`).
    ViolationsRecorded,
    /// Sanctions decided (`violation.sanction`).
    SanctionsDecided,
    /// Rapid warnings published (`warning.publish`).
    WarningsPublished,
    /// Rapid warnings resolved (`warning.resolve`).
    WarningsResolved,
    /// Follow-up reactions to warnings (`warning_reaction.created`).
    WarningReactions,
    /// Complaints taken in (`complaint.created`).
    ComplaintsReceived,
    /// Complaints resolved (`complaint.resolve`).
    ComplaintsResolved,
    /// Conformity assessment bodies' certificates recorded (`cab_certificate.created`).
    CertificatesRecorded,
    /// Conformity declarations recorded (`conformity_declaration.created`).
    DeclarationsRecorded,
    /// Local technical regulations (QCĐP) issued (`technical_regulation.issue`).
    RegulationsIssued,
    /// Quality surveys completed (`quality_survey.complete`).
    SurveysCompleted,
    /// Survey samples with a result (`survey_sample.result`).
    SamplesTested,
    /// Measuring instruments recorded (`measuring_instrument.created`).
    InstrumentsRecorded,
    /// Replies to coordination requests (`coordination_request.reply`).
    CoordinationReplies,
    /// Training and awareness activities recorded (`training_activity.created`).
    TrainingActivities,
}

impl ComputedIndicator {
    /// The entity and action of the change log it counts.
    pub fn counts(self) -> (&'static str, &'static str) {
        match self {
            ComputedIndicator::InspectionsConcluded => ("inspection", "conclude"),
            ComputedIndicator::ViolationsRecorded => ("violation", "created"),
            ComputedIndicator::SanctionsDecided => ("violation", "sanction"),
            ComputedIndicator::WarningsPublished => ("warning", "publish"),
            ComputedIndicator::WarningsResolved => ("warning", "resolve"),
            ComputedIndicator::WarningReactions => ("warning_reaction", "created"),
            ComputedIndicator::ComplaintsReceived => ("complaint", "created"),
            ComputedIndicator::ComplaintsResolved => ("complaint", "resolve"),
            ComputedIndicator::CertificatesRecorded => ("cab_certificate", "created"),
            ComputedIndicator::DeclarationsRecorded => ("conformity_declaration", "created"),
            ComputedIndicator::RegulationsIssued => ("technical_regulation", "issue"),
            ComputedIndicator::SurveysCompleted => ("quality_survey", "complete"),
            ComputedIndicator::SamplesTested => ("survey_sample", "result"),
            ComputedIndicator::InstrumentsRecorded => ("measuring_instrument", "created"),
            ComputedIndicator::CoordinationReplies => ("coordination_request", "reply"),
            ComputedIndicator::TrainingActivities => ("training_activity", "created"),
        }
    }
}

fn indicator_code(code: &str) -> Result<(), ValidationError> {
    let ok = !code.is_empty()
        && code.len() <= 64
        && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
    if ok {
        return Ok(());
    }
    let mut e = ValidationError::new("indicator_code");
    e.message = Some("lower-case letters, digits, `_` and `.`, up to 64".into());
    Err(e)
}

/// An indicator of a report: computed by the hub, or entered by the agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    /// Its code, unique in the report, e.g. `1.2` or `kiem_tra`.
    #[validate(custom(function = "indicator_code"))]
    pub code: String,
    /// Its name as the form shows it, e.g. `Số cuộc kiểm tra đã kết luận`.
    #[validate(length(min = 1, max = 500))]
    pub name: String,
    /// Its unit, e.g. `cuộc`, `triệu đồng`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 50))]
    pub unit: Option<String>,
    /// What the hub fills it with; absent: the agency enters it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub computed: Option<ComputedIndicator>,
}

/// How often a template's reports are due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every quarter (period `2026-Q3`).
    Quarterly,
    /// Every year (period `2026`).
    Annual,
}

/// A report template (`POST /api/v1/report-templates`, DOST): its indicators and when its reports
/// are due — `due_day` of the month `due_month_offset` months from the period's last month
/// (quarterly "before the 25th" of the quarter's last month: `0`, `25`; Hưng Yên's annual report
/// before 30 November: `-1`, `30`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReportTemplateInput {
    /// Its code, unique, e.g. `TDC-QUY`.
    #[validate(length(min = 1, max = 50))]
    pub code: String,
    /// Its name.
    #[validate(length(min = 1, max = 500))]
    pub name: String,
    /// How often.
    pub frequency: Frequency,
    /// The indicators (1 to 100, codes unique).
    #[validate(length(min = 1, max = 100), nested)]
    pub indicators: Vec<IndicatorDef>,
    /// Months from the period's last month to the month the report is due (-11 to 3).
    #[validate(range(min = -11, max = 3))]
    pub due_month_offset: i32,
    /// The day of that month (a shorter month: its last day).
    #[validate(range(min = 1, max = 31))]
    pub due_day: u32,
}

/// A report template.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportTemplate {
    /// DOST (its lead), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// How often.
    pub frequency: Frequency,
    /// The indicators.
    pub indicators: Vec<IndicatorDef>,
    /// Months from the period's last month to the due month.
    pub due_month_offset: i32,
    /// The day of the due month.
    pub due_day: u32,
}

tdc_kernel::shared_record!(ReportTemplate);
tdc_kernel::page!(ReportTemplatePage of ReportTemplate, "A page of report templates.", "The templates on this page, oldest first.");

/// A request for reports (`POST /api/v1/report-requests`, DOST): periodic — a template and a
/// `period` (`2026-Q3`, `2026`), its dates and deadline from the template — or ad hoc — its own
/// `indicators`, `period_start`, `period_end` and `due_on`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReportRequestInput {
    /// Its title, e.g. `Báo cáo quý III/2026`.
    #[validate(length(min = 1, max = 500))]
    pub title: String,
    /// The agencies asked (1 to 300).
    #[validate(length(min = 1, max = 300))]
    pub agencies: Vec<String>,
    /// A periodic report's template.
    #[serde(default)]
    #[validate(length(min = 1, max = 50))]
    pub template_code: Option<String>,
    /// A periodic report's period: `2026-Q3` (quarterly) or `2026` (annual).
    #[serde(default)]
    #[validate(length(min = 4, max = 7))]
    pub period: Option<String>,
    /// An ad-hoc request's indicators.
    #[serde(default)]
    #[validate(length(min = 1, max = 100), nested)]
    pub indicators: Option<Vec<IndicatorDef>>,
    /// An ad-hoc request's first day of the period reported on.
    #[serde(default)]
    pub period_start: Option<NaiveDate>,
    /// An ad-hoc request's last day of the period reported on.
    #[serde(default)]
    pub period_end: Option<NaiveDate>,
    /// An ad-hoc request's deadline.
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
}

/// Where one agency's submission stands, as DOST follows them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SubmissionProgress {
    /// The agency.
    pub agency: String,
    /// Its submission.
    #[schema(format = "uuid")]
    pub submission_id: String,
    /// Where it stands.
    pub state: SubmissionState,
    /// Past the deadline and not submitted, or submitted after it.
    pub late: bool,
    /// When it was last submitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<DateTime<Utc>>,
}

/// A request for reports, with each agency's progress (in real time).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportRequest {
    /// DOST (its lead), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// Its title.
    pub title: String,
    /// `periodic` or `ad_hoc`.
    pub kind: ReportKind,
    /// A periodic report's template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_code: Option<String>,
    /// The period's name (`2026-Q3`, `2026`, or the ad-hoc dates).
    pub period: String,
    /// Its first day.
    pub period_start: NaiveDate,
    /// Its last day.
    pub period_end: NaiveDate,
    /// The deadline.
    pub due_on: NaiveDate,
    /// The indicators asked for.
    pub indicators: Vec<IndicatorDef>,
    /// Each agency asked and where its submission stands.
    pub progress: Vec<SubmissionProgress>,
}

tdc_kernel::shared_record!(ReportRequest);
tdc_kernel::page!(ReportRequestPage of ReportRequest, "A page of report requests.", "The requests on this page, oldest first.");

/// Periodic or ad hoc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// From a template, for a quarter or a year.
    Periodic,
    /// Asked by DOST with its own indicators and deadline.
    AdHoc,
}

/// Where a submission stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionState {
    /// Pre-filled and being completed by the agency.
    Draft,
    /// Sent to DOST.
    Submitted,
    /// Returned by DOST for correction, with the reason.
    Returned,
    /// Accepted by DOST.
    Accepted,
}

/// One indicator's value in a submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReportValue {
    /// The indicator's code.
    #[validate(length(min = 1, max = 64))]
    pub code: String,
    /// Its value (absent: not given yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// A remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 2000))]
    pub note: Option<String>,
    /// Whether the hub computed it (`true`) or the agency entered it; a computed value the agency
    /// changes becomes entered.
    #[serde(default)]
    pub computed: bool,
}

/// An agency's submission. The agency leads it; DOST coordinates; restricted to the two.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportSubmission {
    /// The agency (its lead), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The request it answers.
    #[schema(format = "uuid")]
    pub request_id: String,
    /// The deadline.
    pub due_on: NaiveDate,
    /// One value per indicator of the request, in its order.
    pub values: Vec<ReportValue>,
    /// An electronic document sent instead of or beside the values (an agency without a system of
    /// its own: seed 001 Art. 6.3, 17.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachment: Option<CoordinationDocument>,
    /// Where it stands.
    pub state: SubmissionState,
    /// The lifecycle actions that may be taken from `state`.
    pub next_actions: Vec<String>,
    /// Past the deadline and not submitted, or submitted after it.
    pub late: bool,
    /// When it was last submitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<DateTime<Utc>>,
    /// Why DOST returned it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub returned_reason: Option<String>,
}

tdc_kernel::shared_record!(ReportSubmission);
tdc_kernel::page!(ReportSubmissionPage of ReportSubmission, "A page of report submissions.", "The submissions on this page, oldest first.");

/// What an agency fills in (`PUT …/{id}/values`, under `If-Match`): values by indicator code (the
/// others keep theirs) and an attachment.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ValuesInput {
    /// The values given (`computed` is ignored: what an agency sends is entered).
    #[validate(length(max = 100), nested)]
    pub values: Vec<ReportValue>,
    /// An electronic document.
    #[serde(default)]
    #[validate(nested)]
    pub attachment: Option<CoordinationDocument>,
}

/// A move of a submission: `submit` (the agency), `return` with `reason`, `accept` (DOST).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SubmissionAction {
    /// The action.
    pub action: SubmissionActionName,
    /// Why it is returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 2000))]
    pub reason: Option<String>,
}

/// A submission's lifecycle action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionActionName {
    /// draft or returned → submitted (the agency); every indicator needs a value, or an attachment.
    Submit,
    /// submitted → returned (DOST), with the `reason`.
    Return,
    /// submitted → accepted (DOST).
    Accept,
}

/// Filters of the submission list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubmissionListQuery {
    /// Only those answering this request.
    pub request_id: Option<String>,
    /// Only those in this state.
    pub state: Option<SubmissionState>,
}

/// One indicator summed over the province.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AggregateLine {
    /// The indicator.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The sum over the submissions counted.
    pub total: f64,
    /// The sum by kind of agency (`department`, `commune`, `customs`…).
    pub by_agency_kind: std::collections::BTreeMap<String, f64>,
    /// The sum by sector of the agencies (an agency of several sectors counts in each; none:
    /// `(none)`).
    pub by_sector: std::collections::BTreeMap<String, f64>,
    /// Each agency's value (absent: not given).
    pub by_agency: std::collections::BTreeMap<String, Option<f64>>,
}

/// The province's aggregate of a request (`GET …/{id}/aggregate`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportAggregate {
    /// The request.
    #[schema(format = "uuid")]
    pub request_id: String,
    /// Its title and period.
    pub title: String,
    /// The period.
    pub period: String,
    /// Which submissions are counted: `accepted` only, or every `submitted` and `accepted` one.
    pub counted: Vec<String>,
    /// The agencies whose submission is not counted yet.
    pub missing: Vec<String>,
    /// One line per indicator.
    pub lines: Vec<AggregateLine>,
}

/// Which submissions an aggregate counts.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AggregateQuery {
    /// `true`: only accepted submissions; default: submitted and accepted ones.
    pub accepted_only: Option<bool>,
}
