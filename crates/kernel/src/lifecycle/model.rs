//! Types of the transition log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One move a record went through.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Transition {
    /// Its place in the record's life: 1 for the first move, then 2, 3…
    pub position: i32,
    /// The action taken.
    #[schema(example = "open_consultation")]
    pub action: String,
    /// The state before.
    #[schema(example = "drafting")]
    pub from_state: String,
    /// The state after (the same as `from_state` for events such as a review).
    #[schema(example = "consultation")]
    pub to_state: String,
    /// The facts the action carried (dates, decision numbers, reasons), as sent.
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    /// The agency that made the move.
    pub agency_code: String,
    /// The API client that made it.
    pub client_id: String,
    /// When.
    pub at: DateTime<Utc>,
}

crate::page!(TransitionPage of Transition, "A page of transitions, oldest first.", "The transitions on this page.");
