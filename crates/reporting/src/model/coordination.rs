//! Coordination requests (seed 001 Art. 3.2, 4.3–4.4): what a lead agency asks of others, and what
//! each agency asked owes and answered.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::ToSchema;
use validator::Validate;

/// A document sent with a request or a reply (the official letter, a record, a test report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CoordinationDocument {
    /// Its title, e.g. `Công văn đề nghị phối hợp kiểm tra`.
    #[validate(length(min = 1, max = 500))]
    pub title: String,
    /// Its number, e.g. `125/SKHCN-TĐC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 100))]
    pub number: Option<String>,
    /// Its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// A link to the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "tdc_regulations::rules::http_url"))]
    pub url: Option<String>,
}

/// The kinds of record a request may concern: the names the change feed gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelatedEntity {
    /// A business (`/api/v1/businesses`).
    Business,
    /// A product (`/api/v1/products`).
    Product,
    /// A standard or national technical regulation (`/api/v1/standards`).
    Standard,
    /// A local technical regulation, QCĐP (`/api/v1/technical-regulations`).
    TechnicalRegulation,
    /// A program (`/api/v1/programs`).
    Program,
    /// A conformity assessment body (`/api/v1/conformity-bodies`).
    ConformityBody,
    /// A body's registration certificate.
    CabCertificate,
    /// A conformity declaration.
    ConformityDeclaration,
    /// An annual inspection plan (`/api/v1/inspection-plans`).
    InspectionPlan,
    /// An inspection (`/api/v1/inspections`).
    Inspection,
    /// A violation (`/api/v1/violations`).
    Violation,
    /// An import lot (`/api/v1/import-lots`).
    ImportLot,
    /// A rapid warning (`/api/v1/warnings`).
    Warning,
    /// A quality survey (`/api/v1/quality-surveys`).
    QualitySurvey,
    /// A measuring instrument (`/api/v1/measuring-instruments`).
    MeasuringInstrument,
    /// A complaint (`/api/v1/complaints`).
    Complaint,
    /// A report of measurement fraud.
    MeasurementFraudReport,
    /// A traceability deployment (`/api/v1/trace-deployments`).
    TraceDeployment,
}

/// A record of the hub the request concerns; it must exist and be readable by the requesting
/// agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RelatedRecord {
    /// What kind of record.
    pub entity: RelatedEntity,
    /// Its id.
    #[validate(length(min = 1, max = 64))]
    pub id: String,
}

/// An agency asked, and the period it has.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AddresseeInput {
    /// The agency's code (`/api/v1/agencies`); not the requesting agency itself.
    #[validate(length(min = 1, max = 50))]
    pub agency: String,
    /// Working days to reply from receipt; default 5 (seed 001 Art. 4.3). Another period needs
    /// `period_basis`.
    #[serde(default)]
    #[validate(range(min = 1, max = 60))]
    pub working_days: Option<u32>,
    /// The specialised law that sets another period, e.g. `Luật Thanh tra 2022, Điều 62`.
    #[serde(default)]
    #[validate(length(min = 1, max = 500))]
    pub period_basis: Option<String>,
}

/// A coordination request (`POST /api/v1/coordination-requests`); the caller's agency leads it.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CoordinationRequestInput {
    /// A one-line subject.
    #[validate(length(min = 1, max = 500))]
    pub subject: String,
    /// What is asked of the agencies, in words.
    #[validate(length(min = 1, max = 8000))]
    pub body: String,
    /// The agencies asked (1 to 30), each once.
    #[validate(length(min = 1, max = 30), nested)]
    pub addressees: Vec<AddresseeInput>,
    /// The documents sent with it.
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    pub documents: Vec<CoordinationDocument>,
    /// The records it concerns (a business, an inspection, a warning, a QCĐP…).
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    pub related: Vec<RelatedRecord>,
    /// The day the agencies received it, from which their periods run; default: today (Vietnam's
    /// date). A request sent on paper earlier is recorded with its day of receipt; not in the
    /// future.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
}

/// Where one agency's part stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AddresseeStatus {
    /// Within its period, no reply yet.
    Awaiting,
    /// Its period passed without a reply.
    Overdue,
    /// Replied within its period.
    Replied,
    /// Replied after its period.
    RepliedLate,
}

/// What an agency's reply says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// It agrees with what the lead agency proposes.
    Agree,
    /// It disagrees (the request may then be escalated to DOST).
    Disagree,
    /// It gives the information asked for.
    Information,
}

/// One agency asked: its period, deadline and written reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Addressee {
    /// The agency's code.
    pub agency: String,
    /// Its period in working days.
    pub working_days: u32,
    /// The specialised law that set another period than 5 working days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_basis: Option<String>,
    /// Why it needs an in-depth check, as the agency recorded it (its period then lengthened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_depth_reason: Option<String>,
    /// Its deadline: `working_days` after the day of receipt on Vietnam's calendar.
    pub due_on: NaiveDate,
    /// Where its part stands (on the day read).
    #[serde(default = "awaiting")]
    pub status: AddresseeStatus,
    /// The day it replied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replied_on: Option<NaiveDate>,
    /// What its reply says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// Its reply in writing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    /// The documents sent with the reply.
    #[serde(default)]
    pub reply_documents: Vec<CoordinationDocument>,
    /// It was silent past its deadline when the lead agency proceeded on what it had: it bears
    /// the delay for its part (seed 001 Art. 4.3).
    #[serde(default)]
    pub responsible_for_delay: bool,
    /// The day the parties were told its deadline had passed without a reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overdue_noticed_on: Option<NaiveDate>,
}

fn awaiting() -> AddresseeStatus {
    AddresseeStatus::Awaiting
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CoordinationState {
    /// Sent; replies awaited.
    Open,
    /// A period passed in silence and the lead agency went on with what it had.
    Proceeded,
    /// A disagreement brought to DOST, which chairs the talks.
    Escalated,
    /// DOST could not settle it and reported it to the People's Committee.
    Referred,
    /// Done: the lead agency closed it, or DOST settled it (with the Committee's decision).
    Closed,
    /// Withdrawn by the lead agency.
    Withdrawn,
}

/// A coordination request as its parties read it. Restricted to the requesting agency (its lead),
/// the agencies asked and — once escalated — DOST.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CoordinationRequest {
    /// The requesting agency (its lead), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// Its subject.
    pub subject: String,
    /// What is asked.
    pub body: String,
    /// The documents sent with it.
    pub documents: Vec<CoordinationDocument>,
    /// The records it concerns.
    pub related: Vec<RelatedRecord>,
    /// The day the agencies received it.
    pub received_on: NaiveDate,
    /// The agencies asked, each with its deadline and reply.
    pub addressees: Vec<Addressee>,
    /// `true` while open with an agency silent past its deadline.
    pub overdue: bool,
    /// Where it stands.
    pub state: CoordinationState,
    /// The lifecycle actions that may be taken from `state` (by whom: see the transition
    /// operation).
    pub next_actions: Vec<String>,
    /// The day the lead agency proceeded without every reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proceeded_on: Option<NaiveDate>,
    /// The day it was escalated to DOST.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalated_on: Option<NaiveDate>,
    /// The day DOST reported it to the People's Committee.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referred_on: Option<NaiveDate>,
    /// The day it was closed or withdrawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
    /// How it ended, or the latest step's reason (the disagreement, the referral).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

tdc_kernel::shared_record!(CoordinationRequest);

tdc_kernel::page!(CoordinationRequestPage of CoordinationRequest, "A page of coordination requests.", "The requests on this page, oldest first.");
