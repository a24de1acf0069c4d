//! Rapid warnings on unsafe or non-conforming goods (seed 001 Art. 10.1.h), after the EU's Safety
//! Gate: the product and its lots, the hazard and its risk, the source, the measures.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// What the goods endanger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Hazard {
    /// People's health or safety.
    Health,
    /// Property.
    Property,
    /// Animals.
    Animals,
    /// Plants.
    Plants,
    /// The environment.
    Environment,
}

/// How grave the risk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    /// Serious: rapid action needed.
    Serious,
    /// High.
    High,
    /// Medium.
    Medium,
    /// Low.
    Low,
}

/// Where a warning came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// An agency's inspection.
    Inspection,
    /// A quality survey of goods on the market.
    Survey,
    /// The consumer association's early warning, with its test report.
    ConsumerAssociation,
    /// The hotline or the online feedback channel.
    Hotline,
    /// Another province.
    OtherProvince,
    /// A ministry.
    Ministry,
}

/// Where a warning stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WarningState {
    /// Received; the handling agency checks it.
    Received,
    /// Verified; not yet public.
    Verified,
    /// Published: public, in the alert feed.
    Published,
    /// Published, with withdrawal, recall or a sale ban under way.
    MeasuresUnderWay,
    /// Resolved: the measures are done.
    Resolved,
    /// Rejected before publication (unfounded, or not the province's).
    Rejected,
}

/// A kind of measure on the goods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// Withdrawal from the market (thu hồi khỏi thị trường).
    Withdrawal,
    /// Recall from consumers (triệu hồi).
    Recall,
    /// A ban on sale (cấm lưu thông).
    SaleBan,
    /// Destruction.
    Destruction,
    /// A warning to consumers.
    ConsumerWarning,
}

/// Whether the business takes a measure by itself or is ordered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureNature {
    /// Taken by the business itself.
    Voluntary,
    /// Ordered by an authority.
    Compulsory,
}

/// A measure taken on the goods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// What.
    pub kind: MeasureKind,
    /// Voluntary or compulsory.
    pub nature: MeasureNature,
    /// By when it must be done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
    /// Who must do what, e.g. `Nhà phân phối thu hồi toàn bộ lô L2409 trong 10 ngày`.
    #[validate(length(min = 1, max = 2000))]
    pub description: String,
}

/// The goods a warning is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct WarningProduct {
    /// The product's name.
    #[validate(length(min = 1, max = 500))]
    pub name: String,
    /// Its brand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200))]
    pub brand: Option<String>,
    /// Its GTIN (8, 12, 13 or 14 digits; stored as 14); needed to trace its lots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "tdc_directory::rules::gtin"))]
    pub gtin: Option<String>,
    /// The affected lots (batch numbers, 1 to 20 characters each), with `gtin`.
    #[serde(default)]
    #[validate(length(max = 50))]
    pub lots: Vec<String>,
    /// Its product category (`/api/v1/product-categories`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 50))]
    pub category_code: Option<String>,
    /// Photos, by reference (`https://` addresses), at most 20.
    #[serde(default)]
    #[validate(length(max = 20))]
    pub photos: Vec<String>,
}

/// Where a warning came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct WarningSource {
    /// The kind of source.
    pub kind: SourceKind,
    /// Its reference: the inspection's or survey's id, the hotline ticket, the other province's
    /// or ministry's document number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200))]
    pub reference: Option<String>,
    /// Who raised it when it is not an agency of the hub (another province, a ministry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 500))]
    pub party: Option<String>,
    /// The test report behind it (its number, or an `https://` address); required for the
    /// consumer association's warnings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 2000))]
    pub test_report: Option<String>,
}

/// A rapid warning on unsafe or non-conforming goods. Agencies read it from its receipt; the
/// public once it is published.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Warning {
    /// The handling agency (its lead), who may read it (`public` once published), its version and
    /// times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// A one-line summary, e.g. `Đồ chơi nhồi bông chứa chất tạo dẻo vượt giới hạn`.
    pub title: String,
    /// The goods.
    pub product: WarningProduct,
    /// What the goods endanger.
    pub hazards: Vec<Hazard>,
    /// The hazard as found: what, how much, against which standard or regulation.
    pub hazard_description: String,
    /// How grave the risk is.
    pub risk_level: RiskLevel,
    /// Where it came from.
    pub source: WarningSource,
    /// The agency that reported it to the hub (it coordinates when another agency handles it).
    pub reported_by: String,
    /// The measures on the goods.
    pub measures: Vec<Measure>,
    /// Where it stands.
    pub state: WarningState,
    /// The lifecycle actions that may be taken from `state`.
    pub next_actions: Vec<String>,
    /// When it was published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
    /// When it was resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<DateTime<Utc>>,
    /// How it ended: the resolution, or why it was rejected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

tdc_kernel::shared_record!(Warning);

/// A warning reported to the hub (`POST /api/v1/warnings`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct WarningInput {
    /// A one-line summary.
    #[validate(length(min = 1, max = 500))]
    pub title: String,
    /// The goods.
    #[validate(nested)]
    pub product: WarningProduct,
    /// What the goods endanger, at least one.
    #[validate(length(min = 1, max = 5))]
    pub hazards: Vec<Hazard>,
    /// The hazard as found.
    #[validate(length(min = 1, max = 8000))]
    pub hazard_description: String,
    /// How grave the risk is.
    pub risk_level: RiskLevel,
    /// Where it came from.
    #[validate(nested)]
    pub source: WarningSource,
    /// Measures already known (more come with `start_measures`).
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    pub measures: Vec<Measure>,
    /// The agency that verifies and handles it (a recorded agency), e.g. the sector department
    /// the consumer association reports to; default: the caller's own. The caller's agency
    /// coordinates when it is another.
    #[serde(default)]
    #[validate(length(min = 1, max = 50))]
    pub handling_agency: Option<String>,
}

/// A lifecycle action on a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WarningActionName {
    /// received → verified.
    Verify,
    /// received or verified → rejected, with `reason`.
    Reject,
    /// verified → published: the warning becomes public.
    Publish,
    /// published → measures under way, with the `measures` as they now stand (at least one).
    StartMeasures,
    /// published or measures under way → resolved, with the `resolution`.
    Resolve,
}

/// A move of a warning (its handling agency or DOST).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct WarningAction {
    /// The action.
    pub action: WarningActionName,
    /// Why it is rejected (`reject`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 4000))]
    pub reason: Option<String>,
    /// The measures as they now stand (`start_measures`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 20), nested)]
    pub measures: Option<Vec<Measure>>,
    /// How it was resolved (`resolve`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 4000))]
    pub resolution: Option<String>,
}

/// Filters of the warning list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WarningListQuery {
    /// Only warnings in this state.
    pub state: Option<WarningState>,
    /// Only warnings of this risk level.
    pub risk_level: Option<RiskLevel>,
    /// Only warnings from this kind of source.
    pub source_kind: Option<SourceKind>,
    /// Only warnings on this GTIN (any of its lengths).
    pub gtin: Option<String>,
    /// Only warnings this agency handles.
    pub lead_agency: Option<String>,
}

tdc_kernel::page!(WarningPage of Warning, "A page of warnings.", "The warnings on this page, oldest first.");
