//! Local technical regulations (QCĐP): their content and where they are in their lifecycle.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::regulation_lifecycle::{DecisionRef, RegulationLifecycle};

/// Where a QCĐP is in its life (seed 000 Art. 8, seed 001 Art. 7):
///
/// - `proposed`: proposed by a department; DOST compiles the proposals into the plan.
/// - `planned`: accepted into the annual or five-year plan. `rejected`: not accepted (final).
/// - `drafting`: the drafting committee at work.
/// - `consultation`: the draft under public consultation; public while open.
/// - `appraisal`: before the appraisal council. `appraised`: appraisal passed.
/// - `ministry_opinion_requested`, `ministry_opinion_received`: the sector ministry's opinion.
/// - `issued`: issued by the People's Committee's decision. `registered`: registered.
/// - `in_effect`: in force; reviewed, amended and corrected in this state.
/// - `replaced`, `repealed`: ended (final). `withdrawn`: a draft withdrawn before issue (final).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegulationState {
    /// Proposed by a department (đề xuất); DOST compiles the proposals into the plan.
    Proposed,
    /// Accepted into the annual or five-year plan (kế hoạch xây dựng QCĐP).
    Planned,
    /// Not accepted into the plan (final).
    Rejected,
    /// Drafting committee at work (tổ soạn thảo).
    Drafting,
    /// Draft under public consultation (lấy ý kiến): public while open.
    Consultation,
    /// Before the appraisal council (hội đồng thẩm định).
    Appraisal,
    /// Appraisal passed.
    Appraised,
    /// The sector ministry's opinion requested (xin ý kiến Bộ quản lý chuyên ngành).
    MinistryOpinionRequested,
    /// The ministry's opinion received.
    MinistryOpinionReceived,
    /// Issued by the People's Committee's decision (ban hành).
    Issued,
    /// Registered with the ministry (đăng ký).
    Registered,
    /// In force (có hiệu lực); reviewed, amended and corrected in this state.
    InEffect,
    /// Replaced by another QCĐP (`lifecycle.replaced_by`) (final).
    Replaced,
    /// Repealed (bãi bỏ) (final).
    Repealed,
    /// A draft withdrawn before issue (final).
    Withdrawn,
}

impl RegulationState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        Self::ALL.iter().find(|(_, v)| *v == self).map_or("proposed", |(n, _)| *n)
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<RegulationState> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, v)| *v)
    }

    const ALL: [(&'static str, RegulationState); 15] = [
        ("proposed", RegulationState::Proposed),
        ("planned", RegulationState::Planned),
        ("rejected", RegulationState::Rejected),
        ("drafting", RegulationState::Drafting),
        ("consultation", RegulationState::Consultation),
        ("appraisal", RegulationState::Appraisal),
        ("appraised", RegulationState::Appraised),
        ("ministry_opinion_requested", RegulationState::MinistryOpinionRequested),
        ("ministry_opinion_received", RegulationState::MinistryOpinionReceived),
        ("issued", RegulationState::Issued),
        ("registered", RegulationState::Registered),
        ("in_effect", RegulationState::InEffect),
        ("replaced", RegulationState::Replaced),
        ("repealed", RegulationState::Repealed),
        ("withdrawn", RegulationState::Withdrawn),
    ];
}

/// A standard a QCĐP cites, and the clauses cited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CitedStandard {
    /// The standard's designation; it must be in the catalogue (`/api/v1/standards`).
    #[validate(custom(function = "crate::rules::designation"))]
    #[schema(example = "TCVN 6238-1:2017")]
    pub designation: String,
    /// The clauses cited, as written in the QCĐP, e.g. `5.2; 5.3`. Absent: the whole standard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 500))]
    pub clauses: Option<String>,
}

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The department's proposal.
    Proposal,
    /// The plan that includes it.
    Plan,
    /// The decision forming the drafting committee.
    CommitteeDecision,
    /// A draft.
    Draft,
    /// The summary of consultation comments and answers.
    ConsultationReport,
    /// The decision forming the appraisal council.
    AppraisalCouncilDecision,
    /// The appraisal council's report.
    AppraisalReport,
    /// The letter asking the ministry's opinion.
    MinistryOpinionRequest,
    /// The ministry's opinion.
    MinistryOpinion,
    /// The People's Committee's issuing decision.
    IssuingDecision,
    /// The registration.
    Registration,
    /// An amending decision.
    Amendment,
    /// A correction (đính chính).
    Correction,
    /// A decision replacing it.
    ReplacementDecision,
    /// A decision repealing it.
    RepealDecision,
    /// Anything else.
    Other,
}

/// A document of a QCĐP's file: a decision, a draft, a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RegulationDocument {
    /// What it is.
    pub kind: DocumentKind,
    /// Its title or subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 500))]
    pub title: Option<String>,
    /// Its number, e.g. `16/2023/QĐ-UBND`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "16/2023/QĐ-UBND")]
    pub number: Option<String>,
    /// Its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// A link to the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "crate::rules::http_url"))]
    pub url: Option<String>,
}

impl RegulationDocument {
    /// The document a decision of a lifecycle action is filed as.
    pub fn from_decision(kind: DocumentKind, d: &DecisionRef) -> RegulationDocument {
        RegulationDocument {
            kind,
            title: d.title.clone(),
            number: Some(d.number.clone()),
            date: Some(d.date),
            url: d.url.clone(),
        }
    }
}

/// A local technical regulation (QCĐP).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TechnicalRegulation {
    /// Who leads it, who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The code, normalized; given at the latest when it is issued.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "QCĐP 01:2023/TPHP")]
    pub code: Option<String>,
    /// The issuing province, from the code: `TPHP` (Hải Phòng), `HD` (former Hải Dương)… A QCĐP of a
    /// province merged into this one keeps its origin and stays in force until replaced.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "TPHP")]
    pub origin: Option<String>,
    /// Vietnamese title.
    pub title_vi: String,
    /// English title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// The sector it regulates, e.g. `thủy sản`, `nước sạch`.
    pub sector: String,
    /// What and whom it applies to (phạm vi điều chỉnh, đối tượng áp dụng).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Where it is in its life.
    pub state: RegulationState,
    /// The actions that may be taken now (`POST …/transitions`), whoever may take them.
    pub next_actions: Vec<String>,
    /// Whether a reader without a token sees it: published texts, and drafts while their
    /// consultation is open.
    pub public: bool,
    /// The standards it cites.
    pub cited_standards: Vec<CitedStandard>,
    /// Its documents: given ones, and the decisions its lifecycle actions carried.
    pub documents: Vec<RegulationDocument>,
    /// The facts of its lifecycle so far.
    pub lifecycle: RegulationLifecycle,
}

tdc_kernel::shared_record!(TechnicalRegulation);

/// The state a regulation may be recorded in directly (loading a province's existing ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum InitialState {
    /// A new proposal (the default).
    #[default]
    Proposed,
    /// Already issued: needs `code` and `issuance`.
    Issued,
    /// Already registered: needs `code` and `issuance`.
    Registered,
    /// Already in force: needs `code` and `issuance`.
    InEffect,
}

/// What a proposal proposes (seed 001 Art. 7.1.a: a new QCĐP, or amending, supplementing or
/// replacing one in force).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    /// A new regulation (the default).
    #[default]
    New,
    /// Amends or supplements the issued regulation named in `changes`.
    Amendment,
    /// Replaces the issued regulation named in `changes`.
    Replacement,
}

/// An already issued regulation's issuing decision and effective date (for loading).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct IssuanceInput {
    /// The People's Committee's decision.
    #[validate(nested)]
    pub decision: DecisionRef,
    /// When it takes effect (on or after the decision date).
    pub effective_date: NaiveDate,
}

/// A QCĐP's content, for `POST`, `PUT` and batches.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TechnicalRegulationInput {
    /// The code (`QCĐP 01:2023/TPHP`; `QCDP` is accepted and normalized). Required to load an issued
    /// regulation and by batches; a proposal gets it at the latest when issued.
    #[validate(custom(function = "crate::rules::regulation_code"))]
    #[schema(example = "QCĐP 01:2023/TPHP")]
    pub code: Option<String>,
    /// Vietnamese title.
    #[validate(length(min = 1, max = 1000))]
    #[schema(
        example = "Quy chuẩn kỹ thuật địa phương về vật liệu sử dụng làm phao dùng trong các bè nuôi trồng thủy sản trên biển"
    )]
    pub title_vi: String,
    /// English title.
    #[validate(length(min = 1, max = 1000))]
    pub title_en: Option<String>,
    /// The sector it regulates.
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "thủy sản")]
    pub sector: String,
    /// What and whom it applies to.
    #[validate(length(min = 1, max = 4000))]
    pub scope: Option<String>,
    /// The drafting agency; default: the caller's (another only for DOST's administrators).
    pub lead_agency: Option<String>,
    /// Agencies that coordinate (codes of known agencies).
    #[serde(default)]
    #[validate(length(max = 50))]
    pub coordinating_agencies: Vec<String>,
    /// The standards it cites (each in the catalogue).
    #[serde(default)]
    #[validate(length(max = 200), nested)]
    pub cited_standards: Vec<CitedStandard>,
    /// Its documents.
    #[serde(default)]
    #[validate(length(max = 100), nested)]
    pub documents: Vec<RegulationDocument>,
    /// Only when creating a proposal: what it proposes (default `new`).
    #[serde(default)]
    pub proposal_kind: ProposalKind,
    /// For an `amendment` or `replacement` proposal: the issued QCĐP it changes (id or code).
    #[validate(length(min = 1, max = 100))]
    #[schema(example = "QCĐP 01:2021/HD")]
    pub changes: Option<String>,
    /// Only when creating: the state to record it in (default `proposed`). Loading an existing
    /// regulation in `issued`, `registered` or `in_effect` (with `issuance`) is DOST's act (an agency
    /// of kind `dost`, or an administrator); other agencies create proposals (403 `dost_only`).
    #[serde(default)]
    pub initial_state: InitialState,
    /// Only when creating in a later state: its issuing decision and effective date.
    #[validate(nested)]
    pub issuance: Option<IssuanceInput>,
}

/// Filters of the QCĐP list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegulationListQuery {
    /// Search codes and titles, ignoring case and Vietnamese diacritics.
    pub q: Option<String>,
    /// Only regulations in this state.
    pub state: Option<RegulationState>,
    /// Only regulations of this origin, e.g. `HD` for those of the former Hải Dương province.
    pub origin: Option<String>,
    /// Only regulations of this sector.
    pub sector: Option<String>,
    /// Only regulations this agency leads.
    pub lead_agency: Option<String>,
    /// Only regulations citing this standard (designation).
    pub cites: Option<String>,
}

tdc_kernel::page!(TechnicalRegulationPage of TechnicalRegulation, "A page of QCĐPs, oldest record first.", "The regulations on this page.");
