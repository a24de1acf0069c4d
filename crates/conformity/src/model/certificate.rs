//! Registration certificates (Giấy chứng nhận đăng ký hoạt động thử nghiệm, giám định, chứng nhận):
//! every action makes a version linked to its predecessor.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tdc_regulations::model::DecisionRef;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::body::Activity;

/// Where a certificate stands.
///
/// - `active`: in force. `suspended`: suspended (đình chỉ) until restored.
/// - `revoked`: revoked (thu hồi), final. `expired`: past `valid_until` (computed from the date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CertificateStatus {
    /// In force.
    Active,
    /// Suspended.
    Suspended,
    /// Revoked.
    Revoked,
    /// Past its validity.
    Expired,
}

impl CertificateStatus {
    /// The name, as stored and as the state table knows it.
    pub fn as_str(self) -> &'static str {
        match self {
            CertificateStatus::Active => "active",
            CertificateStatus::Suspended => "suspended",
            CertificateStatus::Revoked => "revoked",
            CertificateStatus::Expired => "expired",
        }
    }

    /// Parses a name.
    pub fn parse(s: &str) -> CertificateStatus {
        match s {
            "suspended" => CertificateStatus::Suspended,
            "revoked" => CertificateStatus::Revoked,
            "expired" => CertificateStatus::Expired,
            _ => CertificateStatus::Active,
        }
    }
}

/// One line of a certificate's scope: a field, and the products, standards and test methods in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ScopeItem {
    /// The field (lĩnh vực), e.g. `vật liệu xây dựng`.
    #[validate(length(min = 1, max = 200))]
    pub field: String,
    /// Products or product groups.
    #[serde(default)]
    #[validate(length(max = 200))]
    pub products: Vec<String>,
    /// Standards and technical regulations (designations in the catalogue, e.g. `TCVN 6260:2020`).
    #[serde(default)]
    #[validate(length(max = 200))]
    pub standards: Vec<String>,
    /// Test methods, when they are not standards.
    #[serde(default)]
    #[validate(length(max = 200))]
    pub test_methods: Vec<String>,
}

/// A certificate as the public registry shows it on a body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CertificateSummary {
    /// The certificate's id.
    #[schema(format = "uuid")]
    pub id: String,
    /// Its number.
    pub number: String,
    /// The activity it registers.
    pub activity: Activity,
    /// Where it stands.
    pub status: CertificateStatus,
    /// Last day of validity, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// Its current scope.
    pub scope: Vec<ScopeItem>,
    /// The revocation, for a revoked certificate (published: seed 000 Art. 9.1.d).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revocation: Option<Revocation>,
}

/// How a certificate was revoked: the decision (its number and date) and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Revocation {
    /// The revoking decision.
    pub decision: DecisionRef,
    /// Why it was revoked.
    pub reason: String,
}

/// A registration certificate as it stands now.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Certificate {
    /// Identifier (UUIDv7) of the certificate across all its versions.
    #[schema(format = "uuid")]
    pub id: String,
    /// The body it registers.
    #[schema(format = "uuid")]
    pub body_id: String,
    /// Its number (a reissue may give a new one).
    #[schema(example = "15/2024/GCN-SKHCN")]
    pub number: String,
    /// The activity it registers.
    pub activity: Activity,
    /// Where it stands.
    pub status: CertificateStatus,
    /// The agency that manages it (and the body): it receives the dossier and prepares the
    /// decision.
    pub issuing_agency: String,
    /// The authority that issued it: the provincial People's Committee, whose Chairman signs
    /// registration certificates (seed 000 Art. 9.1.a).
    #[schema(example = "UBND thành phố Hải Phòng")]
    pub issuing_authority: String,
    /// Who signed it for the People's Committee, when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "Phó Chủ tịch UBND thành phố Nguyễn Văn A")]
    pub signed_by: Option<String>,
    /// The revocation, once revoked (decision and reason).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revocation: Option<Revocation>,
    /// The day it was first issued.
    pub first_issued_on: NaiveDate,
    /// Last day of validity, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// The current version's number (1 for the first issue).
    pub current_version: i32,
    /// Its current scope.
    pub scope: Vec<ScopeItem>,
    /// The reference of the latest dossier received through the National Public Service Portal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dossier_ref: Option<String>,
    /// The actions that may be taken now (`POST …/transitions`).
    pub next_actions: Vec<String>,
    /// Version of this record; also the `ETag`.
    pub version: i32,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

tdc_kernel::record!(Certificate);

/// What made a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CertificateActionName {
    /// First issue (cấp mới).
    Issue,
    /// An existing certificate loaded into the hub.
    Load,
    /// Scope added (cấp bổ sung).
    Supplement,
    /// Amended (sửa đổi).
    Amend,
    /// Reissued (cấp lại).
    Reissue,
    /// Suspended (đình chỉ).
    Suspend,
    /// Restored after a suspension.
    Restore,
    /// Revoked (thu hồi).
    Revoke,
    /// Its last day of validity passed; recorded by the hub itself (`client_id` `tdc-hub`) the
    /// next day, in the transition log and the change feed.
    Expire,
}

/// One version of a certificate: what an action made of it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CertificateVersion {
    /// Its number in the chain: 1, 2, 3…
    pub version_no: i32,
    /// The action that made it.
    pub action: CertificateActionName,
    /// The version it follows (absent for the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predecessor_version_no: Option<i32>,
    /// The certificate's number at this version.
    pub number: String,
    /// Where it stood.
    pub status: CertificateStatus,
    /// The day this version took effect.
    pub effective_from: NaiveDate,
    /// Last day of validity at this version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// The scope at this version.
    pub scope: Vec<ScopeItem>,
    /// The decision behind it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionRef>,
    /// The National Public Service Portal dossier it answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dossier_ref: Option<String>,
    /// Why (suspensions, revocations, reissues).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The agency that recorded it.
    pub agency_code: String,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

tdc_kernel::page!(CertificateVersionPage of CertificateVersion, "A page of versions, oldest first.", "The versions on this page.");

/// A new registration certificate (cấp mới), or an existing one being loaded.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewCertificate {
    /// The body's tax code (batches only; otherwise the body is in the path).
    pub tax_code: Option<String>,
    /// The certificate's number.
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "15/2024/GCN-SKHCN")]
    pub number: String,
    /// The activity it registers; the body must do it.
    pub activity: Activity,
    /// The decision issuing it (its date is the issue date); its `issued_by` is the People's
    /// Committee (default: the province's).
    #[validate(nested)]
    pub decision: DecisionRef,
    /// Who signed it for the People's Committee (its Chairman, or a Vice-Chairman by delegation).
    #[validate(length(min = 1, max = 200))]
    pub signed_by: Option<String>,
    /// Last day of validity, when there is one (after the issue date).
    pub valid_until: Option<NaiveDate>,
    /// Its scope (at least one line).
    #[validate(length(min = 1, max = 200), nested)]
    pub scope: Vec<ScopeItem>,
    /// The National Public Service Portal dossier reference, when it came through the portal.
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "000.00.17.H31-240315-0012")]
    pub dossier_ref: Option<String>,
}

/// `supplement`: scope added (cấp bổ sung).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Supplement {
    /// The scope lines added.
    #[validate(length(min = 1, max = 200), nested)]
    pub scope: Vec<ScopeItem>,
    /// The decision.
    #[validate(nested)]
    pub decision: DecisionRef,
    /// The portal dossier.
    #[validate(length(min = 1, max = 100))]
    pub dossier_ref: Option<String>,
}

/// `amend`: the certificate amended (sửa đổi): a new scope, validity or number.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Amend {
    /// What changed and why.
    #[validate(length(min = 1, max = 4000))]
    pub reason: String,
    /// The whole new scope, when it changes.
    #[validate(length(min = 1, max = 200), nested)]
    pub scope: Option<Vec<ScopeItem>>,
    /// The new last day of validity, when it changes.
    pub valid_until: Option<NaiveDate>,
    /// The decision.
    #[validate(nested)]
    pub decision: DecisionRef,
    /// The portal dossier.
    #[validate(length(min = 1, max = 100))]
    pub dossier_ref: Option<String>,
}

/// `reissue`: the certificate reissued (cấp lại), e.g. lost or damaged, possibly with a new number.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Reissue {
    /// Why.
    #[validate(length(min = 1, max = 4000))]
    pub reason: String,
    /// The new number, when it changes.
    #[validate(length(min = 1, max = 100))]
    pub number: Option<String>,
    /// The decision.
    #[validate(nested)]
    pub decision: DecisionRef,
    /// The portal dossier.
    #[validate(length(min = 1, max = 100))]
    pub dossier_ref: Option<String>,
}

/// `suspend`, `revoke`: a reason and the decision (required).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Sanction {
    /// Why.
    #[validate(length(min = 1, max = 4000))]
    pub reason: String,
    /// The decision.
    #[validate(nested)]
    pub decision: DecisionRef,
}

/// `restore`: the suspension lifted.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Restore {
    /// The decision lifting it.
    #[validate(nested)]
    pub decision: DecisionRef,
}

/// One action on a certificate; `action` names it. Each makes a new version linked to the last.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum CertificateAction {
    /// active → active: scope added (managing agency).
    Supplement(Supplement),
    /// active → active: amended (managing agency).
    Amend(Amend),
    /// active or suspended → the same: reissued (managing agency).
    Reissue(Reissue),
    /// active → suspended (managing agency).
    Suspend(Sanction),
    /// suspended → active (managing agency).
    Restore(Restore),
    /// active or suspended → revoked (managing agency); final.
    Revoke(Sanction),
}

impl CertificateAction {
    /// The action's name.
    pub fn name(&self) -> CertificateActionName {
        match self {
            CertificateAction::Supplement(_) => CertificateActionName::Supplement,
            CertificateAction::Amend(_) => CertificateActionName::Amend,
            CertificateAction::Reissue(_) => CertificateActionName::Reissue,
            CertificateAction::Suspend(_) => CertificateActionName::Suspend,
            CertificateAction::Restore(_) => CertificateActionName::Restore,
            CertificateAction::Revoke(_) => CertificateActionName::Revoke,
        }
    }
}

impl Validate for CertificateAction {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        match self {
            CertificateAction::Supplement(a) => a.validate(),
            CertificateAction::Amend(a) => a.validate(),
            CertificateAction::Reissue(a) => a.validate(),
            CertificateAction::Suspend(a) | CertificateAction::Revoke(a) => a.validate(),
            CertificateAction::Restore(a) => a.validate(),
        }
    }
}

/// Filters of the certificate list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CertificateListQuery {
    /// Only this body's certificates.
    pub body_id: Option<String>,
    /// Only certificates of this activity.
    pub activity: Option<Activity>,
    /// Only certificates in this status.
    pub status: Option<CertificateStatus>,
    /// Only certificates whose scope cites this standard (designation).
    pub standard: Option<String>,
}

tdc_kernel::page!(CertificatePage of Certificate, "A page of certificates.", "The certificates on this page.");

/// The scope a certificate had on a given day.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScopeOnDate {
    /// The day asked about.
    pub on: NaiveDate,
    /// The version in effect that day.
    pub version: CertificateVersion,
}

/// The day to read a certificate's scope on.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ScopeQuery {
    /// The day, e.g. `2025-03-01`.
    pub on: NaiveDate,
}
