//! Conformity assessment bodies (tổ chức đánh giá sự phù hợp): who they are, what they do, where.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::certificate::{CertificateStatus, CertificateSummary};

/// What a body does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// Testing (thử nghiệm).
    Testing,
    /// Inspection (giám định).
    Inspection,
    /// Certification (chứng nhận).
    Certification,
}

impl Activity {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Activity::Testing => "testing",
            Activity::Inspection => "inspection",
            Activity::Certification => "certification",
        }
    }

    /// The accreditation standards that fit this activity.
    pub fn accreditation_standards(self) -> &'static [AccreditationStandard] {
        use AccreditationStandard::*;
        match self {
            Activity::Testing => &[Iso17025],
            Activity::Inspection => &[Iso17020],
            Activity::Certification => &[Iso17065, Iso17021_1, Iso17024],
        }
    }
}

/// The standard a body is accredited against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum AccreditationStandard {
    /// Testing and calibration laboratories.
    #[serde(rename = "ISO/IEC 17025")]
    Iso17025,
    /// Inspection bodies.
    #[serde(rename = "ISO/IEC 17020")]
    Iso17020,
    /// Bodies certifying products, processes and services.
    #[serde(rename = "ISO/IEC 17065")]
    Iso17065,
    /// Bodies certifying management systems.
    #[serde(rename = "ISO/IEC 17021-1")]
    Iso17021_1,
    /// Bodies certifying persons.
    #[serde(rename = "ISO/IEC 17024")]
    Iso17024,
}

/// Whether an accreditation holds, as the accreditation body says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccreditationStatus {
    /// In force (until `valid_until`).
    Active,
    /// Suspended by the accreditation body.
    Suspended,
    /// Withdrawn by the accreditation body.
    Withdrawn,
}

/// A body's accreditation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Accreditation {
    /// The accreditation body, e.g. `BoA` (Văn phòng Công nhận Chất lượng) or `AOSC`.
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "BoA")]
    pub accreditation_body: String,
    /// The accreditation number, e.g. `VILAS 1234`, `VICB 056`.
    #[validate(length(min = 1, max = 50))]
    #[schema(example = "VILAS 1234")]
    pub number: String,
    /// The standard accredited against.
    pub standard: AccreditationStandard,
    /// First day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    /// Last day.
    pub valid_until: NaiveDate,
    /// Whether it holds.
    pub status: AccreditationStatus,
}

/// What kind of site a body has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    /// A branch (chi nhánh).
    Branch,
    /// A laboratory (phòng thử nghiệm).
    Laboratory,
}

/// A branch or laboratory, with the province it is in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Branch or laboratory.
    pub kind: SiteKind,
    /// Its name.
    #[validate(length(min = 1, max = 300))]
    pub name: String,
    /// Its address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 500))]
    pub address: Option<String>,
    /// The province's two-digit administrative code, e.g. `01` (Hà Nội), `79` (TP. Hồ Chí Minh).
    #[validate(custom(function = "crate::rules::province_code"))]
    #[schema(example = "01")]
    pub province_code: String,
}

/// How to reach a body's contact person (personal data: shown only to the managing agency).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(as = BodyContact)]
pub struct Contact {
    /// The contact person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200))]
    pub person: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 3, max = 30))]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(email)]
    pub email: Option<String>,
}

/// Something about a record an agency should look at (not a refusal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Flag {
    /// Stable code, e.g. `accreditation_expired`.
    pub code: String,
    /// Explanation.
    pub message: String,
}

/// A conformity assessment body. Its identity (id, tax code) is kept for life.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ConformityBody {
    /// Identifier (UUIDv7), kept for life.
    #[schema(format = "uuid")]
    pub id: String,
    /// The tax code of the business behind it (in `/api/v1/businesses`).
    #[schema(example = "0200123456")]
    pub tax_code: String,
    /// Its name.
    pub name: String,
    /// What it does.
    pub activities: Vec<Activity>,
    /// Its fields (lĩnh vực), e.g. `vật liệu xây dựng`, `thực phẩm`.
    pub fields: Vec<String>,
    /// Its head office address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The commune of its head office (administrative unit code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune_code: Option<String>,
    /// Its accreditation, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accreditation: Option<Accreditation>,
    /// Its branches and laboratories.
    pub sites: Vec<Site>,
    /// The provinces it has sites in (two-digit codes), its home province included.
    pub province_codes: Vec<String>,
    /// The agency that manages it: DOST, or a sector department for its field.
    pub managing_agency: String,
    /// Its contact person (only for the managing agency).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Its registration certificates that are not revoked, with their scope.
    pub certificates: Vec<CertificateSummary>,
    /// Things to look at, e.g. `accreditation_expired`, `certificate_expiring`.
    pub flags: Vec<Flag>,
    /// Version; also the `ETag`.
    pub version: i32,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

tdc_kernel::record!(ConformityBody);

/// A body's content, for `POST`, `PUT …/by-tax-code/{tax_code}` and batches.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ConformityBodyInput {
    /// The business's tax code (required by `POST` and batches; `PUT` takes it from the path).
    pub tax_code: Option<String>,
    /// Its name; default: the business's registered name.
    #[validate(length(min = 1, max = 500))]
    pub name: Option<String>,
    /// What it does: one or several.
    #[validate(length(min = 1, max = 3))]
    pub activities: Vec<Activity>,
    /// Its fields.
    #[serde(default)]
    #[validate(length(max = 50), custom(function = "crate::rules::fields"))]
    pub fields: Vec<String>,
    /// Its head office address.
    #[validate(length(min = 1, max = 500))]
    pub address: Option<String>,
    /// The commune of its head office (a known administrative unit).
    pub commune_code: Option<String>,
    /// Its accreditation.
    #[validate(nested)]
    pub accreditation: Option<Accreditation>,
    /// Its branches and laboratories.
    #[serde(default)]
    #[validate(length(max = 100), nested)]
    pub sites: Vec<Site>,
    /// Its contact person (personal data).
    #[validate(nested)]
    pub contact: Option<Contact>,
    /// The managing agency; default: the caller's (another only for DOST's administrators).
    pub managing_agency: Option<String>,
}

/// Filters of the public registry.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BodyListQuery {
    /// Search names and tax codes, ignoring case and Vietnamese diacritics.
    pub q: Option<String>,
    /// Only bodies doing this.
    pub activity: Option<Activity>,
    /// Only bodies registered in a field containing this text.
    pub field: Option<String>,
    /// Only bodies whose certificates' scope names a product containing this text.
    pub product: Option<String>,
    /// Only bodies whose certificates' scope cites this standard (designation).
    pub standard: Option<String>,
    /// Only bodies with a site in this province (two-digit code).
    pub province: Option<String>,
    /// Only bodies with a certificate in this status.
    pub status: Option<CertificateStatus>,
    /// Only bodies this agency manages.
    pub managing_agency: Option<String>,
}

tdc_kernel::page!(ConformityBodyPage of ConformityBody, "A page of bodies.", "The bodies on this page.");
