//! `/api/v1/complaint-routes`: which agency is competent for which complaints (DOST keeps them).

use actix_web::{HttpResponse, web};
use tdc_kernel::Problem;
use tdc_kernel::db;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::Listed;
use tdc_kernel::resource::{Call, IdPath, Reply};

use super::complaints::TAG;
use crate::model::{Route, RouteInput, RoutePage};
use crate::scopes::{SURVEILLANCE_READ, SURVEILLANCE_WRITE};
use crate::store::routes as store;

/// Lists the routing rules, oldest first.
#[utoipa::path(get, path = "/api/v1/complaint-routes", tag = TAG, operation_id = "list_complaint_routes",
    params(PageQuery), responses(Listed<RoutePage>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn list(call: Call, paging: Query<PageQuery>) -> Reply {
    let load = move |c: &mut _, _: &_, after, limit| store::list(c, after, limit);
    call.page(paging.0, load, |items, next_cursor| RoutePage { items, next_cursor }).await
}

/// Records a routing rule (DOST): complaints matching every field it names go to its agency; the
/// rule naming the most fields wins; none matching: DOST.
#[utoipa::path(post, path = "/api/v1/complaint-routes", tag = TAG, operation_id = "create_complaint_route",
    request_body = RouteInput, security(("bearer" = [SURVEILLANCE_WRITE])),
    responses(
        (status = 201, description = "Recorded.", body = Route),
        (status = 403, description = "Only DOST keeps the rules (`dost_only`).", body = Problem),
        (status = 422, description = "An unknown agency, or a rule that names nothing (`validation_failed`).", body = Problem),
    ))]
pub async fn create(call: Call, body: ValidJson<RouteInput>) -> Reply {
    let (input, (_, writer)) = (body.0, call.writer());
    let route = db::write(&call.pool, move |c| store::create(c, &writer, &input)).await?;
    Ok(HttpResponse::Created().json(route))
}

/// Deletes a routing rule (DOST).
#[utoipa::path(delete, path = "/api/v1/complaint-routes/{id}", tag = TAG, operation_id = "delete_complaint_route",
    params(IdPath), security(("bearer" = [SURVEILLANCE_WRITE])),
    responses(
        (status = 204, description = "Deleted."),
        (status = 403, description = "Only DOST keeps the rules (`dost_only`).", body = Problem),
        (status = 404, description = "No such rule.", body = Problem),
    ))]
pub async fn delete(call: Call, id: web::Path<IdPath>) -> Reply {
    let (id, (_, writer)) = (id.into_inner().of("complaint route")?, call.writer());
    db::write(&call.pool, move |c| store::delete(c, &writer, &id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
