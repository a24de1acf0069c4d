//! The body of `POST /api/v1/technical-regulations/{id}/transitions`: one variant per action,
//! told apart by `action`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::regulation_lifecycle::{DecisionRef, ReviewResult};

/// `accept_into_plan` (DOST): the proposal enters the annual or five-year plan.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AcceptIntoPlan {
    /// The program (plan) it enters, from `/api/v1/programs`; a task tracking its drafting is
    /// added to that program, led by the regulation's lead agency.
    #[schema(format = "uuid")]
    pub program_id: Option<String>,
    /// When the drafting task is due.
    pub due_date: Option<NaiveDate>,
}

/// `reject_proposal` (DOST), `withdraw` (lead agency): a reason, and a decision if there is one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    /// Why.
    #[validate(length(min = 1, max = 4000))]
    pub reason: String,
    /// The decision, when there is one.
    #[validate(nested)]
    pub decision: Option<DecisionRef>,
}

/// `start_drafting` (lead agency): the drafting committee is formed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct StartDrafting {
    /// The decision forming the drafting committee.
    #[validate(nested)]
    pub decision: DecisionRef,
}

/// `open_consultation` (lead agency): the draft is published for comments.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OpenConsultation {
    /// First day comments are taken.
    pub opens_on: NaiveDate,
    /// Last day comments are taken (on or after `opens_on`).
    pub closes_on: NaiveDate,
    /// A link to the draft.
    #[validate(custom(function = "crate::rules::http_url"))]
    pub draft_url: Option<String>,
}

/// `submit_for_appraisal` (lead agency): closes the consultation (every comment must have been
/// answered) and sends the file to the appraisal council.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SubmitForAppraisal {
    /// The decision forming the appraisal council.
    #[validate(nested)]
    pub decision: DecisionRef,
}

/// `pass_appraisal`, `return_for_revision` (DOST): the council's conclusion.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AppraisalConclusion {
    /// The day the council concluded.
    pub concluded_on: NaiveDate,
    /// Its remarks (required when returning the draft for revision).
    #[validate(length(min = 1, max = 4000))]
    pub remarks: Option<String>,
    /// Its report.
    #[validate(nested)]
    pub report: Option<DecisionRef>,
}

/// `request_ministry_opinion` (lead agency).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RequestMinistryOpinion {
    /// The sector ministry asked.
    #[validate(length(min = 1, max = 200))]
    #[schema(example = "Bộ Nông nghiệp và Môi trường")]
    pub ministry: String,
    /// The letter asking.
    #[validate(nested)]
    pub decision: DecisionRef,
}

/// `record_ministry_opinion` (lead agency).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RecordMinistryOpinion {
    /// The ministry's answer.
    #[validate(nested)]
    pub decision: DecisionRef,
    /// What it said.
    #[validate(length(min = 1, max = 4000))]
    pub summary: Option<String>,
}

/// `issue` (lead agency or DOST): the People's Committee's issuing decision.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// The code, if the regulation has none yet (or to confirm it).
    #[validate(custom(function = "crate::rules::regulation_code"))]
    #[schema(example = "QCĐP 01:2023/TPHP")]
    pub code: Option<String>,
    /// The decision.
    #[validate(nested)]
    pub decision: DecisionRef,
    /// When it takes effect (on or after the decision date).
    pub effective_date: NaiveDate,
}

/// `register` (DOST): registration with the ministry.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// The day it was registered.
    pub registered_on: NaiveDate,
    /// The registration number, when one was given.
    #[validate(length(min = 1, max = 100))]
    pub number: Option<String>,
}

/// `bring_into_force` (lead agency or DOST): its effective date has come.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct BringIntoForce {
    /// A note.
    #[validate(length(min = 1, max = 4000))]
    pub note: Option<String>,
}

/// `review` (DOST): a periodic or ad-hoc review of its application.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The day it concluded.
    pub reviewed_on: NaiveDate,
    /// What it concluded.
    pub result: ReviewResult,
    /// Findings.
    #[validate(length(min = 1, max = 4000))]
    pub findings: Option<String>,
}

/// `amend`, `correct` (lead agency or DOST): a decision amending, supplementing or correcting it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Modification {
    /// The decision.
    #[validate(nested)]
    pub decision: DecisionRef,
    /// What it changes.
    #[validate(length(min = 1, max = 4000))]
    pub summary: String,
    /// When the change takes effect (amendments).
    pub effective_date: Option<NaiveDate>,
}

/// `replace` (lead agency or DOST): another QCĐP, already issued, replaces it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Replace {
    /// The replacing regulation's id or code.
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "QCĐP 03:2026/TPHP")]
    pub replaced_by: String,
    /// The decision replacing it (often the replacing regulation's issuing decision).
    #[validate(nested)]
    pub decision: DecisionRef,
}

/// `repeal` (lead agency or DOST).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Repeal {
    /// The repealing decision.
    #[validate(nested)]
    pub decision: DecisionRef,
    /// Why.
    #[validate(length(min = 1, max = 4000))]
    pub reason: String,
}

/// One lifecycle action and the facts it needs; `action` names it. Who may take each, and from
/// which states, is in the description of `POST /api/v1/technical-regulations/{id}/transitions`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum RegulationAction {
    /// proposed → planned (DOST).
    AcceptIntoPlan(AcceptIntoPlan),
    /// proposed → rejected (DOST).
    RejectProposal(Closing),
    /// planned → drafting (lead agency).
    StartDrafting(StartDrafting),
    /// drafting → consultation (lead agency).
    OpenConsultation(OpenConsultation),
    /// consultation → appraisal (lead agency; every comment answered).
    SubmitForAppraisal(SubmitForAppraisal),
    /// appraisal → appraised (DOST).
    PassAppraisal(AppraisalConclusion),
    /// appraisal → drafting (DOST; remarks required).
    ReturnForRevision(AppraisalConclusion),
    /// appraised → ministry_opinion_requested (lead agency).
    RequestMinistryOpinion(RequestMinistryOpinion),
    /// ministry_opinion_requested → ministry_opinion_received (lead agency).
    RecordMinistryOpinion(RecordMinistryOpinion),
    /// ministry_opinion_received → issued (lead agency or DOST).
    Issue(Issue),
    /// issued → registered (DOST).
    Register(Register),
    /// registered → in_effect (lead agency or DOST; not before the effective date).
    BringIntoForce(BringIntoForce),
    /// in_effect → in_effect (DOST): a review.
    Review(Review),
    /// in_effect → in_effect (lead agency or DOST): an amendment.
    Amend(Modification),
    /// issued, registered or in_effect → the same (lead agency or DOST): a correction.
    Correct(Modification),
    /// issued, registered or in_effect → replaced (lead agency or DOST).
    Replace(Replace),
    /// issued, registered or in_effect → repealed (lead agency or DOST).
    Repeal(Repeal),
    /// any state before issue → withdrawn (lead agency).
    Withdraw(Closing),
}

impl RegulationAction {
    /// Every action's name, in the order of the state table.
    pub const NAMES: [&'static str; 18] = [
        "accept_into_plan",
        "reject_proposal",
        "start_drafting",
        "open_consultation",
        "submit_for_appraisal",
        "pass_appraisal",
        "return_for_revision",
        "request_ministry_opinion",
        "record_ministry_opinion",
        "issue",
        "register",
        "bring_into_force",
        "review",
        "amend",
        "correct",
        "replace",
        "repeal",
        "withdraw",
    ];

    /// The action's name.
    pub fn name(&self) -> &'static str {
        let index = match self {
            RegulationAction::AcceptIntoPlan(_) => 0,
            RegulationAction::RejectProposal(_) => 1,
            RegulationAction::StartDrafting(_) => 2,
            RegulationAction::OpenConsultation(_) => 3,
            RegulationAction::SubmitForAppraisal(_) => 4,
            RegulationAction::PassAppraisal(_) => 5,
            RegulationAction::ReturnForRevision(_) => 6,
            RegulationAction::RequestMinistryOpinion(_) => 7,
            RegulationAction::RecordMinistryOpinion(_) => 8,
            RegulationAction::Issue(_) => 9,
            RegulationAction::Register(_) => 10,
            RegulationAction::BringIntoForce(_) => 11,
            RegulationAction::Review(_) => 12,
            RegulationAction::Amend(_) => 13,
            RegulationAction::Correct(_) => 14,
            RegulationAction::Replace(_) => 15,
            RegulationAction::Repeal(_) => 16,
            RegulationAction::Withdraw(_) => 17,
        };
        Self::NAMES[index]
    }
}

impl Validate for RegulationAction {
    /// Checks the facts with their `validator` rules.
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        match self {
            RegulationAction::AcceptIntoPlan(a) => a.validate(),
            RegulationAction::RejectProposal(a) | RegulationAction::Withdraw(a) => a.validate(),
            RegulationAction::StartDrafting(a) => a.validate(),
            RegulationAction::OpenConsultation(a) => a.validate(),
            RegulationAction::SubmitForAppraisal(a) => a.validate(),
            RegulationAction::PassAppraisal(a) | RegulationAction::ReturnForRevision(a) => a.validate(),
            RegulationAction::RequestMinistryOpinion(a) => a.validate(),
            RegulationAction::RecordMinistryOpinion(a) => a.validate(),
            RegulationAction::Issue(a) => a.validate(),
            RegulationAction::Register(a) => a.validate(),
            RegulationAction::BringIntoForce(a) => a.validate(),
            RegulationAction::Review(a) => a.validate(),
            RegulationAction::Amend(a) | RegulationAction::Correct(a) => a.validate(),
            RegulationAction::Replace(a) => a.validate(),
            RegulationAction::Repeal(a) => a.validate(),
        }
    }
}
