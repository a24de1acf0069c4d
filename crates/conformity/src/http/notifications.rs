//! `/api/v1/province-notifications`: what other provinces are told about bodies with sites there.

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::auth::MaybePrincipal;
use tdc_kernel::db::DbPool;
use tdc_kernel::extract::Query;
use tdc_kernel::paging::{PageQuery, serve_page};

use crate::model::{NotificationQuery, ProvinceNotification, ProvinceNotificationPage};
use crate::store::notifications as store;

/// Lists notifications to other provinces, oldest first: a province's connector reads those
/// addressed to it (`?province=01`), or follows the change feed (`entity=province_notification`). Public.
#[utoipa::path(
    get, path = "/api/v1/province-notifications", tag = "Conformity registry", operation_id = "list_province_notifications",
    params(NotificationQuery),
    responses((status = 200, description = "A page of notifications.", body = ProvinceNotificationPage)),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn list(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<NotificationQuery>,
) -> Result<HttpResponse, ApiError> {
    Reader::with_scope(&p, scopes::CONFORMITY_READ)?;
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor.clone() };
    let load = move |c: &mut _, after, limit| store::list(c, &filter, after, limit);
    serve_page(
        &req,
        &pool,
        paging,
        load,
        |n: &ProvinceNotification| n.id.clone(),
        |items, next_cursor| ProvinceNotificationPage { items, next_cursor },
    )
    .await
}
