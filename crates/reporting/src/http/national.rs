//! `/api/v1/national/outbox`: what the province sends to the national TĐC database, one item per
//! change, with where each stands; a dead one (given up after its last attempt) is tried again on
//! request (DOST).

use actix_web::{HttpResponse, web};
use tdc_kernel::extract::Query;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::queue::{self, QueueListQuery, QueuedItem, QueuedItemPage};
use tdc_kernel::resource::responses::Listed;
use tdc_kernel::resource::{Call, Reply};
use tdc_kernel::{Problem, db};

use crate::national::KIND;
use crate::national::feed_in::{self, NationalChangePage, NationalChangeQuery};
use crate::scopes::{REPORTING_READ, REPORTING_WRITE};

const TAG: &str = "National database";

/// Lists the items sent, or to be sent, to the national database, oldest first — each keyed by the
/// change's sequence number, with its attempts, state and last error; `state=dead` is the
/// dead-letter list.
#[utoipa::path(get, path = "/api/v1/national/outbox", tag = TAG, operation_id = "list_national_outbox",
    params(QueueListQuery, PageQuery), responses(Listed<QueuedItemPage>), security(("bearer" = [REPORTING_READ])))]
pub async fn list(call: Call, q: Query<QueueListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| queue::list(c, KIND, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| QueuedItemPage { items, next_cursor }).await
}

/// Tries a dead item again (DOST): due at once, its attempts counted anew, under the same
/// `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/national/outbox/{id}/retry", tag = TAG, operation_id = "retry_national_item",
    params(("id" = String, Path, description = "The item's id.")), security(("bearer" = [REPORTING_WRITE])),
    responses(
        (status = 200, description = "Due again.", body = QueuedItem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`), or the caller is not DOST (`dost_only`).", body = Problem),
        (status = 404, description = "No such item (`not_found`).", body = Problem),
        (status = 409, description = "The item is not dead (`not_dead`).", body = Problem),
    ))]
pub async fn retry(call: Call, id: web::Path<String>) -> Reply {
    let (id, (_, writer)) = (id.into_inner(), call.writer());
    let item = db::write(&call.pool, move |c| {
        crate::store::templates::require_dost(c, &writer)?;
        queue::revive(c, KIND, &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(item))
}

/// Lists the changes the national database published, as the hub read them from its feed
/// (`TDC_NATIONAL_FEED`), in the national side's order — for the agencies to follow what other
/// provinces and the ministries recorded.
#[utoipa::path(get, path = "/api/v1/national/changes", tag = TAG, operation_id = "list_national_changes",
    params(NationalChangeQuery), security(("bearer" = [REPORTING_READ])),
    responses(
        (status = 200, description = "The changes after `after`.", body = NationalChangePage),
        (status = 400, description = "A malformed `after` or `limit` (`malformed_request`).", body = Problem),
    ))]
pub async fn changes(call: Call, q: Query<NationalChangeQuery>) -> Reply {
    let query = q.0;
    let page = db::read(&call.pool, move |c| feed_in::list(c, &query)).await?;
    Ok(HttpResponse::Ok().json(page))
}
