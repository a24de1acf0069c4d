//! The inspections domain's request and response types.

mod disclosure;
mod import_lot;
mod inspection;
mod overlap;
mod plan;
mod provision;
mod risk;
mod violation;

pub use disclosure::{Disclosure, DisclosureInput, DisclosureListQuery, DisclosurePage, DisclosureWithdrawal};
pub use import_lot::{
    ImportLot, ImportLotAction, ImportLotActionName, ImportLotInput, ImportLotListQuery, ImportLotPage, ImportLotState,
    InspectionRegime, LotGoods, LotOutcome,
};
pub use inspection::{
    Conclusion, ECommerceListing, InspectedProduct, Inspection, InspectionAction, InspectionActionName,
    InspectionDocument, InspectionInput, InspectionListQuery, InspectionOrigin, InspectionOutcome, InspectionPage,
    InspectionState, Sample, SampleResult, TeamMember,
};
pub use overlap::{
    Overlap, OverlapListQuery, OverlapPage, OverlapResolution, OverlapStatus, Resolution, ResolutionKind,
};
pub use plan::{
    InspectionKind, InspectionPlan, InspectionPlanInput, InspectionPlanPage, PlanAction, PlanActionName, PlanItem,
    PlanItemInput, PlanItemPage, PlanListQuery, PlanState,
};
pub use provision::{LegalProvision, LegalProvisionInput, LegalProvisionPage, ProvisionListQuery};
pub use risk::{RiskFactor, RiskFactorName, RiskQuery, RiskRankingPage, RiskRankingQuery, RiskScore};
pub use violation::{
    CertificateMeasure, CertificateSanction, Offender, RemedialMeasure, SanctionDecision, Transfer, Violation,
    ViolationAction, ViolationActionName, ViolationInput, ViolationListQuery, ViolationPage, ViolationState,
};
