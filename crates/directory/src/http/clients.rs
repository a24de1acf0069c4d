//! `/api/v1/clients`: the API clients that call the hub (DOST's administrators manage them).

use actix_web::{HttpResponse, web};
use tdc_kernel::db;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{History, Listed, Moves, Read, Updated};
use tdc_kernel::resource::{Call, IfMatchRequired, Reply};
use tdc_kernel::versions::created_response;
use tdc_kernel::{Problem, location};

use crate::model::{
    ApiClient, ApiClientPage, ClientListQuery, ClientPatch, ClientSecret, ClientTransition, NewApiClient,
};
use crate::scopes::{CLIENTS_READ, CLIENTS_WRITE};
use crate::store::clients;

const TAG: &str = "API clients";

/// The `{client_id}` of a client in a path.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ClientPath {
    /// The client's id.
    client_id: String,
}

/// Lists API clients, ordered by `client_id`.
#[utoipa::path(get, path = "/api/v1/clients", tag = TAG, operation_id = "list_clients",
    params(ClientListQuery, PageQuery), responses(Listed<ApiClientPage>), security(("bearer" = [CLIENTS_READ])))]
pub async fn list(call: Call, q: Query<ClientListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| clients::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| ApiClientPage { items, next_cursor }).await
}

/// Creates an API client for an agency; the answer carries its secret, shown this once.
#[utoipa::path(post, path = "/api/v1/clients", tag = TAG, operation_id = "create_client",
    request_body = NewApiClient, security(("bearer" = [CLIENTS_WRITE])),
    responses(
        (status = 201, description = "The client and its `client_secret` (shown only now).", body = ClientSecret),
        (status = 409, description = "The client id is taken (`duplicate_key`).", body = Problem),
    ))]
pub async fn create(call: Call, body: ValidJson<NewApiClient>) -> Reply {
    let (actor, _) = call.writer();
    let new = body.0;
    let created = db::write(&call.pool, move |c| clients::create(c, &actor, &new, None)).await?;
    let location = location!(get, created.client.client_id);
    Ok(no_store(created_response(&location, created.client.version, &created)))
}

/// Reads one API client.
#[utoipa::path(get, path = "/api/v1/clients/{client_id}", tag = TAG, operation_id = "get_client",
    params(ClientPath), responses(Read<ApiClient>), security(("bearer" = [CLIENTS_READ])))]
pub async fn get(call: Call, id: web::Path<ClientPath>) -> Reply {
    let id = id.into_inner().client_id;
    call.read(move |c, _| clients::get(c, &id)).await
}

/// Renames a client or changes its roles. Needs `If-Match`.
#[utoipa::path(patch, path = "/api/v1/clients/{client_id}", tag = TAG, operation_id = "update_client",
    params(ClientPath, IfMatchRequired), request_body(content = ClientPatch, content_type = "application/merge-patch+json"),
    responses(Updated<ApiClient>), security(("bearer" = [CLIENTS_WRITE])))]
pub async fn update(call: Call, id: web::Path<ClientPath>, body: ValidJson<ClientPatch>) -> Reply {
    let (id, patch) = (id.into_inner().client_id, body.0);
    call.update(move |c, actor, _, expected| clients::update(c, actor, &id, expected, &patch)).await
}

/// Disables or re-enables a client. Disabling refuses its current tokens at once on the instance
/// that answers, and within `TDC_CLIENT_CHECK` seconds (default 5) on the hub's other instances.
#[utoipa::path(post, path = "/api/v1/clients/{client_id}/transitions", tag = TAG, operation_id = "transition_client",
    params(ClientPath), request_body = ClientTransition, security(("bearer" = [CLIENTS_WRITE])),
    responses(
        (status = 200, description = "The client in its new state.", body = ApiClient),
        (status = 404, description = "No such client.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`, with `allowed_actions`), or a client disabling itself (`self_disable`).", body = Problem),
    ))]
pub async fn transition(call: Call, id: web::Path<ClientPath>, body: ValidJson<ClientTransition>) -> Reply {
    let (id, action) = (id.into_inner().client_id, body.0.action);
    let moved = id.clone();
    let reply = call.write(move |c, actor, _| clients::transition(c, actor, &moved, action)).await;
    tdc_kernel::auth::forget_client(&call.req, &id);
    reply
}

/// Lists the moves of a client (disable, enable), oldest first.
#[utoipa::path(get, path = "/api/v1/clients/{client_id}/transitions", tag = TAG, operation_id = "list_client_transitions",
    params(ClientPath, PageQuery), responses(Moves), security(("bearer" = [CLIENTS_READ])))]
pub async fn transitions(call: Call, id: web::Path<ClientPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().client_id;
    let lookup = id.clone();
    call.moves(clients::ENTITY, id, q.0, move |c, _| clients::get(c, &lookup)).await
}

/// Gives a client a new secret; the old one stops working. The answer shows it this once.
#[utoipa::path(post, path = "/api/v1/clients/{client_id}/secret", tag = TAG, operation_id = "rotate_client_secret",
    params(ClientPath), security(("bearer" = [CLIENTS_WRITE])),
    responses(
        (status = 200, description = "The client and its new `client_secret` (shown only now).", body = ClientSecret),
        (status = 404, description = "No such client.", body = Problem),
    ))]
pub async fn rotate_secret(call: Call, id: web::Path<ClientPath>) -> Reply {
    let (actor, _) = call.writer();
    let id = id.into_inner().client_id;
    let rotated = db::write(&call.pool, move |c| clients::rotate_secret(c, &actor, &id, None)).await?;
    Ok(no_store(HttpResponse::Ok().json(rotated)))
}

/// Lists the changes to one client: who created, changed, disabled or re-keyed it, and when.
#[utoipa::path(get, path = "/api/v1/clients/{client_id}/history", tag = TAG, operation_id = "get_client_history",
    params(ClientPath, PageQuery), responses(History), security(("bearer" = [CLIENTS_READ])))]
pub async fn history(call: Call, id: web::Path<ClientPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().client_id;
    let lookup = id.clone();
    call.history(clients::ENTITY, id, q.0, move |c, _| clients::get(c, &lookup)).await
}

/// Secrets must not be kept by caches or proxies.
fn no_store(mut res: HttpResponse) -> HttpResponse {
    use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
