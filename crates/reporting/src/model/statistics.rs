//! Statistics of every domain's recorded work (issue 16 §10): changes of each kind counted by
//! agency, kind of agency, sector or month, for the dashboard and the People's Committee.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// How the counts are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatisticsGroup {
    /// By the agency whose clients made the changes.
    #[default]
    Agency,
    /// By kind of agency: departments, communes, customs… (a commune's work is its People's
    /// Committee's).
    AgencyKind,
    /// By the sectors of the agency (an agency of several sectors counts in each).
    Sector,
    /// By Vietnam's month (`YYYY-MM`).
    Month,
}

/// Which changes are counted, and how grouped.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatisticsQuery {
    /// The first day (Vietnam's date).
    pub from: NaiveDate,
    /// The last day (at most 3 years after `from`).
    pub to: NaiveDate,
    /// How to group (default `agency`).
    pub group_by: Option<StatisticsGroup>,
    /// Only changes of this kind of record, e.g. `inspection`.
    pub entity: Option<String>,
}

/// One count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StatisticsRow {
    /// The group: an agency's code, a kind of agency, a sector or a month.
    pub group: String,
    /// The kind of record, e.g. `inspection`.
    pub entity: String,
    /// The action, e.g. `conclude`, `created`.
    pub action: String,
    /// How many changes.
    pub count: i64,
}

/// The statistics of a period (`GET /api/v1/statistics`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Statistics {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// How they are grouped.
    pub group_by: StatisticsGroup,
    /// The counts, by group, entity and action.
    pub rows: Vec<StatisticsRow>,
    /// Every change counted.
    pub total: i64,
}
