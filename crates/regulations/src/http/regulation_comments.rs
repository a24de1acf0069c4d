//! `/api/v1/technical-regulations/{id}/comments`: consultation comments and their answers.

use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::{Principal, scopes};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::{ApiError, Problem, ids};

use crate::model::{CommentAnswer, CommentInput, RegulationComment, RegulationCommentPage};
use crate::store::regulations as store;

/// Lists the comments filed on a draft, with their answers, oldest first.
#[utoipa::path(
    get, path = "/api/v1/technical-regulations/{id}/comments", tag = "Technical regulations", operation_id = "list_regulation_comments",
    params(("id" = String, Path, description = "The regulation's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "A page of comments.", body = RegulationCommentPage),
        (status = 404, description = "No such regulation.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["regulations:read"]), ("oauth2" = ["regulations:read"]))
)]
pub async fn list(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_READ)?;
    let (id, reader) = (ids::path_id(&id, "technical regulation")?, Reader::of(&p));
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
        (status = 404, description = "No such regulation.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The draft takes no comments now (`consultation_not_open`): not in consultation, or outside its dates.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["regulations:write"]), ("oauth2" = ["regulations:write"]))
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
        (status = 403, description = "Only the lead agency answers (`not_lead_agency`).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such regulation or comment.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered already (`already_answered`).", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["regulations:write"]), ("oauth2" = ["regulations:write"]))
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
