//! A warning's recall scope (who holds the affected lots, from the traceability domain) and the
//! warnings' figures per period.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_traceability::api::Holder;
use utoipa::{IntoParams, ToSchema};

/// Where one affected lot went.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LotScope {
    /// The lot number.
    pub lot: String,
    /// Every holder the captured EPCIS events lead to — through transformations, containers and
    /// shipments — with the registered location, its business and the agency responsible.
    pub holders: Vec<Holder>,
    /// `true` when the trail was cut (too many hops or events): the scope may be larger.
    pub truncated: bool,
}

/// A responsible agency in a recall's scope, and whether it has reacted yet.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AgencyScope {
    /// The agency responsible for some holders (the lead agency of their business or location).
    pub agency: String,
    /// How many holders it is responsible for.
    pub holders: u32,
    /// Their locations, as canonical Digital Links (`https://id.gs1.org/414/<gln>`).
    pub locations: Vec<String>,
    /// Whether it has recorded a reaction to the warning.
    pub reacted: bool,
}

/// A warning's recall scope (seed 001 Art. 10.1.h): for each affected lot, the holders the
/// supply chain's events lead to and the agency responsible for each, so every agency knows
/// which shops in its sector still hold the goods.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecallScope {
    /// The warning.
    #[schema(format = "uuid")]
    pub warning_id: String,
    /// The GTIN traced (14 digits).
    pub gtin: String,
    /// Each affected lot.
    pub lots: Vec<LotScope>,
    /// The agencies responsible for the holders, by code; holders of unregistered locations
    /// have none and are left out here (they stay in `lots`).
    pub agencies: Vec<AgencyScope>,
}

/// The period of the figures.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FiguresQuery {
    /// The first day (Vietnam's dates) of the period.
    pub from: NaiveDate,
    /// The last day, inclusive.
    pub to: NaiveDate,
}

/// The warnings published in a period and how many were resolved — the resolution rate that
/// seed 003 §II.1.e targets at 100 %.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WarningFigures {
    /// The first day of the period.
    pub from: NaiveDate,
    /// Its last day.
    pub to: NaiveDate,
    /// Warnings published in the period.
    pub published: i64,
    /// Of those, how many are resolved today.
    pub resolved: i64,
    /// Of those, how many have measures under way.
    pub measures_under_way: i64,
    /// `resolved / published` in percent, one decimal; absent when none was published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_rate: Option<f64>,
    /// Warnings received in the period and rejected.
    pub rejected: i64,
}
