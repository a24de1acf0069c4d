//! Conformity declarations (công bố hợp chuẩn, hợp quy) received by the agencies.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tdc_kernel::access::Sharing;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// What the product is declared to conform to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeclarationKind {
    /// A standard (hợp chuẩn): `standard` names it.
    Standard,
    /// A technical regulation (hợp quy): a QCĐP (`technical_regulation`) or a national QCVN
    /// (`national_regulation`).
    Regulation,
}

/// What the declaration rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeclarationBasis {
    /// A product certificate from a registered certification body.
    ThirdParty,
    /// The business's own assessment (with test reports, possibly from a registered laboratory).
    SelfAssessment,
}

/// Where a declaration stands: `received`, `withdrawn` (by the business) or `invalidated` (by the
/// receiving agency, e.g. when its certificate was revoked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeclarationStatus {
    /// Received and in force.
    Received,
    /// Withdrawn by the business.
    Withdrawn,
    /// Invalidated by the receiving agency.
    Invalidated,
}

/// Something a receiving agency should look at again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeclarationFlag {
    /// The certification body it rests on no longer holds an active registration for
    /// certification (revoked, suspended or expired); cleared if a suspension is lifted.
    CertifierNotRegistered,
}

/// The certificate or test report a declaration rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The body that certified or tested (a body in the registry); required for `third_party`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(format = "uuid")]
    pub body_id: Option<String>,
    /// The product certificate's or test report's number.
    #[validate(length(min = 1, max = 100))]
    pub number: String,
    /// Its date.
    pub issued_on: NaiveDate,
    /// Its last day of validity (product certificates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
}

/// A conformity declaration.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Declaration {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// Conformity to a standard or to a technical regulation.
    pub kind: DeclarationKind,
    /// The declaring business's tax code.
    pub tax_code: String,
    /// The product.
    pub product_name: String,
    /// The product's GTIN, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    /// The standard declared against (`kind = standard`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// The QCĐP declared against.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = "uuid")]
    pub technical_regulation_id: Option<String>,
    /// The regulation's code: the QCĐP's, or the national QCVN's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regulation_code: Option<String>,
    /// What it rests on.
    pub basis: DeclarationBasis,
    /// The certificate or test report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// The receiving agency.
    pub receiving_agency: String,
    /// The receipt number (số tiếp nhận), unique per receiving agency.
    pub receipt_number: String,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// Where it stands.
    pub status: DeclarationStatus,
    /// What the receiving agency should look at again (empty when nothing).
    pub flags: Vec<DeclarationFlag>,
    /// Who may read it: `public` unless the declaring business (or the receiving agency) keeps it
    /// narrower; never more visible than the business.
    pub sharing: Sharing,
    /// Agencies that also read it when `restricted`.
    pub coordinating_agencies: Vec<String>,
    /// Version; also the `ETag`.
    pub version: i32,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

tdc_kernel::record!(Declaration);

/// A declaration received.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewDeclaration {
    /// Conformity to a standard or to a technical regulation.
    pub kind: DeclarationKind,
    /// The declaring business's tax code (a business in `/api/v1/businesses`).
    #[validate(custom(function = "tdc_directory::rules::tax_code"))]
    pub tax_code: String,
    /// The product.
    #[validate(length(min = 1, max = 500))]
    pub product_name: String,
    /// The product's GTIN (8, 12, 13 or 14 digits; stored as GTIN-14).
    #[validate(custom(function = "tdc_directory::rules::gtin"))]
    pub gtin: Option<String>,
    /// The standard (designation in the catalogue), for `kind = standard`.
    pub standard: Option<String>,
    /// The QCĐP (id or code, in force), for `kind = regulation`.
    pub technical_regulation: Option<String>,
    /// A national technical regulation's code (QCVN), for `kind = regulation` when not a QCĐP.
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "QCVN 16:2023/BXD")]
    pub national_regulation: Option<String>,
    /// What it rests on.
    pub basis: DeclarationBasis,
    /// The certificate (required for `third_party`) or test report.
    #[validate(nested)]
    pub evidence: Option<Evidence>,
    /// The receipt number.
    #[validate(length(min = 1, max = 100))]
    pub receipt_number: String,
    /// The day it was received; default: today.
    pub received_on: Option<NaiveDate>,
    /// Who may read it. Default `public`: receiving agencies publish the declarations they receive.
    /// It is never more visible than the declaring business: under a `shared` business it is at
    /// most `shared`, under a `restricted` one restricted to that business's readers.
    pub sharing: Option<Sharing>,
    /// Agencies that also read a `restricted` declaration.
    #[serde(default)]
    #[validate(length(max = 50))]
    pub coordinating_agencies: Vec<String>,
}

/// The declaration actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeclarationActionName {
    /// received → withdrawn (receiving agency, at the business's request).
    Withdraw,
    /// received → invalidated (receiving agency).
    Invalidate,
}

/// The body of `POST /api/v1/conformity-declarations/{id}/transitions`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DeclarationAction {
    /// The action.
    pub action: DeclarationActionName,
    /// Why.
    #[validate(length(min = 1, max = 4000))]
    pub reason: String,
}

/// Filters of the declaration list (a caller sees the declarations its sharing level allows).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeclarationListQuery {
    /// Only this business's declarations.
    pub tax_code: Option<String>,
    /// Only declarations against this standard (designation).
    pub standard: Option<String>,
    /// Only declarations resting on this body's certificates.
    pub body_id: Option<String>,
    /// Only declarations in this status.
    pub status: Option<DeclarationStatus>,
    /// Only declarations of the product with this GTIN (8 to 14 digits).
    pub gtin: Option<String>,
}

tdc_kernel::page!(DeclarationPage of Declaration, "A page of declarations.", "The declarations on this page.");
