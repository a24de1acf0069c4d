//! Comments agencies and the public file on a QCĐP draft under consultation, and the lead
//! agency's answers: after issue they remain the consultation record.

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

/// Who filed a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommentChannel {
    /// An agency, through its API client (`agency_code` says which).
    Agency,
    /// An organisation, association, business or individual, without a token (public consultation).
    Public,
}

/// Who filed a public comment: personal data, shown only to the drafting (lead) agency and DOST's
/// administrators, never in public answers or the change feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Commenter {
    /// The person's name.
    #[validate(length(min = 1, max = 200))]
    #[schema(example = "Nguyễn Văn An")]
    pub name: String,
    /// The organisation, association or business they speak for, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 300))]
    #[schema(example = "Hội Nghề cá Hải Phòng")]
    pub organization: Option<String>,
    /// An e-mail address to answer to (this or `phone` is required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(email, length(max = 200))]
    pub email: Option<String>,
    /// A telephone number to answer to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 6, max = 40))]
    pub phone: Option<String>,
}

/// A comment filed without a token during a draft's public consultation.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PublicCommentInput {
    /// Who comments, and how to reach them (personal data).
    #[validate(nested)]
    pub commenter: Commenter,
    /// The clause commented on.
    #[validate(length(min = 1, max = 100))]
    pub clause: Option<String>,
    /// The comment.
    #[validate(length(min = 1, max = 8000))]
    pub comment: String,
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
    /// Who filed it: an agency, or the public.
    pub channel: CommentChannel,
    /// The agency that commented (agency comments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency_code: Option<String>,
    /// Who filed a public comment: shown only to the drafting agency and DOST's administrators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commenter: Option<Commenter>,
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

tdc_kernel::page!(RegulationCommentPage of RegulationComment, "A page of comments, oldest first.", "The comments on this page.");
