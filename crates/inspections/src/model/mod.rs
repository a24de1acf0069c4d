//! The inspections domain's request and response types.

mod overlap;
mod plan;

pub use overlap::{
    Overlap, OverlapListQuery, OverlapPage, OverlapResolution, OverlapStatus, Resolution, ResolutionKind,
};
pub use plan::{
    InspectionKind, InspectionPlan, InspectionPlanInput, InspectionPlanPage, PlanAction, PlanActionName, PlanItem,
    PlanItemInput, PlanItemPage, PlanListQuery, PlanState,
};
