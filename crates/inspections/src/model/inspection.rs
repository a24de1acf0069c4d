//! Inspections: from the decision to the conclusion, with the team, what was inspected, samples
//! and their test results, findings and documents at each step.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use tdc_regulations::model::DecisionRef;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::InspectionKind;

/// Why an inspection takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InspectionOrigin {
    /// An item of its agency's approved annual plan (`plan_item_id`).
    Planned,
    /// A complaint or denunciation (`trigger_ref`: its number).
    Complaint,
    /// A quality warning (`trigger_ref`: its reference).
    Warning,
    /// A request of a competent authority (`trigger_ref`: the letter).
    Request,
    /// Any other unplanned reason (`trigger_ref` says which).
    Other,
}

/// Where an inspection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InspectionState {
    /// Decided; restricted to its lead and member agencies.
    Decided,
    /// Under way; still restricted.
    InProgress,
    /// Concluded; shared with every agency.
    Concluded,
    /// Cancelled before its conclusion.
    Cancelled,
}

/// A product inspected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct InspectedProduct {
    /// Its name.
    #[validate(length(min = 1, max = 500))]
    pub name: String,
    /// Its GTIN (8 to 14 digits), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 8, max = 14))]
    pub gtin: Option<String>,
    /// The lot or batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 100))]
    pub lot: Option<String>,
}

/// The shop inspected on an e-commerce platform (seed 001 Art. 10.2.e, 10.2.g).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ECommerceListing {
    /// The platform, e.g. `Shopee`, `Lazada`, `TikTok Shop`.
    #[validate(length(min = 1, max = 200))]
    pub platform: String,
    /// The shop's identifier on the platform.
    #[validate(length(min = 1, max = 200))]
    pub shop_id: String,
    /// A link to the shop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "tdc_regulations::rules::http_url"))]
    pub shop_url: Option<String>,
}

/// A member of the inspection team (officials, named for the agencies that read the inspection).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TeamMember {
    /// Full name.
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// Role in the team, e.g. `trưởng đoàn`, `thành viên`.
    #[validate(length(min = 1, max = 100))]
    pub role: String,
    /// The member's agency (an agency code).
    #[validate(length(min = 1, max = 50))]
    pub agency: String,
}

/// A test result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SampleResult {
    /// Not tested yet.
    Pending,
    /// Meets the standard or regulation.
    Conforming,
    /// Does not.
    NonConforming,
}

/// A sample taken and its test result against a standard or technical regulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    /// The sample's code in the inspection record.
    #[validate(length(min = 1, max = 100))]
    pub code: String,
    /// The product sampled.
    #[validate(length(min = 1, max = 500))]
    pub product: String,
    /// Its GTIN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 8, max = 14))]
    pub gtin: Option<String>,
    /// Its lot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 100))]
    pub lot: Option<String>,
    /// The day it was taken.
    pub taken_on: NaiveDate,
    /// What it is tested against: a standard's designation or a regulation's code, e.g. `QCVN 2:2021/BKHCN`.
    #[validate(length(min = 1, max = 200))]
    pub tested_against: String,
    /// The testing laboratory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 300))]
    pub laboratory: Option<String>,
    /// The test report's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 100))]
    pub report_number: Option<String>,
    /// The result.
    pub result: SampleResult,
    /// What was found (the failed criteria, the measured values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 4000))]
    pub note: Option<String>,
}

/// A document filed with a step (the decision, a record, a test report, the conclusion).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct InspectionDocument {
    /// Its title, e.g. `Biên bản kiểm tra`.
    #[validate(length(min = 1, max = 500))]
    pub title: String,
    /// Its number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 100))]
    pub number: Option<String>,
    /// Its date.
    pub date: NaiveDate,
    /// A link to the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "tdc_regulations::rules::http_url"))]
    pub url: Option<String>,
}

/// How an inspection ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InspectionOutcome {
    /// Nothing wrong was found.
    Compliant,
    /// Violations were found (recorded as violations and sanctions).
    ViolationsFound,
}

/// The conclusion (kết luận kiểm tra).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Conclusion {
    /// The day it was concluded.
    pub concluded_on: NaiveDate,
    /// The outcome.
    pub outcome: InspectionOutcome,
    /// What it concludes.
    #[validate(length(min = 1, max = 8000))]
    pub summary: String,
}

/// An inspection. Restricted to its lead and member agencies while it is open, shared with every
/// agency once concluded; never public.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Inspection {
    /// Who leads it (members are its coordinating agencies), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// What it looks at.
    pub kind: InspectionKind,
    /// Why it takes place.
    pub origin: InspectionOrigin,
    /// The plan item it carries out (`planned`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = "uuid")]
    pub plan_item_id: Option<String>,
    /// The overlap case it merges as a joint inspection.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = "uuid")]
    pub overlap_id: Option<String>,
    /// What triggered an unplanned inspection (a complaint's number, a warning, a letter).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_ref: Option<String>,
    /// The business inspected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_code: Option<String>,
    /// The product group inspected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_code: Option<String>,
    /// The commune where it takes place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune_code: Option<String>,
    /// The products inspected.
    pub products: Vec<InspectedProduct>,
    /// The shop, for an e-commerce inspection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub e_commerce: Option<ECommerceListing>,
    /// The inspection decision.
    pub decision: DecisionRef,
    /// The team.
    pub team: Vec<TeamMember>,
    /// First day.
    pub period_from: NaiveDate,
    /// Last day.
    pub period_to: NaiveDate,
    /// Where it stands.
    pub state: InspectionState,
    /// The lifecycle actions that may be taken from `state`.
    pub next_actions: Vec<String>,
    /// Samples and their results.
    pub samples: Vec<Sample>,
    /// What was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<String>,
    /// The conclusion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<Conclusion>,
    /// The documents filed, in order.
    pub documents: Vec<InspectionDocument>,
}

tdc_kernel::shared_record!(Inspection);

/// An inspection decided (`POST /api/v1/inspections`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct InspectionInput {
    /// What it looks at.
    pub kind: InspectionKind,
    /// Why it takes place.
    pub origin: InspectionOrigin,
    /// The approved plan's item it carries out (required for `planned`).
    #[schema(format = "uuid")]
    pub plan_item_id: Option<String>,
    /// The overlap case resolved as a joint inspection that this inspection is (its lead must be
    /// the case's `joint_lead`; the other agency becomes a member).
    #[schema(format = "uuid")]
    pub overlap_id: Option<String>,
    /// What triggered an unplanned inspection (required unless `planned`).
    #[validate(length(min = 1, max = 300))]
    pub trigger_ref: Option<String>,
    /// The business inspected (a business in `/api/v1/businesses`).
    #[validate(custom(function = "tdc_directory::rules::tax_code"))]
    pub tax_code: Option<String>,
    /// The product group inspected.
    #[validate(length(min = 1, max = 100))]
    pub category_code: Option<String>,
    /// The commune where it takes place (enough for a metrology check at the commune's markets,
    /// seed 000 Art. 13.4.a; otherwise name the business, the product group or the shop).
    #[validate(length(min = 1, max = 20))]
    pub commune_code: Option<String>,
    /// The products inspected.
    #[serde(default)]
    #[validate(length(max = 200), nested)]
    pub products: Vec<InspectedProduct>,
    /// The shop (required for `e_commerce`).
    #[validate(nested)]
    pub e_commerce: Option<ECommerceListing>,
    /// The inspection decision.
    #[validate(nested)]
    pub decision: DecisionRef,
    /// The team.
    #[serde(default)]
    #[validate(length(max = 50), nested)]
    pub team: Vec<TeamMember>,
    /// First day.
    pub period_from: NaiveDate,
    /// Last day.
    pub period_to: NaiveDate,
    /// Member agencies of a joint inspection (they read it while it is open).
    #[serde(default)]
    #[validate(length(max = 20))]
    pub coordinating_agencies: Vec<String>,
    /// The leading agency; default: the caller's (another only for DOST's administrators).
    pub lead_agency: Option<String>,
    /// A past inspection's samples (loading an earlier year's work).
    #[serde(default)]
    #[validate(length(max = 200), nested)]
    pub samples: Vec<Sample>,
    /// A past inspection's findings.
    #[validate(length(min = 1, max = 8000))]
    pub findings: Option<String>,
    /// A past inspection's conclusion: it is recorded `concluded` at once (checked as `conclude` is).
    #[validate(nested)]
    pub conclusion: Option<Conclusion>,
}

/// A lifecycle action on an inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InspectionActionName {
    /// decided → in_progress.
    Start,
    /// in_progress: records `samples` and `findings` (each replaces what was recorded).
    RecordFindings,
    /// in_progress → concluded, with the `conclusion` (no sample may be `pending`); the
    /// inspection becomes shared with every agency.
    Conclude,
    /// decided or in_progress → cancelled, with a `reason`.
    Cancel,
}

/// A move of an inspection, with what the step files.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct InspectionAction {
    /// The action.
    pub action: InspectionActionName,
    /// The samples as they now stand (`record_findings`).
    #[validate(length(max = 200), nested)]
    pub samples: Option<Vec<Sample>>,
    /// What was found (`record_findings`).
    #[validate(length(min = 1, max = 8000))]
    pub findings: Option<String>,
    /// The conclusion (required by `conclude`).
    #[validate(nested)]
    pub conclusion: Option<Conclusion>,
    /// Documents filed with this step.
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    pub documents: Vec<InspectionDocument>,
    /// Why (required by `cancel`).
    #[validate(length(min = 1, max = 4000))]
    pub reason: Option<String>,
}

/// Filters of the inspection list (a caller sees what its agency leads or takes part in, and every
/// concluded inspection).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InspectionListQuery {
    /// Only inspections this agency leads.
    pub agency: Option<String>,
    /// Only inspections of this kind.
    pub kind: Option<InspectionKind>,
    /// Only inspections in this state.
    pub state: Option<InspectionState>,
    /// Only inspections of this business.
    pub tax_code: Option<String>,
    /// Only inspections of this product (a GTIN as recorded among the products inspected).
    pub gtin: Option<String>,
    /// Only inspections in this commune, or in the former units it succeeded (an inspection
    /// recorded under a legacy commune's code is found by today's).
    pub commune_code: Option<String>,
    /// Only inspections whose period ends on or after this day.
    pub from: Option<NaiveDate>,
    /// Only inspections whose period begins on or before this day.
    pub to: Option<NaiveDate>,
}

tdc_kernel::page!(InspectionPage of Inspection, "A page of inspections.", "The inspections on this page, oldest first.");
