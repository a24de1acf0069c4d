//! Measuring instruments in use and their verification (seed 000 Art. 12, 13.1.d, 13.4.a, 15.4.a).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// What an instrument measures with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InstrumentKind {
    /// A scale (cân), the markets' commonest.
    Scale,
    /// A fuel dispenser (cột đo xăng dầu).
    FuelDispenser,
    /// A water meter.
    WaterMeter,
    /// An electricity meter.
    ElectricityMeter,
    /// A taxi meter.
    TaxiMeter,
    /// A length measure (thước).
    LengthMeasure,
    /// A volume measure (ca, bình đong).
    VolumeMeasure,
    /// Another instrument.
    Other,
}

/// Who owns an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OwnerKind {
    /// A business, by its tax code.
    Business,
    /// A household (a market stall), by its owner's personal identification number.
    Household,
}

/// Where an instrument's verification stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    /// Verified, and more than 30 days left.
    Valid,
    /// Its verification ends within 30 days.
    Due,
    /// Its verification has ended.
    Overdue,
    /// Never verified, as far as the register says.
    Unverified,
}

/// A measuring instrument in use. Shared with every agency; a household owner's personal
/// identification number is shown whole only to the agency that records the instrument.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeasuringInstrument {
    /// The agency that keeps it in its register (its lead), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// What it is.
    pub kind: InstrumentKind,
    /// Its serial number (unique per kind).
    pub serial: String,
    /// Its model or pattern.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Its manufacturer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<String>,
    /// A business or a household.
    pub owner_kind: OwnerKind,
    /// The owning business's tax code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_tax_code: Option<String>,
    /// The owner's name (the business, or the household's owner).
    pub owner_name: String,
    /// A household owner's personal identification number: whole for the recording agency, its
    /// last four digits for every other reader (`********1234`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_personal_id: Option<String>,
    /// Where it is used: the stall, shop or station.
    pub place: String,
    /// The commune (its current code).
    pub commune_code: String,
    /// The market, when it is at one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub market: Option<String>,
    /// The verification certificate's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_number: Option<String>,
    /// The verification stamp's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stamp_number: Option<String>,
    /// When it was last verified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_on: Option<NaiveDate>,
    /// The last day its verification holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// Who verified it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verifying_body: Option<String>,
    /// Whether it is still in use.
    pub in_use: bool,
    /// Where its verification stands today (Vietnam's date).
    pub status: VerificationStatus,
}

tdc_kernel::shared_record!(MeasuringInstrument);

/// An instrument as recorded (`POST`, `PUT …/{id}`, and each item of a batch, upserted by `kind`
/// and `serial`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct InstrumentInput {
    /// What it is.
    pub kind: InstrumentKind,
    /// Its serial number.
    #[validate(length(min = 1, max = 100))]
    pub serial: String,
    /// Its model or pattern.
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    pub model: Option<String>,
    /// Its manufacturer.
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    pub manufacturer: Option<String>,
    /// A business or a household.
    pub owner_kind: OwnerKind,
    /// The owning business's tax code (a business in `/api/v1/businesses`), for `business`.
    #[serde(default)]
    #[validate(custom(function = "tdc_directory::rules::tax_code"))]
    pub owner_tax_code: Option<String>,
    /// The owner's name.
    #[validate(length(min = 1, max = 500))]
    pub owner_name: String,
    /// The household owner's personal identification number (12 digits), for `household`.
    #[serde(default)]
    #[validate(length(equal = 12))]
    pub owner_personal_id: Option<String>,
    /// Where it is used.
    #[validate(length(min = 1, max = 1000))]
    pub place: String,
    /// The commune (a recorded administrative unit; a former code is taken as its successor's).
    #[validate(length(min = 1, max = 20))]
    pub commune_code: String,
    /// The market, when it is at one.
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    pub market: Option<String>,
    /// The verification certificate's number.
    #[serde(default)]
    #[validate(length(min = 1, max = 100))]
    pub certificate_number: Option<String>,
    /// The verification stamp's number.
    #[serde(default)]
    #[validate(length(min = 1, max = 100))]
    pub stamp_number: Option<String>,
    /// When it was last verified.
    #[serde(default)]
    pub verified_on: Option<NaiveDate>,
    /// The last day its verification holds (with `verified_on`).
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// Who verified it.
    #[serde(default)]
    #[validate(length(min = 1, max = 500))]
    pub verifying_body: Option<String>,
    /// Whether it is still in use (default: yes).
    #[serde(default = "in_use")]
    pub in_use: bool,
}

fn in_use() -> bool {
    true
}

/// Filters of the instrument list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InstrumentListQuery {
    /// Only instruments in this commune (a former code finds its successor's too).
    pub commune_code: Option<String>,
    /// Only instruments at this market.
    pub market: Option<String>,
    /// Only instruments of this kind.
    pub kind: Option<InstrumentKind>,
    /// Only instruments whose verification stands so today.
    pub status: Option<VerificationStatus>,
    /// Only instruments whose verification ends in this month (`2026-12`): next month's list.
    pub due_in: Option<String>,
    /// Only this business's instruments.
    pub owner_tax_code: Option<String>,
}

tdc_kernel::page!(InstrumentPage of MeasuringInstrument, "A page of measuring instruments.", "The instruments on this page, oldest first.");

/// The month of the summary.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DueQuery {
    /// The month (`2026-12`).
    pub month: String,
}

/// A commune's instruments falling due in a month, and those overdue today.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CommuneDue {
    /// The commune.
    pub commune_code: String,
    /// In-use instruments whose verification ends in the month.
    pub due: i64,
    /// In-use instruments whose verification has ended (today).
    pub overdue: i64,
}

/// The communes' instruments falling due in a month (`GET …/due-by-commune`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DueByCommune {
    /// The month.
    pub month: String,
    /// Each commune with an instrument due or overdue, by code.
    pub communes: Vec<CommuneDue>,
}
