//! The deployment registry (seed 001 Art. 9.1.d, seed 002 §II.2): who uses barcodes and
//! traceability, with which solution, which products reach the national traceability portal, and
//! the stamps issued with the subsidy paid for them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// A product a business traces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DeployedProduct {
    /// Its GTIN (8 to 14 digits with a valid check digit; kept as 14).
    pub gtin: String,
    /// The day its data reached the national traceability portal; absent while not connected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portal_connected_on: Option<NaiveDate>,
}

/// Traceability stamps issued to the business: one range of serials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct StampIssue {
    /// The first serial of the range, e.g. `HY26-000001`.
    #[validate(length(min = 1, max = 40))]
    pub serial_from: String,
    /// The last serial (the same prefix, a number not below the first's).
    #[validate(length(min = 1, max = 40))]
    pub serial_to: String,
    /// How many stamps: the range's length.
    #[validate(range(min = 1, max = 100_000_000))]
    pub quantity: i64,
    /// When they were issued.
    pub issued_on: NaiveDate,
    /// The subsidy paid per stamp, in VND (e.g. 300 under Hải Phòng's Resolution 15/2021/NQ-HĐND); 0 when none.
    #[validate(range(min = 0, max = 1_000_000))]
    pub subsidy_vnd_per_stamp: i64,
    /// The program or decision that pays the subsidy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 300))]
    pub program: Option<String>,
}

/// A business's use of barcodes and traceability. Read by every agency.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Deployment {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The business's tax code.
    pub tax_code: String,
    /// Its GS1 company prefix (6 to 12 digits; GS1 Vietnam's begin with 893).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gs1_company_prefix: Option<String>,
    /// Whether it marks its products with barcodes.
    pub uses_barcodes: bool,
    /// The traceability solution it uses (the provider or system); absent: none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traceability_solution: Option<String>,
    /// The day the business was connected to the national traceability portal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub portal_connected_on: Option<NaiveDate>,
    /// The products it traces.
    pub products: Vec<DeployedProduct>,
    /// The stamps issued to it, oldest first.
    pub stamp_issues: Vec<StampIssue>,
    /// The agency that keeps the entry (the sector's department, or DOST).
    pub lead_agency: String,
    /// Version; also the `ETag`.
    pub version: i32,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl tdc_kernel::resource::Record for Deployment {
    fn id(&self) -> &str {
        &self.id
    }
    fn version(&self) -> i32 {
        self.version
    }
    /// The registry pages by tax code.
    fn cursor(&self) -> String {
        self.tax_code.clone()
    }
}

/// A deployment's content (`PUT /api/v1/traceability/deployments/by-tax-code/{tax_code}`; a batch
/// item also names its `tax_code`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DeploymentInput {
    /// The business's tax code (required in a batch; must equal the path's in a `PUT`).
    pub tax_code: Option<String>,
    /// Its GS1 company prefix.
    pub gs1_company_prefix: Option<String>,
    /// Whether it marks its products with barcodes.
    pub uses_barcodes: bool,
    /// The traceability solution it uses.
    #[validate(length(min = 1, max = 300))]
    pub traceability_solution: Option<String>,
    /// The day the business was connected to the national traceability portal.
    pub portal_connected_on: Option<NaiveDate>,
    /// The products it traces (each GTIN once).
    #[serde(default)]
    #[validate(length(max = 1000), nested)]
    pub products: Vec<DeployedProduct>,
    /// The stamps issued to it.
    #[serde(default)]
    #[validate(length(max = 1000), nested)]
    pub stamp_issues: Vec<StampIssue>,
}

/// Filters of the registry.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeploymentListQuery {
    /// Only businesses connected to the national portal (`true`) or not (`false`).
    pub portal_connected: Option<bool>,
}

tdc_kernel::page!(DeploymentPage of Deployment, "A page of the deployment registry.", "The deployments on this page, by tax code.");

/// How to group the statistics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeploymentGrouping {
    /// By the business's sectors (a business in two sectors counts in both).
    #[default]
    Sector,
    /// By the business's commune.
    Commune,
}

/// The statistics' parameters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DeploymentStatisticsQuery {
    /// `sector` (the default) or `commune`.
    pub by: Option<DeploymentGrouping>,
}

/// One group's figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DeploymentFigures {
    /// The sector or commune code; `unknown` when the business records none.
    pub group: String,
    /// Businesses in the registry.
    pub businesses: u64,
    /// Of them, marking products with barcodes.
    pub with_barcodes: u64,
    /// Of them, using a traceability solution.
    pub with_traceability: u64,
    /// Of them, connected to the national traceability portal.
    pub connected_to_portal: u64,
    /// Products traced.
    pub products: u64,
    /// Of them, connected to the national portal.
    pub products_connected: u64,
    /// Stamps issued.
    pub stamps: i64,
    /// Subsidy paid for them, in VND.
    pub stamp_subsidy_vnd: i64,
}

/// The registry's statistics: one row per group and the province's total.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeploymentStatistics {
    /// How the rows are grouped.
    pub by: DeploymentGrouping,
    /// One row per group, by group.
    pub groups: Vec<DeploymentFigures>,
    /// The province's total (a business counts once).
    pub total: DeploymentFigures,
}
