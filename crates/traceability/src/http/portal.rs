//! `/api/v1/traceability/portal/outbox`: the pushes to the national traceability portal, each
//! capture's events and lots, with where each stands; a dead one (given up after its last attempt)
//! is tried again on request.

use actix_web::{HttpResponse, web};
use tdc_kernel::extract::Query;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::queue::{self, QueueListQuery, QueuedItem, QueuedItemPage};
use tdc_kernel::resource::responses::Listed;
use tdc_kernel::resource::{Call, Reply};
use tdc_kernel::{Problem, db};

use crate::portal::KIND;
use crate::scopes::TRACEABILITY_CAPTURE;

const TAG: &str = "Traceability";

/// Lists the pushes to the national portal, oldest first: one per capture that stored events,
/// keyed by the capture job's id; `state=dead` is the dead-letter list.
#[utoipa::path(get, path = "/api/v1/traceability/portal/outbox", tag = TAG, operation_id = "list_portal_outbox",
    params(QueueListQuery, PageQuery), responses(Listed<QueuedItemPage>), security(("bearer" = [TRACEABILITY_CAPTURE])))]
pub async fn list(call: Call, q: Query<QueueListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| queue::list(c, KIND, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| QueuedItemPage { items, next_cursor }).await
}

/// Tries a dead push again: due at once, its attempts counted anew.
#[utoipa::path(post, path = "/api/v1/traceability/portal/outbox/{id}/retry", tag = TAG, operation_id = "retry_portal_push",
    params(("id" = String, Path, description = "The push's id.")), security(("bearer" = [TRACEABILITY_CAPTURE])),
    responses(
        (status = 200, description = "Due again.", body = QueuedItem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
        (status = 404, description = "No such push (`not_found`).", body = Problem),
        (status = 409, description = "The push is not dead (`not_dead`).", body = Problem),
    ))]
pub async fn retry(call: Call, id: web::Path<String>) -> Reply {
    let id = id.into_inner();
    let item = db::write(&call.pool, move |c| queue::revive(c, KIND, &id)).await?;
    Ok(HttpResponse::Ok().json(item))
}
