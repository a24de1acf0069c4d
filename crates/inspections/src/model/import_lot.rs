//! Imported goods checked lot by lot (seed 000 Art. 13.5, seed 001 Art. 11.5).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::Sample;

/// How strictly a lot is checked (kiểm tra chặt, thông thường, giảm).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InspectionRegime {
    /// Tightened: every lot sampled and tested.
    Tightened,
    /// Normal.
    Normal,
    /// Reduced: documents checked, sampling only now and then.
    Reduced,
}

/// Where a lot stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportLotState {
    /// Registered for inspection.
    Registered,
    /// Sampled; results being recorded.
    Testing,
    /// Meets the requirements: notice issued, customs may clear it.
    Passed,
    /// Does not: notice issued; violations and transfers follow.
    Failed,
}

/// Goods of a lot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LotGoods {
    /// The product.
    #[validate(length(min = 1, max = 500))]
    pub name: String,
    /// Its GTIN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 8, max = 14))]
    pub gtin: Option<String>,
    /// Its HS code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 4, max = 10))]
    pub hs_code: Option<String>,
    /// How much.
    #[validate(range(min = 0.0))]
    pub quantity: f64,
    /// Of what unit, e.g. `chiếc`, `kg`.
    #[validate(length(min = 1, max = 20))]
    pub unit: String,
}

/// The notice that ends a lot's inspection (thông báo kết quả kiểm tra).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LotOutcome {
    /// The notice's number.
    #[validate(length(min = 1, max = 100))]
    pub notice_number: String,
    /// Its date.
    pub notice_date: NaiveDate,
    /// Why it failed (required for `fail`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 4000))]
    pub reason: Option<String>,
}

/// An imported lot under state quality inspection. Shared with every agency.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportLot {
    /// Who inspects it (its lead), who may read it (customs coordinates), its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The customs declaration's number.
    pub declaration_number: String,
    /// Its date.
    pub declared_on: NaiveDate,
    /// The customs branch that holds the declaration.
    pub customs_agency: String,
    /// The importer.
    pub importer_tax_code: String,
    /// The country of origin (ISO 3166-1 alpha-2).
    pub origin_country: String,
    /// The goods.
    pub goods: Vec<LotGoods>,
    /// How strictly it is checked.
    pub regime: InspectionRegime,
    /// Where it stands.
    pub state: ImportLotState,
    /// The lifecycle actions that may be taken from `state`.
    pub next_actions: Vec<String>,
    /// Samples and their results.
    pub samples: Vec<Sample>,
    /// The notice that ended it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<LotOutcome>,
}

tdc_kernel::shared_record!(ImportLot);

/// A lot registered for inspection (`POST /api/v1/import-lots`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ImportLotInput {
    /// The customs declaration's number; unique per customs branch.
    #[validate(length(min = 1, max = 50))]
    pub declaration_number: String,
    /// Its date.
    pub declared_on: NaiveDate,
    /// The customs branch (an agency of kind `customs`); it reads the lot.
    #[validate(length(min = 1, max = 50))]
    pub customs_agency: String,
    /// The importer (a business in `/api/v1/businesses`).
    #[validate(custom(function = "tdc_directory::rules::tax_code"))]
    pub importer_tax_code: String,
    /// The country of origin (ISO 3166-1 alpha-2).
    #[validate(length(equal = 2))]
    pub origin_country: String,
    /// The goods, at least one.
    #[validate(length(min = 1, max = 200), nested)]
    pub goods: Vec<LotGoods>,
    /// How strictly it is checked.
    pub regime: InspectionRegime,
}

/// A lifecycle action on a lot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportLotActionName {
    /// registered or testing → testing: `samples` replace what was recorded.
    RecordResults,
    /// testing (or registered, under the reduced regime) → passed, with the `outcome` notice; no
    /// sample may be pending or non-conforming.
    Pass,
    /// testing → failed, with the `outcome` notice and its reason.
    Fail,
}

/// A move of a lot.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ImportLotAction {
    /// The action.
    pub action: ImportLotActionName,
    /// The samples as they now stand (`record_results`).
    #[validate(length(max = 200), nested)]
    pub samples: Option<Vec<Sample>>,
    /// The notice (`pass`, `fail`).
    #[validate(nested)]
    pub outcome: Option<LotOutcome>,
}

/// Filters of the lot list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportLotListQuery {
    /// Only this importer's lots.
    pub importer_tax_code: Option<String>,
    /// Only lots in this state.
    pub state: Option<ImportLotState>,
    /// Only lots this customs branch declared.
    pub customs_agency: Option<String>,
}

tdc_kernel::page!(ImportLotPage of ImportLot, "A page of import lots.", "The lots on this page, oldest first.");
