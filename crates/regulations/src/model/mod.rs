//! Request and response types of the regulations domain.

mod comment;
mod program;
mod regulation;
mod regulation_action;
mod regulation_lifecycle;
mod standard;

pub use comment::{
    CommentAnswer, CommentChannel, CommentInput, Commenter, Disposition, PublicCommentInput, RegulationComment,
    RegulationCommentPage,
};
pub use program::{
    ActualInput, Aggregation, Program, ProgramAction, ProgramActionName, ProgramInput, ProgramKind, ProgramListQuery,
    ProgramPage, ProgramProgress, ProgramState, ProgramTarget, ProgramTargetPage, ProgramTask, ProgramTaskPage,
    ReportingPeriod, TargetActual, TargetInput, TaskInput, TaskStatus, YearProgress,
};
pub use regulation::{
    CitedStandard, DocumentKind, InitialState, IssuanceInput, ProposalKind, RegulationDocument, RegulationListQuery,
    RegulationState, TechnicalRegulation, TechnicalRegulationInput, TechnicalRegulationPage,
};
pub use regulation_action::OpenConsultation;
pub use regulation_action::{
    AcceptIntoPlan, AppraisalConclusion, BringIntoForce, Closing, Issue, Modification, RecordMinistryOpinion, Register,
    RegulationAction, Repeal, Replace, RequestMinistryOpinion, Review, StartDrafting, SubmitForAppraisal,
};
pub use regulation_lifecycle::{
    AppraisalFacts, ChangeFacts, ConsultationFacts, DecisionRef, EndFacts, IssuanceFacts, MinistryOpinionFacts,
    ProposalFacts, RegistrationFacts, RegulationLifecycle, RegulationLink, ReviewFacts, ReviewResult,
};
pub use standard::{Standard, StandardInput, StandardKind, StandardListQuery, StandardPage, StandardStatus};

use chrono::{DateTime, NaiveDateTime, Utc};

/// A stored UTC timestamp as the API shows it.
pub(crate) fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(t, Utc)
}
