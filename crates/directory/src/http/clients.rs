//! `/api/v1/clients`: the API clients that call the hub (DOST's administrators manage them).

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::Principal;
use tdc_kernel::changes::{Actor, HistoryPage, http::history_page};
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::{TransitionPage, http::transitions_page};
use tdc_kernel::location;
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{created_response, required_if_match, versioned_response};
use tdc_kernel::{ApiError, Problem};

use crate::model::{
    ApiClient, ApiClientPage, ClientListQuery, ClientPatch, ClientSecret, ClientTransition, NewApiClient,
};
use crate::store::clients;

/// Lists API clients, ordered by `client_id`.
#[utoipa::path(
    get, path = "/api/v1/clients", tag = "API clients", operation_id = "list_clients",
    params(ClientListQuery),
    responses((status = 200, description = "A page of clients; `Link: <…>; rel=\"next\"` when there is a next page.", body = ApiClientPage)),
    security(("bearer" = [scopes::CLIENTS_READ]))
)]
pub async fn list(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<ClientListQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CLIENTS_READ)?;
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor.clone() };
    let load = move |c: &mut _, after, limit| clients::list(c, &filter, after, limit);
    let key = |c: &ApiClient| c.client_id.clone();
    serve_page(&req, &pool, paging, load, key, |items, next_cursor| ApiClientPage { items, next_cursor }).await
}

/// Creates an API client for an agency; the answer carries its secret, shown this once.
#[utoipa::path(
    post, path = "/api/v1/clients", tag = "API clients", operation_id = "create_client",
    request_body = NewApiClient,
    responses(
        (status = 201, description = "The client and its `client_secret` (shown only now).", body = ClientSecret),
        (status = 409, description = "The client id is taken (`duplicate_key`).", body = Problem),
    ),
    security(("bearer" = [scopes::CLIENTS_WRITE]))
)]
pub async fn create(
    p: Principal,
    pool: web::Data<DbPool>,
    body: ValidJson<NewApiClient>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CLIENTS_WRITE)?;
    let new = body.0;
    let actor = Actor::from(&p);
    let created = db::write(&pool, move |c| clients::create(c, &actor, &new, None)).await?;
    let location = location!(get, created.client.client_id);
    Ok(no_store(created_response(&location, created.client.version, &created)))
}

/// Reads one API client.
#[utoipa::path(
    get, path = "/api/v1/clients/{client_id}", tag = "API clients", operation_id = "get_client",
    params(("client_id" = String, Path, description = "The client's id.")),
    responses(
        (status = 200, description = "The client, with its `ETag`.", body = ApiClient),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such client.", body = Problem),
    ),
    security(("bearer" = [scopes::CLIENTS_READ]))
)]
pub async fn get(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CLIENTS_READ)?;
    let id = id.into_inner();
    let client = db::read(&pool, move |c| clients::get(c, &id)).await?;
    Ok(versioned_response(&req, client.version, &client))
}

/// Renames a client or changes its roles. Needs `If-Match`.
#[utoipa::path(
    patch, path = "/api/v1/clients/{client_id}", tag = "API clients", operation_id = "update_client",
    params(
        ("client_id" = String, Path, description = "The client's id."),
        ("If-Match" = String, Header, description = "The `ETag` of the version being changed, e.g. `\"2\"`."),
    ),
    request_body(content = ClientPatch, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed client.", body = ApiClient),
        (status = 404, description = "No such client.", body = Problem),
        (status = 412, description = "The client changed since that version (`version_mismatch`).", body = Problem),
        (status = 428, description = "`If-Match` is missing (`precondition_required`).", body = Problem),
    ),
    security(("bearer" = [scopes::CLIENTS_WRITE]))
)]
pub async fn update(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    body: ValidJson<ClientPatch>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CLIENTS_WRITE)?;
    let expected = required_if_match(&req)?;
    let (id, patch) = (id.into_inner(), body.0);
    let actor = Actor::from(&p);
    let client = db::write(&pool, move |c| clients::update(c, &actor, &id, expected, &patch)).await?;
    Ok(versioned_response(&req, client.version, &client))
}

/// Disables or re-enables a client. Disabling refuses its current tokens at once.
#[utoipa::path(
    post, path = "/api/v1/clients/{client_id}/transitions", tag = "API clients", operation_id = "transition_client",
    params(("client_id" = String, Path, description = "The client's id.")),
    request_body = ClientTransition,
    responses(
        (status = 200, description = "The client in its new state.", body = ApiClient),
        (status = 404, description = "No such client.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`, with `allowed_actions`), or a client disabling itself (`self_disable`).", body = Problem),
    ),
    security(("bearer" = [scopes::CLIENTS_WRITE]))
)]
pub async fn transition(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    body: ValidJson<ClientTransition>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CLIENTS_WRITE)?;
    let (id, action, actor) = (id.into_inner(), body.0.action, Actor::from(&p));
    let client = db::write(&pool, move |c| clients::transition(c, &actor, &id, action)).await?;
    Ok(versioned_response(&req, client.version, &client))
}

/// Lists the moves of a client (disable, enable), oldest first.
#[utoipa::path(
    get, path = "/api/v1/clients/{client_id}/transitions", tag = "API clients", operation_id = "list_client_transitions",
    params(("client_id" = String, Path, description = "The client's id."), PageQuery),
    responses(
        (status = 200, description = "Its moves, oldest first.", body = TransitionPage),
        (status = 404, description = "No such client.", body = Problem),
    ),
    security(("bearer" = [scopes::CLIENTS_READ]))
)]
pub async fn transitions(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CLIENTS_READ)?;
    let id = id.into_inner();
    let lookup = id.clone();
    db::read(&pool, move |c| clients::get(c, &lookup)).await?;
    transitions_page(&req, &pool, clients::ENTITY, id, q.0).await
}

/// Gives a client a new secret; the old one stops working. The answer shows it this once.
#[utoipa::path(
    post, path = "/api/v1/clients/{client_id}/secret", tag = "API clients", operation_id = "rotate_client_secret",
    params(("client_id" = String, Path, description = "The client's id.")),
    responses(
        (status = 200, description = "The client and its new `client_secret` (shown only now).", body = ClientSecret),
        (status = 404, description = "No such client.", body = Problem),
    ),
    security(("bearer" = [scopes::CLIENTS_WRITE]))
)]
pub async fn rotate_secret(
    p: Principal,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CLIENTS_WRITE)?;
    let id = id.into_inner();
    let actor = Actor::from(&p);
    let rotated = db::write(&pool, move |c| clients::rotate_secret(c, &actor, &id, None)).await?;
    Ok(no_store(HttpResponse::Ok().json(rotated)))
}

/// Lists the changes to one client: who created, changed, disabled or re-keyed it, and when.
#[utoipa::path(
    get, path = "/api/v1/clients/{client_id}/history", tag = "API clients", operation_id = "get_client_history",
    params(("client_id" = String, Path, description = "The client's id."), PageQuery),
    responses(
        (status = 200, description = "The client's changes, oldest first.", body = HistoryPage),
        (status = 404, description = "No such client.", body = Problem),
    ),
    security(("bearer" = [scopes::CLIENTS_READ]))
)]
pub async fn history(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CLIENTS_READ)?;
    let id = id.into_inner();
    let lookup = id.clone();
    db::read(&pool, move |c| clients::get(c, &lookup)).await?;
    history_page(&req, &pool, Reader::of(&p), clients::ENTITY, id, q.0).await
}

/// Secrets must not be kept by caches or proxies.
fn no_store(mut res: HttpResponse) -> HttpResponse {
    use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
