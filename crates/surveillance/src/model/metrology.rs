//! Metrology beyond the registers: the communes' market statistics, reports of measurement fraud
//! to DOST (seed 000 Art. 12.2.b) and checks of prepackaged quantities.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::{InstrumentKind, OwnerKind};

/// A market's metrology figures for a period, as its commune keeps them.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MarketStatistics {
    /// The commune that keeps them (its lead), who may read them, their version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The commune (its current code).
    pub commune_code: String,
    /// The market.
    pub market: String,
    /// The period: a year (`2026`), a quarter (`2026-Q3`) or a month (`2026-09`).
    pub period: String,
    /// Stalls trading by measure.
    pub stalls: i32,
    /// Measuring instruments in use.
    pub instruments_in_use: i32,
    /// Of those, verified and valid.
    pub instruments_verified: i32,
    /// Instruments the commune checked in the period.
    pub instruments_checked: i32,
    /// Violations found in the period.
    pub violations: i32,
    /// `instruments_verified / instruments_in_use` in percent, one decimal; absent with none in use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified_percent: Option<f64>,
    /// A note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

tdc_kernel::shared_record!(MarketStatistics);

/// A market's figures for a period (each item of `POST /api/v1/market-statistics/batch`, upserted
/// by commune, market and period).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct MarketStatisticsInput {
    /// The commune (a former code is filed under today's unit).
    #[validate(length(min = 1, max = 20))]
    pub commune_code: String,
    /// The market.
    #[validate(length(min = 1, max = 200))]
    pub market: String,
    /// The period: `2026`, `2026-Q3` or `2026-09`.
    #[validate(length(min = 4, max = 7))]
    pub period: String,
    /// Stalls trading by measure.
    #[validate(range(min = 0, max = 100000))]
    pub stalls: i32,
    /// Measuring instruments in use.
    #[validate(range(min = 0, max = 100000))]
    pub instruments_in_use: i32,
    /// Of those, verified and valid (at most `instruments_in_use`).
    #[validate(range(min = 0, max = 100000))]
    pub instruments_verified: i32,
    /// Instruments checked in the period.
    #[validate(range(min = 0, max = 100000))]
    pub instruments_checked: i32,
    /// Violations found in the period.
    #[validate(range(min = 0, max = 100000))]
    pub violations: i32,
    /// A note.
    #[serde(default)]
    #[validate(length(min = 1, max = 4000))]
    pub note: Option<String>,
}

/// Filters of the market statistics.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MarketStatisticsQuery {
    /// Only this commune's markets (a former code finds its successor's too).
    pub commune_code: Option<String>,
    /// Only this period.
    pub period: Option<String>,
}

tdc_kernel::page!(MarketStatisticsPage of MarketStatistics, "A page of market statistics.", "The figures on this page, oldest first.");

/// A report of measurement fraud to DOST (seed 000 Art. 12.2.b): restricted to the reporting
/// agency and DOST.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FraudReport {
    /// The reporting agency (its lead; DOST coordinates), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The day the fraud was found.
    pub found_on: NaiveDate,
    /// A business or a household.
    pub offender_kind: OwnerKind,
    /// The business's tax code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offender_tax_code: Option<String>,
    /// The offender's name.
    pub offender_name: String,
    /// Where.
    pub place: String,
    /// The commune.
    pub commune_code: String,
    /// The instrument's kind, when one was tampered with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument_kind: Option<InstrumentKind>,
    /// Its serial.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument_serial: Option<String>,
    /// What was found: a tampered scale, short measure, a forged stamp…
    pub description: String,
    /// What was done.
    pub measures_taken: String,
}

tdc_kernel::shared_record!(FraudReport);

/// A fraud reported (`POST /api/v1/measurement-fraud-reports`) by the caller's agency to DOST.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct FraudReportInput {
    /// The day it was found.
    pub found_on: NaiveDate,
    /// A business or a household.
    pub offender_kind: OwnerKind,
    /// The business's tax code.
    #[serde(default)]
    #[validate(custom(function = "tdc_directory::rules::tax_code"))]
    pub offender_tax_code: Option<String>,
    /// The offender's name.
    #[validate(length(min = 1, max = 500))]
    pub offender_name: String,
    /// Where.
    #[validate(length(min = 1, max = 1000))]
    pub place: String,
    /// The commune (a former code is filed under today's unit).
    #[validate(length(min = 1, max = 20))]
    pub commune_code: String,
    /// The instrument's kind.
    #[serde(default)]
    pub instrument_kind: Option<InstrumentKind>,
    /// Its serial.
    #[serde(default)]
    #[validate(length(min = 1, max = 100))]
    pub instrument_serial: Option<String>,
    /// What was found.
    #[validate(length(min = 1, max = 8000))]
    pub description: String,
    /// What was done.
    #[validate(length(min = 1, max = 4000))]
    pub measures_taken: String,
}

tdc_kernel::page!(FraudReportPage of FraudReport, "A page of fraud reports.", "The reports on this page, oldest first.");

/// A check's verdict on a lot of prepackaged goods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuantityResult {
    /// The lot's quantity meets the requirements.
    Conforming,
    /// It does not.
    NonConforming,
}

/// A check of the quantity of prepackaged goods (hàng đóng gói sẵn; Circular 21/2014/TT-BKHCN):
/// the sample's mean against the nominal quantity, and packages short beyond the tolerance.
/// Shared with every agency.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PrepackagedCheck {
    /// The checking agency (its lead), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The day of the check.
    pub checked_on: NaiveDate,
    /// The product.
    pub product_name: String,
    /// Its GTIN (14 digits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    /// The lot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// The packer or seller checked, by tax code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_code: Option<String>,
    /// The commune.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune_code: Option<String>,
    /// The quantity the label states.
    pub nominal_quantity: f64,
    /// Its unit, e.g. `g`, `ml`.
    pub unit: String,
    /// Packages in the sample.
    pub sample_size: i32,
    /// The sample's mean actual quantity.
    pub mean_quantity: f64,
    /// Packages short beyond the tolerable deficiency.
    pub packages_short: i32,
    /// The verdict.
    pub result: QuantityResult,
    /// A note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

tdc_kernel::shared_record!(PrepackagedCheck);

/// A check recorded (`POST /api/v1/prepackaged-checks`) by the caller's agency.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PrepackagedCheckInput {
    /// The day of the check.
    pub checked_on: NaiveDate,
    /// The product.
    #[validate(length(min = 1, max = 500))]
    pub product_name: String,
    /// Its GTIN.
    #[serde(default)]
    #[validate(custom(function = "tdc_directory::rules::gtin"))]
    pub gtin: Option<String>,
    /// The lot.
    #[serde(default)]
    #[validate(length(min = 1, max = 20))]
    pub lot: Option<String>,
    /// The packer or seller, by tax code.
    #[serde(default)]
    #[validate(custom(function = "tdc_directory::rules::tax_code"))]
    pub tax_code: Option<String>,
    /// The commune.
    #[serde(default)]
    #[validate(length(min = 1, max = 20))]
    pub commune_code: Option<String>,
    /// The quantity the label states.
    #[validate(range(exclusive_min = 0.0))]
    pub nominal_quantity: f64,
    /// Its unit.
    #[validate(length(min = 1, max = 20))]
    pub unit: String,
    /// Packages in the sample.
    #[validate(range(min = 1, max = 10000))]
    pub sample_size: i32,
    /// The sample's mean actual quantity.
    #[validate(range(min = 0.0))]
    pub mean_quantity: f64,
    /// Packages short beyond the tolerable deficiency (at most `sample_size`).
    #[validate(range(min = 0, max = 10000))]
    pub packages_short: i32,
    /// The verdict; `conforming` is refused when the mean is below the nominal quantity.
    pub result: QuantityResult,
    /// A note.
    #[serde(default)]
    #[validate(length(min = 1, max = 4000))]
    pub note: Option<String>,
}

/// Filters of the checks.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PrepackagedCheckQuery {
    /// Only this packer's or seller's checks.
    pub tax_code: Option<String>,
    /// Only checks with this verdict.
    pub result: Option<QuantityResult>,
}

tdc_kernel::page!(PrepackagedCheckPage of PrepackagedCheck, "A page of prepackaged quantity checks.", "The checks on this page, oldest first.");
