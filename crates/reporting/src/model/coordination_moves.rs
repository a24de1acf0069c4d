//! What the parties to a coordination request do: the agencies asked reply or record an in-depth
//! check; the lead agency proceeds, closes or withdraws; either side escalates to DOST, which
//! settles it or reports it to the People's Committee.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::{CoordinationDocument, CoordinationState, Position};

/// An agency's written reply (`POST …/{id}/replies`), by the agency asked.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReplyInput {
    /// What the reply says.
    pub position: Position,
    /// The reply in writing.
    #[validate(length(min = 1, max = 8000))]
    pub text: String,
    /// The documents sent with it (the signed letter, the records asked for).
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    pub documents: Vec<CoordinationDocument>,
}

/// An in-depth check an agency asked records before its deadline (`POST …/{id}/in-depth-checks`):
/// its period becomes `working_days` from the day of receipt (seed 001 Art. 4.3: "nội dung cần
/// xác minh chuyên sâu").
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct InDepthInput {
    /// Its whole period, in working days from receipt: longer than the one it has, at most 60.
    #[validate(range(min = 2, max = 60))]
    pub working_days: u32,
    /// Why the matter needs verifying in depth.
    #[validate(length(min = 10, max = 2000))]
    pub reason: String,
}

/// A lifecycle action on a coordination request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CoordinationActionName {
    /// open → proceeded (the lead agency), once an agency's deadline has passed without a reply:
    /// it goes on with the documents it has; each silent agency is marked as bearing the delay.
    Proceed,
    /// open or proceeded → escalated to DOST (the lead agency or an agency asked), with the
    /// disagreement in `reason`; DOST becomes a party.
    Escalate,
    /// escalated → referred to the People's Committee (DOST), with `reason`.
    Refer,
    /// escalated or referred → closed (DOST), with the agreed way or the Committee's decision in
    /// `outcome`.
    Settle,
    /// open or proceeded → closed (the lead agency), with the `outcome`; from open only once every
    /// agency has replied.
    Close,
    /// open → withdrawn (the lead agency), with `reason`.
    Withdraw,
}

/// A move of a coordination request.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CoordinationAction {
    /// The action.
    pub action: CoordinationActionName,
    /// Why (`escalate`, `refer`, `withdraw`; a note for `proceed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 4000))]
    pub reason: Option<String>,
    /// How it ended (`close`, `settle`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 4000))]
    pub outcome: Option<String>,
}

/// Which side of a request the caller's agency is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CoordinationRole {
    /// Requests it sent (it leads them).
    Sent,
    /// Requests it is a party to without leading them (asked, or DOST once escalated).
    Received,
}

/// Filters of the coordination request list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CoordinationListQuery {
    /// Only requests in this state.
    pub state: Option<CoordinationState>,
    /// Only those the caller's agency sent, or received.
    pub role: Option<CoordinationRole>,
    /// Only open requests with an agency silent past its deadline (`true`).
    pub overdue: Option<bool>,
}
