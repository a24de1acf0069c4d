//! The KPI index of the agencies' performance (seed 001 Art. 15.1.b): indicators and weights DOST
//! sets per period, each agency's score with the facts behind every point, and the ranking.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::ToSchema;
use validator::Validate;

/// What a component of the index measures, each an agency's share of things done on time in the
/// period — computed from what the hub recorded up to the period's end, so a past period's index
/// is the same whenever it is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum KpiComponent {
    /// Reports due in the period submitted by their deadline (the latest submission counts).
    ReportsOnTime,
    /// Parts of coordination requests due in the period replied by their deadline (seed 001 Art.
    /// 4.3: 5 working days).
    CoordinationOnTime,
    /// Complaints the agency handled and closed in the period, closed by their statutory deadline.
    ComplaintsOnTime,
    /// Warnings the agency published in the period, resolved by the period's end.
    WarningsResolved,
    /// Inspections the agency decided in the period, concluded by the period's end (the
    /// execution of its plan); cancelled ones are left out.
    InspectionsConcluded,
    /// Months of the period (up to today) in which the agency recorded data in the hub: how fresh
    /// what it shares is.
    DataFreshness,
}

/// A component and its weight.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct KpiWeight {
    /// What it measures.
    pub component: KpiComponent,
    /// Its weight (0 to 100, exclusive of 0): an agency's score is the weighted mean of the shares
    /// of the components that apply to it.
    #[validate(range(exclusive_min = 0.0, max = 100.0))]
    pub weight: f64,
}

/// A KPI scheme (`POST /api/v1/kpi-schemes`, DOST): the period, the components with their weights
/// and the agencies ranked.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct KpiSchemeInput {
    /// Its name, e.g. `Chỉ số KPI năm 2026`.
    #[validate(length(min = 1, max = 500))]
    pub name: String,
    /// The period's first day.
    pub period_start: NaiveDate,
    /// The period's last day.
    pub period_end: NaiveDate,
    /// The components (1 to 10, each once) and their weights, as the People's Committee set them.
    #[validate(length(min = 1, max = 10), nested)]
    pub components: Vec<KpiWeight>,
    /// The agencies ranked (1 to 300).
    #[validate(length(min = 1, max = 300))]
    pub agencies: Vec<String>,
}

/// A KPI scheme.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct KpiScheme {
    /// DOST (its lead), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// Its name.
    pub name: String,
    /// The period's first day.
    pub period_start: NaiveDate,
    /// The period's last day.
    pub period_end: NaiveDate,
    /// The components and their weights.
    pub components: Vec<KpiWeight>,
    /// The agencies ranked.
    pub agencies: Vec<String>,
}

tdc_kernel::shared_record!(KpiScheme);
tdc_kernel::page!(KpiSchemePage of KpiScheme, "A page of KPI schemes.", "The schemes on this page, oldest first.");

/// One component of an agency's score, with the facts behind it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ComponentScore {
    /// What it measures.
    pub component: KpiComponent,
    /// Its weight.
    pub weight: f64,
    /// How many things it counted (0: it does not apply to the agency, and its weight is left out).
    pub counted: i64,
    /// How many of them were done on time.
    pub met: i64,
    /// `met ÷ counted`; absent when nothing was counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// The things not done on time, each named (up to 20).
    pub misses: Vec<String>,
}

/// An agency's place in the index.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AgencyScore {
    /// Its rank (1 is best; agencies without a score come last, by code).
    pub rank: u32,
    /// The agency.
    pub agency: String,
    /// Its score, 0 to 100: the weighted mean of the shares of the components that apply to it;
    /// absent when none applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Each component, with the facts behind it.
    pub components: Vec<ComponentScore>,
}

/// The ranking of a scheme (`GET …/{id}/ranking`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct KpiRanking {
    /// The scheme.
    #[schema(format = "uuid")]
    pub scheme_id: String,
    /// The period's first day.
    pub period_start: NaiveDate,
    /// The period's last day.
    pub period_end: NaiveDate,
    /// When it was computed (from what was recorded up to the period's end).
    pub computed_at: DateTime<Utc>,
    /// The agencies, best first.
    pub scores: Vec<AgencyScore>,
}
