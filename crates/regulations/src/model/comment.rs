//! Comments agencies file on a QCĐP draft under consultation, and the lead agency's answers.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// How the lead agency took a comment (tiếp thu, giải trình).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// Taken into the draft.
    Accepted,
    /// Partly taken into the draft.
    PartlyAccepted,
    /// Not taken; the response explains why.
    NotAccepted,
}

impl Disposition {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Accepted => "accepted",
            Disposition::PartlyAccepted => "partly_accepted",
            Disposition::NotAccepted => "not_accepted",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Disposition> {
        tdc_kernel::names::parse_name(s)
    }
}

/// A comment on a draft, with its answer once given.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RegulationComment {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The regulation commented on.
    #[schema(format = "uuid")]
    pub regulation_id: String,
    /// The agency that commented.
    pub agency_code: String,
    /// The clause commented on, e.g. `2.1.3`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// The comment.
    pub comment: String,
    /// When it was filed.
    pub submitted_at: DateTime<Utc>,
    /// How the lead agency took it; absent until answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disposition: Option<Disposition>,
    /// The lead agency's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// The agency that answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered_by: Option<String>,
    /// When it was answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<DateTime<Utc>>,
}

/// A new comment.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CommentInput {
    /// The clause commented on.
    #[validate(length(min = 1, max = 100))]
    pub clause: Option<String>,
    /// The comment.
    #[validate(length(min = 1, max = 8000))]
    pub comment: String,
}

/// The lead agency's answer to a comment.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CommentAnswer {
    /// How the comment was taken.
    pub disposition: Disposition,
    /// The explanation (required when not accepted).
    #[validate(length(min = 1, max = 8000))]
    pub response: Option<String>,
}

/// A page of comments, oldest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RegulationCommentPage {
    /// The comments on this page.
    pub items: Vec<RegulationComment>,
    /// Cursor of the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}
