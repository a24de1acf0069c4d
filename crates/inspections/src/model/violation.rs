//! Violations, their sanctions, remedial measures, payment and transfers.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use tdc_regulations::model::DecisionRef;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// Who committed it: the decrees' fines are an individual's; an organisation's are twice
/// (Decree 119/2017/NĐ-CP Art. 4). A household business is an individual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Offender {
    /// An individual or a household business.
    Individual,
    /// An organisation.
    Organisation,
}

/// Where a violation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ViolationState {
    /// Found and recorded; not sanctioned yet (it may be transferred).
    Recorded,
    /// A sanctioning decision was made.
    Sanctioned,
    /// The decision became final (legally effective).
    Final,
    /// Paid and remedied; closed.
    Closed,
}

/// A remedial measure (biện pháp khắc phục hậu quả) and its deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RemedialMeasure {
    /// What must be done, e.g. `buộc thu hồi sản phẩm không đạt`.
    #[validate(length(min = 1, max = 1000))]
    pub measure: String,
    /// By when.
    pub deadline: NaiveDate,
    /// When it was done (set by `complete_measure`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<NaiveDate>,
}

/// The sanctioning decision (quyết định xử phạt).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct SanctionDecision {
    /// The decision's number and date.
    #[validate(nested)]
    pub decision: DecisionRef,
    /// The sanctioning authority, e.g. `Chánh Thanh tra Sở Khoa học và Công nghệ`.
    #[validate(length(min = 1, max = 300))]
    pub authority: String,
    /// The fine in VND (within the provision's range; twice it for an organisation).
    #[validate(range(min = 0, max = 20_000_000_000_i64))]
    pub fine_vnd: i64,
    /// Additional penalties, e.g. `tịch thu tang vật`.
    #[serde(default)]
    #[validate(length(max = 20))]
    pub additional_penalties: Vec<String>,
    /// Remedial measures.
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    pub remedial_measures: Vec<RemedialMeasure>,
}

/// A case handed to the competent agency (chuyển hồ sơ).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Transfer {
    /// The agency that handed it over (it keeps reading the case).
    pub from_agency: String,
    /// The competent agency, which leads it since.
    pub to_agency: String,
    /// The day.
    pub on: NaiveDate,
    /// Why.
    pub reason: String,
}

/// What a sanction does to a conformity assessment body's registration certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CertificateMeasure {
    /// Suspend it.
    Suspend,
    /// Revoke it.
    Revoke,
}

/// A sanction's consequence in the conformity registry (`sanction` on a body's violation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificateSanction {
    /// The registration certificate.
    #[schema(format = "uuid")]
    pub certificate_id: String,
    /// Suspend or revoke.
    pub measure: CertificateMeasure,
}

/// A violation. Shared with every agency; never public (disclosure comes with final decisions).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Violation {
    /// Who leads it (after a transfer, the competent agency), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The inspection that found it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = "uuid")]
    pub inspection_id: Option<String>,
    /// The import lot it was found in.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = "uuid")]
    pub import_lot_id: Option<String>,
    /// The business.
    pub tax_code: String,
    /// Individual or organisation.
    pub offender: Offender,
    /// The product concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_name: Option<String>,
    /// Its GTIN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    /// The day it was committed (the provision in force that day applies).
    pub committed_on: NaiveDate,
    /// What was done.
    pub description: String,
    /// The provision it breaches (`/api/v1/legal-provisions/by-code/{code}`).
    pub provision_code: String,
    /// Where it stands.
    pub state: ViolationState,
    /// The lifecycle actions that may be taken from `state`.
    pub next_actions: Vec<String>,
    /// The sanctioning decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sanction: Option<SanctionDecision>,
    /// The day the decision became final.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_on: Option<NaiveDate>,
    /// The day the fine was paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_on: Option<NaiveDate>,
    /// What was paid, in VND.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_vnd: Option<i64>,
    /// Its transfers, oldest first.
    pub transfers: Vec<Transfer>,
    /// The registration certificate the sanction suspended or revoked.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(format = "uuid")]
    pub certificate_id: Option<String>,
}

tdc_kernel::shared_record!(Violation);

/// A violation recorded (`POST /api/v1/violations`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ViolationInput {
    /// The inspection that found it (one the caller's agency leads or takes part in).
    #[schema(format = "uuid")]
    pub inspection_id: Option<String>,
    /// The import lot it was found in.
    #[schema(format = "uuid")]
    pub import_lot_id: Option<String>,
    /// The business (a business in `/api/v1/businesses`).
    #[validate(custom(function = "tdc_directory::rules::tax_code"))]
    pub tax_code: String,
    /// Individual or organisation.
    pub offender: Offender,
    /// The product concerned.
    #[validate(length(min = 1, max = 500))]
    pub product_name: Option<String>,
    /// Its GTIN.
    #[validate(length(min = 8, max = 14))]
    pub gtin: Option<String>,
    /// The day it was committed.
    pub committed_on: NaiveDate,
    /// What was done.
    #[validate(length(min = 1, max = 8000))]
    pub description: String,
    /// The provision it breaches, in force on `committed_on`.
    #[validate(length(min = 1, max = 100))]
    pub provision_code: String,
    /// The leading agency; default: the caller's (another only for DOST's administrators).
    pub lead_agency: Option<String>,
    /// A past violation's sanction (loading an earlier year's work): it is recorded `sanctioned`
    /// (checked as `sanction` is; a certificate is not moved by a load).
    #[validate(nested)]
    pub sanction: Option<SanctionDecision>,
    /// With `sanction`: the day it became final (then it is recorded `final`).
    pub final_on: Option<NaiveDate>,
    /// With `sanction`: the day the fine was paid.
    pub paid_on: Option<NaiveDate>,
    /// With `paid_on`: what was paid.
    #[validate(range(min = 1, max = 20_000_000_000_i64))]
    pub paid_vnd: Option<i64>,
}

/// A lifecycle action on a violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ViolationActionName {
    /// recorded → sanctioned, with the `sanction` (and, against a body, its `certificate`).
    Sanction,
    /// sanctioned → final, with `final_on`.
    BecomeFinal,
    /// sanctioned or final: `paid_on` and `paid_vnd`.
    RecordPayment,
    /// sanctioned or final: remedial measure number `measure` (from 0) done on `completed_on`.
    CompleteMeasure,
    /// final → closed, once the fine is paid and every measure done.
    Close,
    /// recorded: hands the case to `to_agency` (the competent agency), with a `reason`.
    Transfer,
}

/// A move of a violation, with what it records.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ViolationAction {
    /// The action.
    pub action: ViolationActionName,
    /// The sanctioning decision (`sanction`).
    #[validate(nested)]
    pub sanction: Option<SanctionDecision>,
    /// What the sanction does to a body's registration certificate (`sanction`).
    pub certificate: Option<CertificateSanction>,
    /// The day the decision became final (`become_final`).
    pub final_on: Option<NaiveDate>,
    /// The day the fine was paid (`record_payment`).
    pub paid_on: Option<NaiveDate>,
    /// What was paid (`record_payment`).
    #[validate(range(min = 1, max = 20_000_000_000_i64))]
    pub paid_vnd: Option<i64>,
    /// The remedial measure's number, from 0 (`complete_measure`).
    #[validate(range(max = 19))]
    pub measure: Option<u32>,
    /// When it was done (`complete_measure`).
    pub completed_on: Option<NaiveDate>,
    /// The competent agency (`transfer`).
    #[validate(length(min = 1, max = 50))]
    pub to_agency: Option<String>,
    /// Why (`transfer`).
    #[validate(length(min = 1, max = 4000))]
    pub reason: Option<String>,
}

/// Filters of the violation list: a business's or a product's violation history is one call.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ViolationListQuery {
    /// Only this business's violations.
    pub tax_code: Option<String>,
    /// Only this product's (GTIN as recorded).
    pub gtin: Option<String>,
    /// Only violations in this state.
    pub state: Option<ViolationState>,
    /// Only violations this agency leads.
    pub agency: Option<String>,
    /// Only violations this inspection found.
    pub inspection_id: Option<String>,
    /// Only violations found in this import lot.
    pub import_lot_id: Option<String>,
    /// Only violations of this decree's provisions (e.g. `119/2017/NĐ-CP`).
    pub decree: Option<String>,
    /// Only violations committed on or after this day.
    pub from: Option<NaiveDate>,
    /// Only violations committed on or before this day.
    pub to: Option<NaiveDate>,
}

tdc_kernel::page!(ViolationPage of Violation, "A page of violations.", "The violations on this page, oldest first.");
