//! The facts a QCĐP's lifecycle actions record: decisions, dates, results, links.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::regulation::{DocumentKind, RegulationDocument};

/// A decision or official letter: its number and date, and optionally its title, signer and file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DecisionRef {
    /// The number, e.g. `16/2023/QĐ-UBND`.
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "16/2023/QĐ-UBND")]
    pub number: String,
    /// The date it was signed.
    #[schema(example = "2023-06-15")]
    pub date: NaiveDate,
    /// Its title or subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 500))]
    pub title: Option<String>,
    /// Who signed it or which body issued it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200))]
    pub issued_by: Option<String>,
    /// A link to the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "crate::rules::http_url"))]
    pub url: Option<String>,
}

/// The public consultation on the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ConsultationFacts {
    /// First day comments are taken.
    pub opens_on: NaiveDate,
    /// Last day comments are taken.
    pub closes_on: NaiveDate,
    /// The day the lead agency closed it by submitting the draft for appraisal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
    /// A link to the draft under consultation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft_url: Option<String>,
}

/// The appraisal council and its result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AppraisalFacts {
    /// The decision forming the appraisal council.
    pub council_decision: DecisionRef,
    /// `passed` or `revise`, once the council has concluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// The day it concluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concluded_on: Option<NaiveDate>,
    /// The council's remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// The council's report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<DecisionRef>,
}

/// The sector ministry's opinion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MinistryOpinionFacts {
    /// The ministry asked, e.g. `Bộ Nông nghiệp và Môi trường`.
    pub ministry: String,
    /// The letter asking.
    pub request: DecisionRef,
    /// The ministry's answer, once received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<DecisionRef>,
    /// What it said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// The issuing decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IssuanceFacts {
    /// The People's Committee's decision.
    pub decision: DecisionRef,
    /// When it takes effect.
    pub effective_date: NaiveDate,
}

/// The registration with the ministry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RegistrationFacts {
    /// The day it was registered.
    pub registered_on: NaiveDate,
    /// The registration number, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
}

/// What a periodic review concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewResult {
    /// Keep it as it is (giữ nguyên).
    Keep,
    /// Amend or supplement it (sửa đổi, bổ sung).
    Amend,
    /// Replace it (thay thế).
    Replace,
    /// Repeal it (bãi bỏ).
    Repeal,
}

/// A periodic review (rà soát).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReviewFacts {
    /// The day it concluded.
    pub reviewed_on: NaiveDate,
    /// What it concluded.
    pub result: ReviewResult,
    /// Findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<String>,
    /// Whether the People's Committee has decided on it (the `amend`, `replace` or `repeal` it
    /// called for was recorded); a review concluding a change is acted on once.
    #[serde(default)]
    pub acted_on: bool,
}

/// What a proposal proposes, and the issued QCĐP it would change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProposalFacts {
    /// A new regulation, an amendment or a replacement.
    pub kind: super::regulation::ProposalKind,
    /// The regulation an amendment or replacement changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<RegulationLink>,
}

/// An amendment or a correction: the decision and what it changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ChangeFacts {
    /// The decision.
    pub decision: DecisionRef,
    /// What it changed.
    pub summary: String,
    /// When the change takes effect (amendments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_date: Option<NaiveDate>,
}

/// Another QCĐP this one is linked to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RegulationLink {
    /// Its id.
    #[schema(format = "uuid")]
    pub id: String,
    /// Its code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// How a regulation's life ended early or was closed: a reason and, when there is one, a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct EndFacts {
    /// The day.
    pub on: NaiveDate,
    /// Why.
    pub reason: String,
    /// The decision, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionRef>,
}

/// The facts of a QCĐP's lifecycle so far; each part appears once its action was taken.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RegulationLifecycle {
    /// What the proposal proposed (absent for a regulation loaded as issued).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<ProposalFacts>,
    /// The program (annual or five-year plan) it was accepted into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program_id: Option<String>,
    /// The task of that program that tracks its drafting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program_task_id: Option<String>,
    /// The decision forming the drafting committee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafting_committee: Option<DecisionRef>,
    /// The public consultation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultation: Option<ConsultationFacts>,
    /// The appraisal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appraisal: Option<AppraisalFacts>,
    /// The ministry's opinion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ministry_opinion: Option<MinistryOpinionFacts>,
    /// The issuing decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuance: Option<IssuanceFacts>,
    /// The registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<RegistrationFacts>,
    /// Periodic reviews, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<ReviewFacts>,
    /// Amendments and supplements, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<ChangeFacts>,
    /// Corrections, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<ChangeFacts>,
    /// The QCĐP that replaced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<RegulationLink>,
    /// The decision replacing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement_decision: Option<DecisionRef>,
    /// The QCĐPs it replaced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<RegulationLink>,
    /// Why the proposal was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection: Option<EndFacts>,
    /// The repeal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeal: Option<EndFacts>,
    /// Why the draft was withdrawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal: Option<EndFacts>,
}

impl RegulationLifecycle {
    /// The decisions its actions carried, as documents of the regulation's file, in lifecycle order.
    pub fn documents(&self) -> Vec<RegulationDocument> {
        let mut out = Vec::new();
        let mut add = |kind, d: Option<&DecisionRef>| {
            if let Some(d) = d {
                out.push(RegulationDocument::from_decision(kind, d));
            }
        };
        add(DocumentKind::CommitteeDecision, self.drafting_committee.as_ref());
        add(DocumentKind::AppraisalCouncilDecision, self.appraisal.as_ref().map(|a| &a.council_decision));
        add(DocumentKind::AppraisalReport, self.appraisal.as_ref().and_then(|a| a.report.as_ref()));
        add(DocumentKind::MinistryOpinionRequest, self.ministry_opinion.as_ref().map(|m| &m.request));
        add(DocumentKind::MinistryOpinion, self.ministry_opinion.as_ref().and_then(|m| m.response.as_ref()));
        add(DocumentKind::IssuingDecision, self.issuance.as_ref().map(|i| &i.decision));
        for a in &self.amendments {
            add(DocumentKind::Amendment, Some(&a.decision));
        }
        for c in &self.corrections {
            add(DocumentKind::Correction, Some(&c.decision));
        }
        add(DocumentKind::ReplacementDecision, self.replaced_by.as_ref().and(self.replacement_decision.as_ref()));
        add(DocumentKind::RepealDecision, self.repeal.as_ref().and_then(|r| r.decision.as_ref()));
        out
    }
}
