//! Quality surveys of goods on the market (seed 000 Art. 11, seed 003 §II.1.g) and their samples.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// Where a survey stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SurveyState {
    /// Planned; no sample yet.
    Planned,
    /// Samples being taken and tested.
    Sampling,
    /// Every sample has its result.
    Completed,
    /// Cancelled.
    Cancelled,
}

/// A quality survey of goods on the market. Shared with every agency.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Survey {
    /// The agency that runs it (its lead), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The year it counts in.
    pub year: i32,
    /// Its title, e.g. `Khảo sát chất lượng đồ chơi trẻ em dịp Trung thu 2026`.
    pub title: String,
    /// The goods surveyed, in words.
    pub product_group: String,
    /// Their product category, if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_code: Option<String>,
    /// How many products it plans to sample.
    pub planned_products: i32,
    /// The program target it counts against (`/api/v1/programs/{id}/targets`), e.g. "products
    /// surveyed a year".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub program_target_id: Option<String>,
    /// Where it stands.
    pub state: SurveyState,
    /// The lifecycle actions that may be taken from `state`.
    pub next_actions: Vec<String>,
    /// Its conclusion (`complete`), or why it was cancelled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

tdc_kernel::shared_record!(Survey);

/// A survey planned (`POST /api/v1/quality-surveys`), run by the caller's agency.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SurveyInput {
    /// The year it counts in.
    #[validate(range(min = 2000, max = 2100))]
    pub year: i32,
    /// Its title.
    #[validate(length(min = 1, max = 500))]
    pub title: String,
    /// The goods surveyed, in words.
    #[validate(length(min = 1, max = 1000))]
    pub product_group: String,
    /// Their product category (`/api/v1/product-categories`).
    #[serde(default)]
    #[validate(length(min = 1, max = 50))]
    pub category_code: Option<String>,
    /// How many products it plans to sample.
    #[validate(range(min = 1, max = 10000))]
    pub planned_products: i32,
    /// The program target it counts against.
    #[serde(default)]
    #[validate(length(min = 1, max = 50))]
    pub program_target_id: Option<String>,
}

/// A lifecycle action on a survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SurveyActionName {
    /// planned → sampling.
    StartSampling,
    /// sampling → completed, with the `summary`; no sample may be pending.
    Complete,
    /// planned or sampling → cancelled, with the `summary` saying why.
    Cancel,
}

/// A move of a survey (its agency; DOST may cancel).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SurveyAction {
    /// The action.
    pub action: SurveyActionName,
    /// The conclusion (`complete`) or the reason (`cancel`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 8000))]
    pub summary: Option<String>,
}

/// Filters of the survey list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SurveyListQuery {
    /// Only surveys of this year.
    pub year: Option<i32>,
    /// Only surveys in this state.
    pub state: Option<SurveyState>,
}

tdc_kernel::page!(SurveyPage of Survey, "A page of quality surveys.", "The surveys on this page, oldest first.");

/// Where a sample was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A shop.
    Shop,
    /// A market stall.
    Market,
    /// A supermarket.
    Supermarket,
    /// An online shop (`place` is its address on the platform).
    OnlineShop,
    /// A warehouse.
    Warehouse,
    /// The producer.
    Producer,
}

/// A sample's test result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SampleResult {
    /// Not tested yet.
    Pending,
    /// Meets the standard or regulation tested against.
    Conforming,
    /// Does not: a warning is drafted for the sector agency.
    NonConforming,
}

/// A sample a survey took, and its result. The survey's agency leads it; the sector agency
/// coordinates it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SurveySample {
    /// The survey's agency (its lead), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The survey.
    #[schema(format = "uuid")]
    pub survey_id: String,
    /// The sample's code, unique in the survey.
    pub code: String,
    /// The product.
    pub product_name: String,
    /// Its brand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// Its GTIN (14 digits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    /// Its lot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// The day it was taken.
    pub taken_on: NaiveDate,
    /// The kind of place it was taken at.
    pub place_kind: PlaceKind,
    /// The place: an address, or the online shop's address on its platform.
    pub place: String,
    /// The business it was taken from, if recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_code: Option<String>,
    /// The commune of the place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune_code: Option<String>,
    /// The laboratory that tests it (a conformity body that tests, `/api/v1/conformity-bodies`).
    #[schema(format = "uuid")]
    pub laboratory_id: String,
    /// The standard or regulation it is tested against, e.g. `QCVN 3:2019/BKHCN`.
    pub tested_against: String,
    /// The sector agency told of a non-conforming result (it handles the drafted warning).
    pub sector_agency: String,
    /// Its result.
    pub result: SampleResult,
    /// The test report's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_number: Option<String>,
    /// What the test found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<String>,
    /// The warning drafted from a non-conforming result (`/api/v1/warnings/{id}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning_id: Option<String>,
}

tdc_kernel::shared_record!(SurveySample);

/// A sample taken (`POST /api/v1/quality-surveys/{id}/samples`), while the survey is sampling.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SampleInput {
    /// The sample's code, unique in the survey.
    #[validate(length(min = 1, max = 50))]
    pub code: String,
    /// The product.
    #[validate(length(min = 1, max = 500))]
    pub product_name: String,
    /// Its brand.
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    pub brand: Option<String>,
    /// Its GTIN (8, 12, 13 or 14 digits).
    #[serde(default)]
    #[validate(custom(function = "tdc_directory::rules::gtin"))]
    pub gtin: Option<String>,
    /// Its lot (1 to 20 characters).
    #[serde(default)]
    #[validate(length(min = 1, max = 20))]
    pub lot: Option<String>,
    /// The day it was taken.
    pub taken_on: NaiveDate,
    /// The kind of place.
    pub place_kind: PlaceKind,
    /// The place: an address, or the online shop's address.
    #[validate(length(min = 1, max = 1000))]
    pub place: String,
    /// The business it was taken from (recorded in `/api/v1/businesses`).
    #[serde(default)]
    #[validate(custom(function = "tdc_directory::rules::tax_code"))]
    pub tax_code: Option<String>,
    /// The commune of the place.
    #[serde(default)]
    #[validate(length(min = 1, max = 20))]
    pub commune_code: Option<String>,
    /// The laboratory (a conformity body that tests).
    #[validate(length(min = 1, max = 50))]
    pub laboratory_id: String,
    /// The standard or regulation it is tested against.
    #[validate(length(min = 1, max = 200))]
    pub tested_against: String,
    /// The sector agency told of a non-conforming result (a recorded agency).
    #[validate(length(min = 1, max = 50))]
    pub sector_agency: String,
}

/// A sample's result (`POST /api/v1/survey-samples/{id}/result`), recorded once.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SampleResultInput {
    /// `conforming` or `non_conforming`.
    pub result: SampleResult,
    /// The test report's number.
    #[validate(length(min = 1, max = 100))]
    pub report_number: String,
    /// What the test found (required when non-conforming: it becomes the warning's hazard).
    #[serde(default)]
    #[validate(length(min = 1, max = 8000))]
    pub findings: Option<String>,
    /// For the drafted warning: what the goods endanger (default: `health`).
    #[serde(default)]
    #[validate(length(max = 5))]
    pub hazards: Vec<super::Hazard>,
    /// For the drafted warning: the risk level (default: `medium`, for the sector agency to verify).
    #[serde(default)]
    pub risk_level: Option<super::RiskLevel>,
}

tdc_kernel::page!(SurveySamplePage of SurveySample, "A page of samples.", "The samples on this page, oldest first.");

/// The year of the progress figures, and the program target to set them beside.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SurveyProgressQuery {
    /// The year.
    pub year: i32,
    /// A program target to compare with (its per-year value, or its whole value).
    pub target_id: Option<String>,
}

/// A year's quality surveys against the target (seed 003 §II.1.g: at least 20 products a year).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SurveyProgress {
    /// The year.
    pub year: i32,
    /// Surveys of the year that were not cancelled.
    pub surveys: i64,
    /// Of those, completed.
    pub completed: i64,
    /// Distinct products (by GTIN, else by name) with a test result.
    pub products_surveyed: i64,
    /// Samples with a result.
    pub samples_tested: i64,
    /// Of those, non-conforming.
    pub non_conforming: i64,
    /// The target's value for the year, when a target was named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// `products_surveyed / target` in percent, one decimal, when a target was named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress_percent: Option<f64>,
}
