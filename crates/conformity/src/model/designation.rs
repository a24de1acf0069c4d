//! Designations (chỉ định) of certification bodies to certify conformity with a QCĐP.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tdc_regulations::model::DecisionRef;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// Where a designation stands: `active`, `expired` (past `valid_until`, computed), `lapsed` (its
/// body lost its registration for certification) or `revoked`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DesignationStatus {
    /// In force.
    Active,
    /// Past its validity.
    Expired,
    /// Its body's registration for certification was revoked, suspended or expired (`lapse` says
    /// why and when); active again when a suspended registration is restored.
    Lapsed,
    /// Revoked (final).
    Revoked,
}

/// Why a designation lapsed: its body no longer holds an active registration for certification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DesignationLapse {
    /// The day it lapsed.
    pub on: NaiveDate,
    /// What happened to the body's registration, e.g. `certificate 15/2024/GCN revoked`.
    pub reason: String,
}

/// A designation of a certification body for a QCĐP.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Designation {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The designated body.
    #[schema(format = "uuid")]
    pub body_id: String,
    /// The QCĐP.
    #[schema(format = "uuid")]
    pub technical_regulation_id: String,
    /// The QCĐP's code.
    #[schema(example = "QCĐP 01:2023/TPHP")]
    pub regulation_code: String,
    /// The People's Committee's designation decision.
    pub decision: DecisionRef,
    /// What it may certify (products, clauses).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// First day.
    pub valid_from: NaiveDate,
    /// Last day, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// Where it stands.
    pub status: DesignationStatus,
    /// The revocation, once revoked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revocation: Option<DesignationRevocation>,
    /// Why it lapsed, while `lapsed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lapse: Option<DesignationLapse>,
    /// The actions that may be taken now.
    pub next_actions: Vec<String>,
    /// The agency that recorded it (DOST).
    pub lead_agency: String,
    /// Version; also the `ETag`.
    pub version: i32,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

tdc_kernel::record!(Designation);

/// A new designation (DOST records the People's Committee's decision).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewDesignation {
    /// The body designated; it must be registered for certification.
    #[schema(format = "uuid")]
    pub body_id: String,
    /// The QCĐP, by id or code; it must be issued and not ended.
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "QCĐP 01:2023/TPHP")]
    pub technical_regulation: String,
    /// The decision.
    #[validate(nested)]
    pub decision: DecisionRef,
    /// What it may certify.
    #[validate(length(min = 1, max = 4000))]
    pub scope: Option<String>,
    /// First day; default: the decision's date.
    pub valid_from: Option<NaiveDate>,
    /// Last day, when there is one.
    pub valid_until: Option<NaiveDate>,
}

/// A designation's revocation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DesignationRevocation {
    /// Why.
    #[validate(length(min = 1, max = 4000))]
    pub reason: String,
    /// The decision.
    #[validate(nested)]
    pub decision: DecisionRef,
}

/// The body of `POST /api/v1/designations/{id}/transitions`: `revoke` (DOST), with its reason and decision.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DesignationAction {
    /// The action: `revoke`.
    pub action: DesignationActionName,
    /// Why.
    #[validate(length(min = 1, max = 4000))]
    pub reason: String,
    /// The decision.
    #[validate(nested)]
    pub decision: DecisionRef,
}

/// The designation actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DesignationActionName {
    /// active or expired → revoked (DOST).
    Revoke,
}

/// Filters of the designation list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DesignationListQuery {
    /// Only designations of this body.
    pub body_id: Option<String>,
    /// Only designations for this QCĐP (id or code).
    pub technical_regulation: Option<String>,
    /// Only designations in this status.
    pub status: Option<DesignationStatus>,
}

tdc_kernel::page!(DesignationPage of Designation, "A page of designations.", "The designations on this page.");
