//! Complaints, denunciations, feedback and recommendations (khiếu nại, tố cáo, phản ánh, kiến nghị).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// What a person brings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintKind {
    /// A complaint (khiếu nại) against a decision or act: 30 working days.
    Complaint,
    /// A denunciation (tố cáo) of a violation: 30 working days.
    Denunciation,
    /// Feedback (phản ánh) on goods or a business: 10 working days.
    Feedback,
    /// A recommendation (kiến nghị): 10 working days.
    Recommendation,
}

/// How it reached the hub.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The public online channel (`POST /api/v1/public/complaints`).
    Online,
    /// The hotline, recorded by an agency.
    Hotline,
    /// In person at an agency.
    Agency,
    /// By letter.
    Letter,
}

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintState {
    /// Received by the handling agency (transfers keep it here).
    Received,
    /// Accepted for handling (thụ lý).
    Accepted,
    /// Resolved; the result is told to DOST.
    Resolved,
    /// Not handled (outside the law's scope, withdrawn, anonymous denunciation).
    Dismissed,
}

/// The person who brings it. Sealed at rest with a key the database does not hold; read only by
/// the handling agency through `POST …/{id}/identity`, each time recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The person's name.
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// A phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 6, max = 20))]
    pub phone: Option<String>,
    /// An e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 3, max = 200))]
    pub email: Option<String>,
    /// A postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 500))]
    pub address: Option<String>,
    /// The personal identification number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 9, max = 12))]
    pub personal_id: Option<String>,
}

/// What a complaint is about and who brings it, from the public (`POST /api/v1/public/complaints`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PublicComplaintInput {
    /// What it is.
    pub kind: ComplaintKind,
    /// A one-line subject.
    #[validate(length(min = 1, max = 500))]
    pub subject: String,
    /// What happened.
    #[validate(length(min = 1, max = 8000))]
    pub description: String,
    /// The product concerned.
    #[serde(default)]
    #[validate(length(min = 1, max = 500))]
    pub product_name: Option<String>,
    /// Its GTIN.
    #[serde(default)]
    #[validate(custom(function = "tdc_directory::rules::gtin"))]
    pub gtin: Option<String>,
    /// The business concerned, by tax code.
    #[serde(default)]
    #[validate(custom(function = "tdc_directory::rules::tax_code"))]
    pub business_tax_code: Option<String>,
    /// The business concerned, by name as the person knows it.
    #[serde(default)]
    #[validate(length(min = 1, max = 500))]
    pub business_name: Option<String>,
    /// The product category (`/api/v1/product-categories`), for routing.
    #[serde(default)]
    #[validate(length(min = 1, max = 50))]
    pub category_code: Option<String>,
    /// The sector (as businesses name theirs, e.g. `food`), for routing.
    #[serde(default)]
    #[validate(length(min = 1, max = 64))]
    pub sector: Option<String>,
    /// The commune where it happened, for routing.
    #[serde(default)]
    #[validate(length(min = 1, max = 20))]
    pub commune_code: Option<String>,
    /// Who brings it: required for complaints and denunciations (the law handles no anonymous
    /// one), optional for feedback and recommendations. Sealed; never shown back.
    #[serde(default)]
    #[validate(nested)]
    pub person: Option<Person>,
}

/// A complaint an agency records (`POST /api/v1/complaints`): what the public's form holds (in
/// `complaint`), the channel, and optionally the agency that handles it (default: by the routing
/// rules).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ComplaintInput {
    /// What it is about and who brings it, as the public's form has it.
    #[validate(nested)]
    pub complaint: PublicComplaintInput,
    /// How it reached the agency.
    pub channel: Channel,
    /// The day it was received; default: today (Vietnam's date).
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    /// The competent agency; default: the routing rules' choice.
    #[serde(default)]
    #[validate(length(min = 1, max = 50))]
    pub handling_agency: Option<String>,
}

/// A complaint as agencies read it — never its person's identity. Restricted to the handling
/// agency and those coordinating (the agency that took it in; DOST once it is resolved).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Complaint {
    /// The handling agency (its lead), who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// The acknowledgement number the person follows it by.
    pub ack_number: String,
    /// What it is.
    pub kind: ComplaintKind,
    /// How it arrived.
    pub channel: Channel,
    /// Its subject.
    pub subject: String,
    /// What happened.
    pub description: String,
    /// The product concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_name: Option<String>,
    /// Its GTIN (14 digits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    /// The business concerned, by tax code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_tax_code: Option<String>,
    /// The business concerned, by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub business_name: Option<String>,
    /// The product category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_code: Option<String>,
    /// The sector.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// The commune.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune_code: Option<String>,
    /// The day the handling agency received it (a transfer's day for a transferred one).
    pub received_on: NaiveDate,
    /// Its statutory deadline, in working days from `received_on` (Vietnam's calendar).
    pub due_on: NaiveDate,
    /// `true` while open past `due_on`.
    pub overdue: bool,
    /// Where it stands.
    pub state: ComplaintState,
    /// The lifecycle actions that may be taken from `state`.
    pub next_actions: Vec<String>,
    /// How many times it was transferred.
    pub transfers: i32,
    /// The result, or why it was dismissed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// The day it was resolved or dismissed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
    /// Whether a sealed identity is held (read it with `POST …/{id}/identity`).
    pub has_identity: bool,
}

tdc_kernel::shared_record!(Complaint);

/// What the person is told on intake.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Acknowledgement {
    /// The number to follow it by (`GET /api/v1/public/complaints/{ack_number}`); keep it.
    pub ack_number: String,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// Its statutory deadline.
    pub due_on: NaiveDate,
}

/// What the person learns by the acknowledgement number: where it stands, and nothing else.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ComplaintStatus {
    /// The acknowledgement number.
    pub ack_number: String,
    /// What it is.
    pub kind: ComplaintKind,
    /// Where it stands.
    pub state: ComplaintState,
    /// The day the handling agency received it.
    pub received_on: NaiveDate,
    /// Its deadline.
    pub due_on: NaiveDate,
    /// The day it was resolved or dismissed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_on: Option<NaiveDate>,
}

/// A lifecycle action on a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintActionName {
    /// received → accepted (thụ lý).
    Accept,
    /// received or accepted → received at `to_agency` (chuyển đơn), with `reason`; its deadline
    /// restarts there.
    Transfer,
    /// accepted → resolved, with the `outcome`; DOST is told (it coordinates from then on).
    Resolve,
    /// received or accepted → dismissed, with the `outcome` saying why.
    Dismiss,
}

/// A move of a complaint (its handling agency).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ComplaintAction {
    /// The action.
    pub action: ComplaintActionName,
    /// The competent agency (`transfer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 50))]
    pub to_agency: Option<String>,
    /// Why it is transferred (`transfer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 4000))]
    pub reason: Option<String>,
    /// The result (`resolve`) or why it is dismissed (`dismiss`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 8000))]
    pub outcome: Option<String>,
}

/// Filters of the complaint list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ComplaintListQuery {
    /// Only complaints of this kind.
    pub kind: Option<ComplaintKind>,
    /// Only complaints in this state.
    pub state: Option<ComplaintState>,
    /// Only open complaints past their deadline (`true`).
    pub overdue: Option<bool>,
}

tdc_kernel::page!(ComplaintPage of Complaint, "A page of complaints.", "The complaints on this page, oldest first.");

/// Why the handling agency reads the sealed identity (recorded).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RevealInput {
    /// Why, e.g. `Mời người tố cáo làm việc theo Điều 30 Luật Tố cáo`.
    #[validate(length(min = 10, max = 2000))]
    pub reason: String,
}

/// A recorded reading of a sealed identity.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct IdentityReveal {
    /// Its id.
    pub id: String,
    /// The agency that read it.
    pub agency_code: String,
    /// Its client.
    pub client_id: String,
    /// Why.
    pub reason: String,
    /// When.
    pub revealed_at: DateTime<Utc>,
}

tdc_kernel::page!(IdentityRevealPage of IdentityReveal, "A page of identity reveals.", "The reveals, oldest first.");

/// A routing rule (`POST /api/v1/complaint-routes`, DOST): complaints whose fields match every
/// field the rule names go to its agency; the rule naming the most fields wins; none matching:
/// DOST.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RouteInput {
    /// The product category it matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 50))]
    pub category_code: Option<String>,
    /// The sector it matches (case and spacing aside).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 64))]
    pub sector: Option<String>,
    /// The commune it matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 20))]
    pub commune_code: Option<String>,
    /// The competent agency.
    #[validate(length(min = 1, max = 50))]
    pub agency: String,
}

/// A routing rule as stored.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Route {
    /// Its id.
    pub id: String,
    /// The product category it matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_code: Option<String>,
    /// The sector it matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// The commune it matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune_code: Option<String>,
    /// The competent agency.
    pub agency: String,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

tdc_kernel::page!(RoutePage of Route, "A page of routing rules.", "The rules, oldest first.");

/// Reveals and routing rules are written once, never changed: each is its version 1.
macro_rules! written_once {
    ($($t:ty),+) => {
        $(impl tdc_kernel::resource::Record for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn version(&self) -> i32 {
                1
            }
        })+
    };
}

written_once!(IdentityReveal, Route);
