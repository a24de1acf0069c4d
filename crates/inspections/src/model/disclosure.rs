//! Public disclosure of serious violations (seed 001 Art. 11.1.h).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// A serious violation made public once its sanctioning decision became final — written by the
/// hub from the violation, without personal data or trade secrets. Public while published; after
/// its withdrawal only agencies read it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Disclosure {
    /// Who published it, who may read it (`public` while published), its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The violation disclosed.
    #[schema(format = "uuid")]
    pub violation_id: String,
    /// The business's registered name.
    pub business_name: String,
    /// Its tax code — absent for a household business, whose tax code is its owner's personal
    /// identification number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_code: Option<String>,
    /// The product concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_name: Option<String>,
    /// Its GTIN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    /// The provision breached.
    pub provision_code: String,
    /// Its article, clause and point.
    pub article: String,
    /// The act it sanctions.
    pub act: String,
    /// The sanctioning decision's number.
    pub decision_number: String,
    /// Its date.
    pub decision_date: NaiveDate,
    /// The sanctioning authority.
    pub authority: String,
    /// The fine, in VND.
    pub fine_vnd: i64,
    /// The day the decision became final.
    pub final_on: NaiveDate,
    /// The day it was published.
    pub published_on: NaiveDate,
    /// The day it was withdrawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn_on: Option<NaiveDate>,
    /// Why it was withdrawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawal_reason: Option<String>,
}

tdc_kernel::shared_record!(Disclosure);

/// Publishing a final violation (`POST /api/v1/violations/{id}/disclosure`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DisclosureInput {
    /// The day it is published; default: today (Vietnam's date).
    pub published_on: Option<NaiveDate>,
}

/// Withdrawing a disclosure (`POST /api/v1/disclosures/{id}/withdrawal`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DisclosureWithdrawal {
    /// Why.
    #[validate(length(min = 1, max = 4000))]
    pub reason: String,
    /// The day; default: today (Vietnam's date).
    pub withdrawn_on: Option<NaiveDate>,
}

/// Filters of the disclosure list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DisclosureListQuery {
    /// Only disclosures about this business (by tax code; household businesses' are not found so).
    pub tax_code: Option<String>,
    /// Only those published on or after this day.
    pub published_from: Option<NaiveDate>,
}

tdc_kernel::page!(DisclosurePage of Disclosure, "A page of disclosures.", "The disclosures on this page, oldest first.");
