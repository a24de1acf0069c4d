//! Agencies: every organisation that takes part in TĐC state management.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// What kind of organisation an agency is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// Sở Khoa học và Công nghệ: the Department of Science and Technology, TĐC focal point.
    Dost,
    /// A sector department (Sở Công Thương, Sở Y tế, Sở Nông nghiệp và Môi trường, Sở Xây dựng…).
    Department,
    /// A commune-level People's Committee (xã, phường, đặc khu).
    Commune,
    /// The provincial inspectorate (Thanh tra tỉnh / thành phố).
    Inspectorate,
    /// A customs branch (Chi cục Hải quan khu vực).
    Customs,
    /// The consumer protection association (Hội bảo vệ quyền lợi người tiêu dùng).
    ConsumerAssociation,
    /// The provincial People's Committee (UBND tỉnh / thành phố).
    PeopleCommittee,
    /// The police (Công an).
    Police,
    /// Any other organisation.
    Other,
}

impl AgencyKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Dost => "dost",
            AgencyKind::Department => "department",
            AgencyKind::Commune => "commune",
            AgencyKind::Inspectorate => "inspectorate",
            AgencyKind::Customs => "customs",
            AgencyKind::ConsumerAssociation => "consumer_association",
            AgencyKind::PeopleCommittee => "people_committee",
            AgencyKind::Police => "police",
            AgencyKind::Other => "other",
        }
    }
}

/// How to reach an agency's TĐC focal point.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
pub struct Contact {
    /// E-mail address of the focal point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(email)]
    #[schema(example = "skhcn@haiphong.gov.vn")]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 3, max = 40))]
    #[schema(example = "0225 3842 567")]
    pub phone: Option<String>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 500))]
    pub address: Option<String>,
}

/// An agency.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Agency {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The agency's code: short, upper-case, unique in this hub (e.g. `SKHCN`, `SCT`, `HQ-KV3`).
    #[schema(example = "SKHCN")]
    pub code: String,
    /// Official Vietnamese name.
    #[schema(example = "Sở Khoa học và Công nghệ thành phố Hải Phòng")]
    pub name_vi: String,
    /// English name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "Hai Phong Department of Science and Technology")]
    pub name_en: Option<String>,
    /// Kind of organisation.
    pub kind: AgencyKind,
    /// The sectors the agency leads or works in (e.g. `industry_trade`, `health`).
    pub sectors: Vec<String>,
    /// Contact of the TĐC focal point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Version for optimistic concurrency; also the `ETag`.
    pub version: i32,
    /// When the agency was registered in the hub.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

tdc_kernel::record!(Agency);

/// A new agency.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewAgency {
    /// Unique code: 2 to 32 characters of `A–Z`, `0–9`, `-`, `_`, `.`, starting with a letter or digit.
    #[validate(custom(function = "crate::rules::agency_code"))]
    #[schema(example = "SCT")]
    pub code: String,
    /// Official Vietnamese name.
    #[validate(length(min = 1, max = 300))]
    #[schema(example = "Sở Công Thương thành phố Hải Phòng")]
    pub name_vi: String,
    /// English name.
    #[validate(length(min = 1, max = 300))]
    pub name_en: Option<String>,
    /// Kind of organisation.
    pub kind: AgencyKind,
    /// Sectors, each 1 to 64 characters; at most 50.
    #[serde(default)]
    #[validate(length(max = 50), custom(function = "crate::rules::sectors"))]
    pub sectors: Vec<String>,
    /// Contact of the TĐC focal point.
    #[validate(nested)]
    pub contact: Option<Contact>,
}

/// Changes to an agency (JSON merge patch): absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AgencyPatch {
    /// New Vietnamese name.
    #[validate(length(min = 1, max = 300))]
    pub name_vi: Option<String>,
    /// New English name; an empty string removes it.
    #[validate(length(max = 300))]
    pub name_en: Option<String>,
    /// New kind.
    pub kind: Option<AgencyKind>,
    /// New list of sectors (replaces the old list).
    #[validate(length(max = 50), custom(function = "crate::rules::sectors"))]
    pub sectors: Option<Vec<String>>,
    /// New contact (replaces the old contact).
    #[validate(nested)]
    pub contact: Option<Contact>,
}

/// Filters of the agency list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgencyListQuery {
    /// Only agencies of this kind.
    pub kind: Option<AgencyKind>,
    /// Only the agency with this code.
    pub code: Option<String>,
}

tdc_kernel::page!(AgencyPage of Agency, "A page of agencies.", "The agencies on this page, oldest first.");
