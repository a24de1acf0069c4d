//! Consultation comments: agencies (with a token) and the public (without one) file them while the
//! consultation is open; the lead agency answers each before the draft goes to appraisal, and the
//! comments with their answers stay readable as the consultation record.

use crate::schema::regulation_comments as rc;
use diesel::prelude::*;
use tdc_kernel::access::{self, Reader};
use tdc_kernel::changes::{self, Actor, Change};
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::names::stored;
use tdc_kernel::{ApiError, calendar};

use super::visible_row;
use crate::model::{CommentAnswer, CommentInput, Disposition, PublicCommentInput, RegulationComment, utc};
use crate::rules::ConsultationRules;

/// The entity name of comments in history and the change feed.
pub const COMMENT_ENTITY: &str = "regulation_comment";

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = rc, treat_none_as_null = true)]
struct CommentRow {
    id: String,
    regulation_id: String,
    agency_code: Option<String>,
    client_id: String,
    clause: Option<String>,
    comment: String,
    submitted_at: chrono::NaiveDateTime,
    disposition: Option<String>,
    response: Option<String>,
    answered_by: Option<String>,
    answered_at: Option<chrono::NaiveDateTime>,
    channel: String,
    commenter: Option<String>,
    source_key: Option<String>,
}

impl CommentRow {
    /// The comment as shown; the public commenter's identity only when `personal` (the drafting
    /// agency and administrators).
    fn to_api(&self, personal: bool) -> RegulationComment {
        RegulationComment {
            id: self.id.clone(),
            regulation_id: self.regulation_id.clone(),
            channel: stored(&self.channel),
            agency_code: self.agency_code.clone(),
            commenter: self.commenter.as_deref().and_then(|c| serde_json::from_str(c).ok()).filter(|_| personal),
            clause: self.clause.clone(),
            comment: self.comment.clone(),
            submitted_at: utc(self.submitted_at),
            disposition: self.disposition.as_deref().and_then(Disposition::parse),
            response: self.response.clone(),
            answered_by: self.answered_by.clone(),
            answered_at: self.answered_at.map(utc),
        }
    }

    fn record(&self, actor: &Actor, action: &str, lead: &str, before: Option<&CommentRow>) {
        let access = access::Access::shared_by(lead);
        let snapshot = |r: &CommentRow| serde_json::to_string(&r.to_api(false)).unwrap_or_else(|_| "null".into());
        let change = Change {
            entity: COMMENT_ENTITY,
            entity_id: &self.id,
            action,
            version: 1 + i32::from(self.disposition.is_some()),
            access: &access,
            before: before.map(snapshot),
            after: Some(snapshot(self)),
        };
        changes::record(actor, change);
    }
}

/// Files a comment on a draft whose consultation is open today (409 `consultation_not_open`).
pub fn add_comment(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    regulation_id: &str,
    input: &CommentInput,
) -> Result<RegulationComment, ApiError> {
    let regulation = visible_row(conn, writer, regulation_id)?;
    check_open(&regulation)?;
    let row = CommentRow {
        agency_code: Some(actor.agency_code.clone()),
        client_id: actor.client_id.clone(),
        ..new_row(&regulation, input.clause.as_deref(), &input.comment)
    };
    diesel::insert_into(rc::table).values(&row).execute(conn)?;
    row.record(actor, "created", &regulation.lead_agency, None);
    Ok(row.to_api(false))
}

/// Refuses a comment on a draft whose consultation is not open today (409 `consultation_not_open`).
fn check_open(regulation: &super::RegulationRow) -> Result<(), ApiError> {
    if regulation.open_for_comments(calendar::today()) {
        return Ok(());
    }
    let window = match (regulation.consultation_opens, regulation.consultation_closes) {
        (Some(o), Some(c)) if regulation.state == "consultation" => format!("it takes comments from {o} to {c}"),
        _ => format!("it is {}, not in consultation", regulation.state),
    };
    Err(ApiError::conflict("consultation_not_open", format!("this draft takes no comments now: {window}")))
}

fn new_row(regulation: &super::RegulationRow, clause: Option<&str>, comment: &str) -> CommentRow {
    CommentRow {
        id: tdc_kernel::ids::new_id(),
        regulation_id: regulation.id.clone(),
        agency_code: None,
        client_id: String::new(),
        clause: tdc_kernel::text::clean_opt(clause),
        comment: comment.trim().to_owned(),
        submitted_at: now(),
        disposition: None,
        response: None,
        answered_by: None,
        answered_at: None,
        channel: "agency".into(),
        commenter: None,
        source_key: None,
    }
}

/// The client id public comments are recorded under.
pub const PUBLIC_CLIENT: &str = "public";

/// Files a comment from the public (no token) on a draft whose consultation is open: 404 for a
/// draft the public cannot read, 409 `consultation_not_open`, 422 without a way to answer
/// (`contact_required`), 429 `too_many_comments` past the day's limit for its source address.
pub fn add_public_comment(
    conn: &mut AnyConnection,
    rules: &ConsultationRules,
    source: &str,
    regulation_id: &str,
    input: &PublicCommentInput,
) -> Result<RegulationComment, ApiError> {
    let regulation = visible_row(conn, &Reader::Public, regulation_id)?;
    check_open(&regulation)?;
    if input.commenter.email.is_none() && input.commenter.phone.is_none() {
        let message = "give an e-mail address or a telephone number, so the drafting agency can answer";
        return Err(ApiError::invalid_field("/commenter/email", "contact_required", message));
    }
    let source_key = tdc_kernel::text::digest(&[&regulation.id, source]);
    let since = now() - chrono::Duration::days(1);
    let today: i64 = rc::table
        .filter(rc::regulation_id.eq(&regulation.id))
        .filter(rc::source_key.eq(&source_key))
        .filter(rc::submitted_at.gt(since))
        .count()
        .get_result(conn)?;
    if today >= i64::from(rules.public_comments_per_day) {
        return Err(ApiError::TooManyRequests {
            code: "too_many_comments",
            detail: format!("at most {} comments a day from one address on one draft", rules.public_comments_per_day),
            retry_after_seconds: 3600,
        });
    }
    let mut commenter = input.commenter.clone();
    commenter.name = tdc_kernel::text::clean(&commenter.name);
    let row = CommentRow {
        client_id: PUBLIC_CLIENT.into(),
        channel: "public".into(),
        commenter: Some(serde_json::to_string(&commenter).unwrap_or_default()),
        source_key: Some(source_key),
        ..new_row(&regulation, input.clause.as_deref(), &input.comment)
    };
    diesel::insert_into(rc::table).values(&row).execute(conn)?;
    let actor = Actor { client_id: PUBLIC_CLIENT.into(), agency_code: regulation.lead_agency.clone() };
    row.record(&actor, "created", &regulation.lead_agency, None);
    Ok(row.to_api(false))
}

/// The lead agency answers a comment, once (the draft cannot leave consultation before every
/// comment is answered).
pub fn answer_comment(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    regulation_id: &str,
    comment_id: &str,
    answer: &CommentAnswer,
) -> Result<RegulationComment, ApiError> {
    let regulation = visible_row(conn, writer, regulation_id)?;
    access::require_lead(writer, &regulation.access())?;
    let found: Option<CommentRow> = rc::table
        .find(comment_id)
        .filter(rc::regulation_id.eq(regulation_id))
        .select(CommentRow::as_select())
        .first(conn)
        .optional()?;
    let existing = found.ok_or_else(|| ApiError::NotFound(format!("no comment {comment_id} on this regulation")))?;
    if existing.disposition.is_some() {
        return Err(ApiError::conflict("already_answered", "this comment has been answered"));
    }
    if answer.disposition != Disposition::Accepted && answer.response.is_none() {
        return Err(ApiError::invalid_field("/response", "required", "explain what was not taken and why"));
    }
    let mut row = existing.clone();
    row.disposition = Some(answer.disposition.as_str().into());
    row.response = answer.response.as_deref().map(|r| r.trim().to_owned());
    row.answered_by = Some(actor.agency_code.clone());
    row.answered_at = Some(now());
    let target = rc::table.find(&row.id).filter(rc::disposition.is_null());
    tdc_kernel::versions::check_updated(diesel::update(target).set(&row).execute(conn)?)?;
    row.record(actor, "answered", &regulation.lead_agency, Some(&existing));
    Ok(row.to_api(true))
}

/// A page of a regulation's comments (oldest first) after the comment `after`; `limit + 1` rows.
pub fn list_comments(
    conn: &mut AnyConnection,
    reader: &Reader,
    regulation_id: &str,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<RegulationComment>, ApiError> {
    let regulation = visible_row(conn, reader, regulation_id)?;
    let personal = access::require_lead(reader, &regulation.access()).is_ok();
    let mut query = rc::table.filter(rc::regulation_id.eq(regulation_id)).select(CommentRow::as_select()).into_boxed();
    if let Some(after) = after {
        query = query.filter(rc::id.gt(after));
    }
    let rows: Vec<CommentRow> = query.order(rc::id.asc()).limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(|r| r.to_api(personal)).collect())
}

/// How many of a regulation's comments are not answered yet.
pub(crate) fn unanswered(conn: &mut AnyConnection, regulation_id: &str) -> Result<i64, ApiError> {
    Ok(rc::table
        .filter(rc::regulation_id.eq(regulation_id))
        .filter(rc::disposition.is_null())
        .count()
        .get_result(conn)?)
}
