//! Consultation comments: agencies file them while the consultation is open; the lead agency
//! answers each before the draft goes to appraisal.

use diesel::prelude::*;
use tdc_kernel::access::{self, Reader};
use tdc_kernel::changes::{self, Actor, Change};
use tdc_kernel::db::{AnyConnection, now, schema::regulation_comments as rc};
use tdc_kernel::{ApiError, calendar};

use super::visible_row;
use crate::model::{CommentAnswer, CommentInput, Disposition, RegulationComment, utc};

/// The entity name of comments in history and the change feed.
pub const COMMENT_ENTITY: &str = "regulation_comment";

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = rc, treat_none_as_null = true)]
struct CommentRow {
    id: String,
    regulation_id: String,
    agency_code: String,
    client_id: String,
    clause: Option<String>,
    comment: String,
    submitted_at: chrono::NaiveDateTime,
    disposition: Option<String>,
    response: Option<String>,
    answered_by: Option<String>,
    answered_at: Option<chrono::NaiveDateTime>,
}

impl CommentRow {
    fn to_api(&self) -> RegulationComment {
        RegulationComment {
            id: self.id.clone(),
            regulation_id: self.regulation_id.clone(),
            agency_code: self.agency_code.clone(),
            clause: self.clause.clone(),
            comment: self.comment.clone(),
            submitted_at: utc(self.submitted_at),
            disposition: self.disposition.as_deref().and_then(Disposition::parse),
            response: self.response.clone(),
            answered_by: self.answered_by.clone(),
            answered_at: self.answered_at.map(utc),
        }
    }

    fn record(
        &self,
        conn: &mut AnyConnection,
        actor: &Actor,
        action: &str,
        lead: &str,
        before: Option<&CommentRow>,
    ) -> Result<(), ApiError> {
        let access = access::Access::shared_by(lead);
        let snapshot = |r: &CommentRow| serde_json::to_value(r.to_api()).unwrap_or_default();
        let change = Change {
            entity: COMMENT_ENTITY,
            entity_id: &self.id,
            action,
            version: 1 + i32::from(self.disposition.is_some()),
            access: &access,
            before: before.map(snapshot),
            after: Some(snapshot(self)),
        };
        changes::record(conn, actor, change).map(|_| ())
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
    if !regulation.open_for_comments(calendar::today()) {
        let window = match (regulation.consultation_opens, regulation.consultation_closes) {
            (Some(o), Some(c)) if regulation.state == "consultation" => format!("it takes comments from {o} to {c}"),
            _ => format!("it is {}, not in consultation", regulation.state),
        };
        return Err(ApiError::conflict("consultation_not_open", format!("this draft takes no comments now: {window}")));
    }
    let row = CommentRow {
        id: tdc_kernel::ids::new_id(),
        regulation_id: regulation.id.clone(),
        agency_code: actor.agency_code.clone(),
        client_id: actor.client_id.clone(),
        clause: tdc_kernel::text::clean_opt(input.clause.as_deref()),
        comment: input.comment.trim().to_owned(),
        submitted_at: now(),
        disposition: None,
        response: None,
        answered_by: None,
        answered_at: None,
    };
    diesel::insert_into(rc::table).values(&row).execute(conn)?;
    row.record(conn, actor, "created", &regulation.lead_agency, None)?;
    Ok(row.to_api())
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
    row.record(conn, actor, "answered", &regulation.lead_agency, Some(&existing))?;
    Ok(row.to_api())
}

/// A page of a regulation's comments (oldest first) after the comment `after`; `limit + 1` rows.
pub fn list_comments(
    conn: &mut AnyConnection,
    reader: &Reader,
    regulation_id: &str,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<RegulationComment>, ApiError> {
    visible_row(conn, reader, regulation_id)?;
    let mut query = rc::table.filter(rc::regulation_id.eq(regulation_id)).select(CommentRow::as_select()).into_boxed();
    if let Some(after) = after {
        query = query.filter(rc::id.gt(after));
    }
    let rows: Vec<CommentRow> = query.order(rc::id.asc()).limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(CommentRow::to_api).collect())
}

/// How many of a regulation's comments are not answered yet.
pub(crate) fn unanswered(conn: &mut AnyConnection, regulation_id: &str) -> Result<i64, ApiError> {
    Ok(rc::table
        .filter(rc::regulation_id.eq(regulation_id))
        .filter(rc::disposition.is_null())
        .count()
        .get_result(conn)?)
}
