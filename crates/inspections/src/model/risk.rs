//! Risk scores of businesses and their explanation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_directory::model::RiskClass;
use utoipa::{IntoParams, ToSchema};

/// A factor of the risk score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskFactorName {
    /// The highest risk class of the products the business makes or imports: value 0 (none
    /// recorded), 1 low, 2 medium, 3 high; normalised value / 3.
    ProductRisk,
    /// Its violations, each weighing ½ per configured half-life since it was committed: value
    /// the weighted count; normalised value / 2 (two recent violations count in full).
    Violations,
    /// Months since its last concluded inspection (absent: never inspected, which counts in
    /// full); normalised months / 36.
    SinceInspection,
}

/// One factor's part in a score: `contribution = weight × normalized`, rounded to hundredths.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RiskFactor {
    /// Which factor.
    pub name: RiskFactorName,
    /// Its raw value (see the factor), absent when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The value normalised to 0–1.
    pub normalized: f64,
    /// Its weight (configuration).
    pub weight: f64,
    /// What it adds to the score.
    pub contribution: f64,
}

/// A business's risk score on a day.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RiskScore {
    /// The business.
    pub tax_code: String,
    /// Its registered name.
    pub business_name: String,
    /// The score: the sum of the factors' contributions.
    pub score: f64,
    /// The highest score the configured weights allow.
    pub max_score: f64,
    /// The day it was computed for.
    pub on: NaiveDate,
    /// The highest risk class of its products.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_risk: Option<RiskClass>,
    /// How many violations it has on record.
    pub violations: usize,
    /// The day its last inspection was concluded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_inspected_on: Option<NaiveDate>,
    /// Its place in the ranking, from 1 (ranked lists only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    /// Each factor's weight and contribution (`explain=true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factors: Option<Vec<RiskFactor>>,
}

/// How to compute one business's score.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RiskQuery {
    /// `true`: show each factor's weight and contribution.
    pub explain: Option<bool>,
    /// The day to compute it for; default: today (Vietnam's date).
    pub on: Option<NaiveDate>,
}

/// Which ranking of targets to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RiskRankingQuery {
    /// Only businesses scoring at least this.
    pub min_score: Option<f64>,
    /// The day to compute it for; default: today (Vietnam's date).
    pub on: Option<NaiveDate>,
    /// `true`: show each factor's weight and contribution.
    pub explain: Option<bool>,
}

tdc_kernel::page!(RiskRankingPage of RiskScore, "A page of the ranking, highest risk first.", "The businesses on this page, by rank.");
