//! The shared handler of `GET …/{id}/transitions`.

use actix_web::{HttpRequest, HttpResponse};

use super::model::{Transition, TransitionPage};
use crate::db::DbPool;
use crate::paging::{PageQuery, serve_page};
use crate::problem::ApiError;

/// Answers a page of one record's transitions, oldest first; domain handlers call this after
/// checking the record exists and is visible to the caller.
pub async fn transitions_page(
    req: &HttpRequest,
    pool: &DbPool,
    entity: &'static str,
    entity_id: String,
    paging: PageQuery,
) -> Result<HttpResponse, ApiError> {
    let load =
        move |c: &mut _, after: Option<i32>, limit| super::list(c, entity, &entity_id, after.unwrap_or(0), limit + 1);
    let body = |items, next_cursor| TransitionPage { items, next_cursor };
    serve_page(req, pool, paging, load, |t: &Transition| t.position, body).await
}
