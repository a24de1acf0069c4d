//! `/api/v1/technical-regulations/{id}/comments`: consultation comments and their answers.

use actix_web::{HttpResponse, web};
use tdc_kernel::db;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::resource::{AnyCall, Call, IdPath, PublicCall, Reply};
use tdc_kernel::{Problem, ids};

use crate::model::{CommentAnswer, CommentInput, PublicCommentInput, RegulationComment, RegulationCommentPage};
use crate::rules::ConsultationRules;
use crate::scopes::{REGULATIONS_READ, REGULATIONS_WRITE};
use crate::store::regulations as store;

const TAG: &str = "Technical regulations";
const REGULATION: &str = "technical regulation";

/// The regulation and the comment a path names.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CommentPath {
    /// The regulation's id (UUID).
    #[param(format = "uuid")]
    id: String,
    /// The comment's id (UUID).
    #[param(format = "uuid")]
    comment_id: String,
}

/// Lists the comments filed on a draft (by agencies and by the public), with their answers, oldest
/// first: the consultation record. Whoever may read the regulation reads them — anyone, without a
/// token, once it is published or while its consultation is open. A public commenter's identity
/// is shown only to the drafting agency and DOST's administrators.
#[utoipa::path(get, path = "/api/v1/technical-regulations/{id}/comments", tag = TAG, operation_id = "list_regulation_comments",
    params(IdPath, PageQuery), security((), ("bearer" = [REGULATIONS_READ])),
    responses(
        (status = 200, description = "A page of comments.", body = RegulationCommentPage),
        (status = 404, description = "No such regulation, or not one the caller may read.", body = Problem),
    ))]
pub async fn list(call: AnyCall, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let reader = call.reader();
    let id = id.into_inner().of(REGULATION)?;
    let load = move |c: &mut _, after, limit| store::list_comments(c, &reader, &id, after, limit);
    let key = |r: &RegulationComment| r.id.clone();
    let page = |items, next_cursor| RegulationCommentPage { items, next_cursor };
    serve_page(&call.req, &call.pool, q.0, load, key, page).await
}

/// Files the caller's agency's comment on a draft while its consultation is open.
#[utoipa::path(post, path = "/api/v1/technical-regulations/{id}/comments", tag = TAG, operation_id = "add_regulation_comment",
    params(IdPath), request_body = CommentInput, security(("bearer" = [REGULATIONS_WRITE])),
    responses(
        (status = 201, description = "The comment, as filed.", body = RegulationComment),
        (status = 404, description = "No such regulation.", body = Problem),
        (status = 409, description = "The draft takes no comments now (`consultation_not_open`): not in consultation, or outside its dates.", body = Problem),
    ))]
pub async fn add(call: Call, id: web::Path<IdPath>, body: ValidJson<CommentInput>) -> Reply {
    let (actor, writer) = call.writer();
    let (id, input) = (id.into_inner().of(REGULATION)?, body.0);
    let comment = db::write(&call.pool, move |c| store::add_comment(c, &actor, &writer, &id, &input)).await?;
    Ok(HttpResponse::Created().json(comment))
}

/// Files a comment from an organisation, association, business or individual, without a token,
/// on a draft whose public consultation is open (seed 000 Art. 8.1.a, seed 001 Art. 7.2.a). The
/// commenter's name and contact are personal data: only the drafting agency sees them. One source
/// address files at most the configured number of comments on one draft a day (429
/// `too_many_comments`, with `Retry-After`).
#[utoipa::path(post, path = "/api/v1/technical-regulations/{id}/public-comments", tag = TAG, operation_id = "add_public_regulation_comment",
    params(IdPath), request_body = PublicCommentInput, security(()),
    responses(
        (status = 201, description = "The comment, as filed (without the commenter's identity).", body = RegulationComment),
        (status = 404, description = "No such regulation open to the public.", body = Problem),
        (status = 409, description = "The draft takes no comments now (`consultation_not_open`).", body = Problem),
        (status = 429, description = "Too many comments from this address on this draft today (`too_many_comments`); see `Retry-After`.", body = Problem),
    ))]
pub async fn add_public(
    call: PublicCall,
    rules: web::Data<ConsultationRules>,
    id: web::Path<IdPath>,
    body: ValidJson<PublicCommentInput>,
) -> Reply {
    let id = id.into_inner().of(REGULATION)?;
    let source = tdc_kernel::limits::source_of(&call.req);
    let (rules, input) = (*rules.get_ref(), body.0);
    let comment = db::write(&call.pool, move |c| store::add_public_comment(c, &rules, &source, &id, &input)).await?;
    Ok(HttpResponse::Created().json(comment))
}

/// The lead agency answers a comment, once; the draft goes to appraisal only when every comment is answered.
#[utoipa::path(post, path = "/api/v1/technical-regulations/{id}/comments/{comment_id}/answer", tag = TAG, operation_id = "answer_regulation_comment",
    params(CommentPath), request_body = CommentAnswer, security(("bearer" = [REGULATIONS_WRITE])),
    responses(
        (status = 200, description = "The answered comment.", body = RegulationComment),
        (status = 403, description = "Only the lead agency answers (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such regulation or comment.", body = Problem),
        (status = 409, description = "Answered already (`already_answered`).", body = Problem),
    ))]
pub async fn answer(call: Call, path: web::Path<CommentPath>, body: ValidJson<CommentAnswer>) -> Reply {
    let (actor, writer) = call.writer();
    let CommentPath { id, comment_id } = path.into_inner();
    let (id, comment_id) = (ids::path_id(&id, REGULATION)?, ids::path_id(&comment_id, "comment")?);
    let answer = body.0;
    let work = move |c: &mut _| store::answer_comment(c, &actor, &writer, &id, &comment_id, &answer);
    Ok(HttpResponse::Ok().json(db::write(&call.pool, work).await?))
}
