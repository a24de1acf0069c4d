//! `/api/v1/technical-regulations/{id}/comments`: consultation comments and their answers.

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::{MaybePrincipal, Principal};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::{ApiError, Problem, ids};

use crate::model::{CommentAnswer, CommentInput, PublicCommentInput, RegulationComment, RegulationCommentPage};
use crate::rules::ConsultationRules;
use crate::store::regulations as store;

/// Lists the comments filed on a draft (by agencies and by the public), with their answers, oldest
/// first: the consultation record. Whoever may read the regulation reads them — anyone, without a
/// token, once it is published or while its consultation is open. A public commenter's identity
/// is shown only to the drafting agency and DOST's administrators.
#[utoipa::path(
    get, path = "/api/v1/technical-regulations/{id}/comments", tag = "Technical regulations", operation_id = "list_regulation_comments",
    params(("id" = String, Path, description = "The regulation's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "A page of comments.", body = RegulationCommentPage),
        (status = 404, description = "No such regulation, or not one the caller may read.", body = Problem),
    ),
    security((), ("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn list(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::REGULATIONS_READ)?;
    let id = ids::path_id(&id, "technical regulation")?;
    let load = move |c: &mut _, after, limit| store::list_comments(c, &reader, &id, after, limit);
    let key = |r: &RegulationComment| r.id.clone();
    serve_page(&req, &pool, q.0, load, key, |items, next_cursor| RegulationCommentPage { items, next_cursor }).await
}

/// Files the caller's agency's comment on a draft while its consultation is open.
#[utoipa::path(
    post, path = "/api/v1/technical-regulations/{id}/comments", tag = "Technical regulations", operation_id = "add_regulation_comment",
    params(("id" = String, Path, description = "The regulation's id (UUID).", format = "uuid")),
    request_body = CommentInput,
    responses(
        (status = 201, description = "The comment, as filed.", body = RegulationComment),
        (status = 404, description = "No such regulation.", body = Problem),
        (status = 409, description = "The draft takes no comments now (`consultation_not_open`): not in consultation, or outside its dates.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn add(
    p: Principal,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    body: ValidJson<CommentInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let id = ids::path_id(&id, "technical regulation")?;
    let (actor, writer, input) = (Actor::from(&p), Reader::of(&p), body.0);
    let comment = db::write(&pool, move |c| store::add_comment(c, &actor, &writer, &id, &input)).await?;
    Ok(HttpResponse::Created().json(comment))
}

/// Files a comment from an organisation, association, business or individual, without a token,
/// on a draft whose public consultation is open (seed 000 Art. 8.1.a, seed 001 Art. 7.2.a). The
/// commenter's name and contact are personal data: only the drafting agency sees them. One source
/// address files at most the configured number of comments on one draft a day (429
/// `too_many_comments`, with `Retry-After`).
#[utoipa::path(
    post, path = "/api/v1/technical-regulations/{id}/public-comments", tag = "Technical regulations", operation_id = "add_public_regulation_comment",
    params(("id" = String, Path, description = "The regulation's id (UUID).", format = "uuid")),
    request_body = PublicCommentInput,
    responses(
        (status = 201, description = "The comment, as filed (without the commenter's identity).", body = RegulationComment),
        (status = 404, description = "No such regulation open to the public.", body = Problem),
        (status = 409, description = "The draft takes no comments now (`consultation_not_open`).", body = Problem),
        (status = 429, description = "Too many comments from this address on this draft today (`too_many_comments`); see `Retry-After`.", body = Problem),
    ),
    security(())
)]
pub async fn add_public(
    req: HttpRequest,
    pool: web::Data<DbPool>,
    rules: web::Data<ConsultationRules>,
    id: web::Path<String>,
    body: ValidJson<PublicCommentInput>,
) -> Result<HttpResponse, ApiError> {
    let id = ids::path_id(&id, "technical regulation")?;
    let source = req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default();
    let (rules, input) = (*rules.get_ref(), body.0);
    let comment = db::write(&pool, move |c| store::add_public_comment(c, &rules, &source, &id, &input)).await?;
    Ok(HttpResponse::Created().json(comment))
}

/// The lead agency answers a comment, once; the draft goes to appraisal only when every comment is answered.
#[utoipa::path(
    post, path = "/api/v1/technical-regulations/{id}/comments/{comment_id}/answer", tag = "Technical regulations", operation_id = "answer_regulation_comment",
    params(
        ("id" = String, Path, description = "The regulation's id (UUID).", format = "uuid"),
        ("comment_id" = String, Path, description = "The comment's id (UUID).", format = "uuid"),
    ),
    request_body = CommentAnswer,
    responses(
        (status = 200, description = "The answered comment.", body = RegulationComment),
        (status = 403, description = "Only the lead agency answers (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such regulation or comment.", body = Problem),
        (status = 409, description = "Answered already (`already_answered`).", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn answer(
    p: Principal,
    pool: web::Data<DbPool>,
    path: web::Path<(String, String)>,
    body: ValidJson<CommentAnswer>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let (id, comment_id) = path.into_inner();
    let (id, comment_id) = (ids::path_id(&id, "technical regulation")?, ids::path_id(&comment_id, "comment")?);
    let (actor, writer, answer) = (Actor::from(&p), Reader::of(&p), body.0);
    let comment =
        db::write(&pool, move |c| store::answer_comment(c, &actor, &writer, &id, &comment_id, &answer)).await?;
    Ok(HttpResponse::Ok().json(comment))
}
