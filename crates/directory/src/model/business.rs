//! Businesses (doanh nghiệp, cơ sở sản xuất kinh doanh), identified by tax code.

use serde::{Deserialize, Serialize};
use tdc_kernel::access::Sharing;
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// Whether a business is trading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum BusinessStatus {
    /// Trading (đang hoạt động).
    #[default]
    Active,
    /// Temporarily suspended (tạm ngừng kinh doanh).
    Suspended,
    /// Dissolved or closed (giải thể, chấm dứt hoạt động).
    Dissolved,
}

impl BusinessStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            BusinessStatus::Active => "active",
            BusinessStatus::Suspended => "suspended",
            BusinessStatus::Dissolved => "dissolved",
        }
    }
}

/// A business as the API shows it. `representative` and `phone` are personal data: only the
/// lead agency and DOST's administrators see them; they never appear in the change feed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct Business {
    /// Who leads it, who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// Tax code (mã số thuế): 10 digits, or 10 digits, `-` and a 3-digit branch number; for a
    /// household business, its owner's 12-digit personal identification number (see `household`).
    #[schema(example = "0100233488")]
    pub tax_code: String,
    /// A household business (hộ kinh doanh) identified by its owner's personal identification
    /// number: the tax code names a person, so the record is never `public` and never in public
    /// answers, exports or the anonymous change feed.
    pub household: bool,
    /// Registered name.
    #[schema(example = "Công ty TNHH Thủy sản Cát Hải")]
    pub name: String,
    /// Short or trading name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// Address of the head office or establishment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Code of the commune (xã, phường, đặc khu) of the address; see `/api/v1/administrative-units`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune_code: Option<String>,
    /// The record describes the business as it was before the 2025 reorganisation.
    pub historical: bool,
    /// Sectors of activity.
    pub sectors: Vec<String>,
    /// Whether it is trading.
    pub status: BusinessStatus,
    /// Legal representative's name (personal data: lead agency only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub representative: Option<String>,
    /// Telephone (personal data: lead agency only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Business e-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

tdc_kernel::shared_record!(Business);

/// A business's content, for creating (`POST`, with `tax_code`) or replacing (`PUT` by tax code).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BusinessInput {
    /// Tax code. Required by `POST`; `PUT` takes it from the path (and, if sent, it must match).
    #[validate(custom(function = "crate::rules::tax_code"))]
    #[schema(example = "0100233488")]
    pub tax_code: Option<String>,
    /// Registered name.
    #[validate(length(min = 1, max = 500))]
    pub name: String,
    /// Short or trading name.
    #[validate(length(min = 1, max = 200))]
    pub short_name: Option<String>,
    /// Address.
    #[validate(length(min = 1, max = 500))]
    pub address: Option<String>,
    /// Code of a recorded commune-level unit (commune, ward, special zone, or a former commune for
    /// old records); a former district only for a `historical` record, a province never
    /// (`not_a_commune`).
    #[validate(length(min = 1, max = 16))]
    pub commune_code: Option<String>,
    /// The record describes the business as it was before the 2025 reorganisation (e.g. one that
    /// closed earlier), so it may be filed under a former district (default `false`).
    #[serde(default)]
    pub historical: bool,
    /// Sectors of activity, each 1 to 64 characters; at most 50.
    #[serde(default)]
    #[validate(length(max = 50), custom(function = "crate::rules::sectors"))]
    pub sectors: Vec<String>,
    /// Whether it is trading (default `active`).
    #[serde(default)]
    pub status: BusinessStatus,
    /// Legal representative's name (personal data).
    #[validate(length(min = 1, max = 200))]
    pub representative: Option<String>,
    /// Telephone (personal data).
    #[validate(length(min = 3, max = 40))]
    pub phone: Option<String>,
    /// Business e-mail address.
    #[validate(email)]
    pub email: Option<String>,
    /// Who may read the record (default `shared`).
    #[serde(default)]
    pub sharing: Sharing,
    /// Agencies that also read a `restricted` record (their codes).
    #[serde(default)]
    #[validate(length(max = 50))]
    pub coordinating_agencies: Vec<String>,
    /// The lead agency's code. Default: the caller's agency; only DOST's administrators may
    /// name another.
    #[validate(length(min = 2, max = 32))]
    pub lead_agency: Option<String>,
}

impl BusinessInput {
    /// The tax code a creation or a batch item must name (422 `required` without it).
    pub fn required_tax_code(&self) -> Result<String, tdc_kernel::ApiError> {
        let missing = || tdc_kernel::ApiError::invalid_field("/tax_code", "required", "tax_code is required");
        self.tax_code.clone().ok_or_else(missing)
    }
}

/// Filters of the business list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BusinessListQuery {
    /// Search the name, short name and tax code, ignoring case and Vietnamese diacritics
    /// (`hai phong` finds `Hải Phòng`).
    pub q: Option<String>,
    /// Only businesses in this status.
    pub status: Option<BusinessStatus>,
    /// Only businesses led by this agency.
    pub lead_agency: Option<String>,
    /// Only businesses in this commune (its code), including those filed under the former units it
    /// succeeded (a current ward finds records filed under the communes merged into it).
    pub commune_code: Option<String>,
}

tdc_kernel::page!(BusinessPage of Business, "A page of businesses.", "The businesses on this page, oldest first.");
