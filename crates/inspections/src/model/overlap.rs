//! Overlap cases: the same business planned by two agencies in overlapping periods (seed 000
//! Art. 13.3, seed 001 Art. 11.3), and the inspectorate's resolution of each.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// Whether a case still waits for the inspectorate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OverlapStatus {
    /// Waiting: neither plan can be approved until it is resolved.
    Open,
    /// Resolved (see `resolution`).
    Resolved,
}

/// How a case was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Merged into one joint inspection led by `joint_lead` (seed 001 Art. 11.1.đ, 13.3).
    Joint,
    /// One of the two items was moved to a period that no longer overlaps.
    Rescheduled,
    /// Both inspections go ahead, for the reason in `justification`.
    KeptBoth,
    /// One of the two plans was withdrawn.
    PlanWithdrawn,
}

/// A business planned by two agencies in overlapping periods, or planned by one and inspected by
/// another lately. Shared with every agency; the
/// provincial inspectorate leads it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Overlap {
    /// Who leads it (the inspectorate), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The business planned twice.
    pub tax_code: String,
    /// The plan whose submission found the overlap.
    #[schema(format = "uuid")]
    pub plan_id: String,
    /// Its item naming the business.
    #[schema(format = "uuid")]
    pub item_id: String,
    /// The agency of that plan.
    pub agency: String,
    /// The plan it overlaps (absent when the other side is a recent inspection).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = "uuid")]
    pub other_plan_id: Option<String>,
    /// That plan's item naming the business.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = "uuid")]
    pub other_item_id: Option<String>,
    /// The inspection of the business another agency concluded lately (within
    /// `recent_inspection_months` before the planned period), when that is the other side.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = "uuid")]
    pub inspection_id: Option<String>,
    /// The other plan's agency, or the recent inspection's.
    pub other_agency: String,
    /// First day both plans would inspect the business (for a recent inspection: its first day).
    pub overlap_from: NaiveDate,
    /// Last day both plans would inspect it (for a recent inspection: its last day).
    pub overlap_to: NaiveDate,
    /// Whether it still waits for the inspectorate.
    pub status: OverlapStatus,
    /// How it was resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Resolution>,
    /// The agency leading the joint inspection (`joint`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joint_lead: Option<String>,
    /// Why (required for `kept_both`; a note otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// The agency that resolved it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<String>,
}

tdc_kernel::shared_record!(Overlap);

/// What the inspectorate decides on an overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResolutionKind {
    /// Merge the two into one joint inspection led by `joint_lead` (one of the two agencies); not
    /// for a recent inspection, which is over.
    Joint,
    /// Move `item_id` (one of the two items) to `period_from`–`period_to`, which must not
    /// overlap the other item's period (after a recent inspection: must begin more than
    /// `recent_inspection_months` after its conclusion); its plan records the change.
    Reschedule,
    /// Keep both inspections, with a `justification`.
    KeepBoth,
}

/// The inspectorate's resolution of an overlap (`POST /api/v1/inspection-overlaps/{id}/resolution`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OverlapResolution {
    /// What is decided.
    pub resolution: ResolutionKind,
    /// The agency leading the joint inspection (`joint`): one of the two plans' agencies.
    pub joint_lead: Option<String>,
    /// The item to move (`reschedule`): one of the two.
    #[schema(format = "uuid")]
    pub item_id: Option<String>,
    /// The moved item's first day (`reschedule`).
    pub period_from: Option<NaiveDate>,
    /// The moved item's last day (`reschedule`).
    pub period_to: Option<NaiveDate>,
    /// Why (required for `keep_both`).
    #[validate(length(min = 1, max = 4000))]
    pub justification: Option<String>,
}

/// Filters of the overlap list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OverlapListQuery {
    /// Only cases involving this plan (on either side).
    pub plan_id: Option<String>,
    /// Only cases about this business.
    pub tax_code: Option<String>,
    /// Only cases in this status.
    pub status: Option<OverlapStatus>,
}

tdc_kernel::page!(OverlapPage of Overlap, "A page of overlap cases.", "The cases on this page, oldest first.");
