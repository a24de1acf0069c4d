//! Follow-up reactions: what another agency found and did about a published warning.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::ToSchema;
use validator::Validate;

/// What an agency did about the goods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReactionMeasure {
    /// Withdrawn from the shelves.
    Withdrawn,
    /// Recalled from consumers.
    Recalled,
    /// Banned from sale.
    SaleBanned,
    /// Destroyed.
    Destroyed,
    /// Nothing was needed (not found).
    NoneNeeded,
    /// Something else, said in `note`.
    Other,
}

/// An agency's follow-up reaction to a published warning ("found in 3 shops in our sector,
/// withdrawn"). The reacting agency leads it; the warning's handling agency coordinates it;
/// shared with every agency.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WarningReaction {
    /// The reacting agency (its lead), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The warning reacted to.
    #[schema(format = "uuid")]
    pub warning_id: String,
    /// The day of the check.
    pub reacted_on: NaiveDate,
    /// How many outlets (shops, stalls, warehouses) were checked.
    pub outlets_checked: i32,
    /// In how many the goods were found.
    pub outlets_found: i32,
    /// How much was taken off the market.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity_withdrawn: Option<f64>,
    /// Of what unit, e.g. `chiếc`, `kg`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What was done.
    pub measure: ReactionMeasure,
    /// What was found and done, in words.
    pub note: String,
}

tdc_kernel::shared_record!(WarningReaction);

/// A reaction recorded (`POST /api/v1/warnings/{id}/reactions`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct WarningReactionInput {
    /// The day of the check; default: today (Vietnam's date).
    #[serde(default)]
    pub reacted_on: Option<NaiveDate>,
    /// How many outlets were checked.
    #[validate(range(min = 0, max = 1000000))]
    pub outlets_checked: i32,
    /// In how many the goods were found (at most `outlets_checked`).
    #[validate(range(min = 0, max = 1000000))]
    pub outlets_found: i32,
    /// How much was taken off the market, with `unit`.
    #[serde(default)]
    #[validate(range(min = 0.0))]
    pub quantity_withdrawn: Option<f64>,
    /// Of what unit.
    #[serde(default)]
    #[validate(length(min = 1, max = 20))]
    pub unit: Option<String>,
    /// What was done.
    pub measure: ReactionMeasure,
    /// What was found and done, in words.
    #[validate(length(min = 1, max = 4000))]
    pub note: String,
}

tdc_kernel::page!(WarningReactionPage of WarningReaction, "A page of reactions.", "The reactions on this page, oldest first.");
