//! `/api/v1/province-notifications`: what other provinces are told about bodies with sites there.

use tdc_kernel::extract::Query;
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::resource::responses::Listed;
use tdc_kernel::resource::{AnyCall, Reply};

use crate::model::{NotificationQuery, ProvinceNotification, ProvinceNotificationPage};
use crate::scopes::CONFORMITY_READ;
use crate::store::notifications as store;

/// Lists notifications to other provinces, oldest first: a province's connector reads those
/// addressed to it (`?province=01`), or follows the change feed (`entity=province_notification`). Public.
#[utoipa::path(get, path = "/api/v1/province-notifications", tag = "Conformity registry", operation_id = "list_province_notifications",
    params(NotificationQuery, PageQuery), responses(Listed<ProvinceNotificationPage>), security((), ("bearer" = [CONFORMITY_READ])))]
pub async fn list(call: AnyCall, q: Query<NotificationQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, after, limit| store::list(c, &filter, after, limit);
    let key = |n: &ProvinceNotification| n.id.clone();
    let page = |items, next_cursor| ProvinceNotificationPage { items, next_cursor };
    serve_page(&call.req, &call.pool, paging, load, key, page).await
}
