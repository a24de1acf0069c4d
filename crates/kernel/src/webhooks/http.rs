//! `/api/v1/webhooks`: a client's subscriptions to the change feed, pushed to its address and
//! signed per Standard Webhooks; their delivery log, replays and secret rotation.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::model::{DeliveryListQuery, ReplayInput, Webhook, WebhookInput, WebhookPage, WebhookWithSecret};
use super::store;
use crate::extract::{Query, ValidJson};
use crate::paging::PageQuery;
use crate::queue::{QueueListQuery, QueuedItem, QueuedItemPage};
use crate::resource::responses::{Created, Listed, Read};
use crate::resource::{Call, IdPath, IfMatchOptional, Reply};
use crate::seal::Sealer;
use crate::{Problem, db, location};

/// Subscribe the client to webhooks, read their deliveries, replay and rotate their secrets.
pub const WEBHOOKS_MANAGE: &str = "webhooks:manage";

const TAG: &str = "Webhooks";
const ENTITY: &str = "webhook subscription";

/// Lists the calling client's webhook subscriptions (DOST's administrators: every client's).
#[utoipa::path(get, path = "/api/v1/webhooks", tag = TAG, operation_id = "list_webhooks",
    params(PageQuery), responses(Listed<WebhookPage>), security(("bearer" = [WEBHOOKS_MANAGE])))]
pub async fn list(call: Call, paging: Query<PageQuery>) -> Reply {
    let me = call.principal.clone();
    let load = move |c: &mut _, _: &_, after, limit| store::list(c, &me, after, limit);
    call.page(paging.0, load, |items, next_cursor| WebhookPage { items, next_cursor }).await
}

/// Subscribes the calling client: every committed change it may read and the subscription names
/// is POSTed to `url` as `{"type", "timestamp", "data"}` (the change as the feed has it), signed
/// per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). At least once:
/// a failed push is retried with a growing delay, then given up as dead (`…/deliveries`); not
/// necessarily in order (`data.seq` orders them). The secret is in the answer, this once.
#[utoipa::path(post, path = "/api/v1/webhooks", tag = TAG, operation_id = "create_webhook",
    request_body = WebhookInput, security(("bearer" = [WEBHOOKS_MANAGE])), responses(Created<WebhookWithSecret>))]
pub async fn create(call: Call, sealer: web::Data<Sealer>, body: ValidJson<WebhookInput>) -> Reply {
    let (input, me) = (body.0, call.principal.clone());
    if let Some(known) = call.req.app_data::<web::Data<crate::changes::FeedEntities>>() {
        for (i, t) in input.event_types.iter().enumerate() {
            let entity = t.split_once('.').map_or(t.as_str(), |(e, _)| e);
            if !known.knows(entity) {
                let message = format!("no kind of record `{entity}` is written to the feed; see `ChangeEvent.entity`");
                return Err(crate::ApiError::invalid_field(
                    &format!("/event_types/{i}"),
                    "unknown_event_type",
                    &message,
                ));
            }
        }
    }
    call.create(location!(get), move |c, _, _| store::create(c, &sealer, &me, &input)).await
}

/// Reads one subscription (never its secret).
#[utoipa::path(get, path = "/api/v1/webhooks/{id}", tag = TAG, operation_id = "get_webhook",
    params(IdPath), responses(Read<Webhook>), security(("bearer" = [WEBHOOKS_MANAGE])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let (id, me) = (id.into_inner().of(ENTITY)?, call.principal.clone());
    call.read(move |c, _| store::get(c, &me, &id)).await
}

/// Ends a subscription: nothing more is pushed; deliveries still waiting are dropped.
#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", tag = TAG, operation_id = "delete_webhook",
    params(IdPath, IfMatchOptional), security(("bearer" = [WEBHOOKS_MANAGE])),
    responses(
        (status = 204, description = "Ended."),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
        (status = 404, description = "No such subscription of the caller's client.", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
    ))]
pub async fn delete(call: Call, id: web::Path<IdPath>) -> Reply {
    let (id, me) = (id.into_inner().of(ENTITY)?, call.principal.clone());
    let expected = crate::versions::optional_if_match(&call.req)?;
    db::write(&call.pool, move |c| store::delete(c, &me, &id, expected)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Rotates the subscription's secret: the new one is in the answer, this once; for 24 hours every
/// push is signed under both (two `v1,…` in `webhook-signature`), so a receiver can switch
/// without losing one.
#[utoipa::path(post, path = "/api/v1/webhooks/{id}/secret", tag = TAG, operation_id = "rotate_webhook_secret",
    params(IdPath, IfMatchOptional), security(("bearer" = [WEBHOOKS_MANAGE])),
    responses(
        (status = 200, description = "Rotated; the subscription and its new secret.", body = WebhookWithSecret),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
        (status = 404, description = "No such subscription of the caller's client.", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
    ))]
pub async fn rotate(call: Call, sealer: web::Data<Sealer>, id: web::Path<IdPath>) -> Reply {
    let (id, me) = (id.into_inner().of(ENTITY)?, call.principal.clone());
    call.transition(move |c, _, _, expected| store::rotate(c, &sealer, &me, &id, expected)).await
}

/// Pushes again every matching change after `after_seq` — a receiver that lost data asks for it
/// again; a change pushed before keeps its `webhook-id`.
#[utoipa::path(post, path = "/api/v1/webhooks/{id}/replay", tag = TAG, operation_id = "replay_webhook",
    params(IdPath, IfMatchOptional), request_body = ReplayInput, security(("bearer" = [WEBHOOKS_MANAGE])),
    responses(
        (status = 200, description = "The subscription, its position moved back.", body = Webhook),
        (status = 404, description = "No such subscription of the caller's client.", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
    ))]
pub async fn replay(call: Call, id: web::Path<IdPath>, body: ValidJson<ReplayInput>) -> Reply {
    let (id, me, after) = (id.into_inner().of(ENTITY)?, call.principal.clone(), body.0.after_seq);
    call.transition(move |c, _, _, expected| store::replay(c, &me, &id, after, expected)).await
}

/// Lists a subscription's deliveries, oldest first — each with its attempts, state and last error;
/// `state=dead` lists those given up.
#[utoipa::path(get, path = "/api/v1/webhooks/{id}/deliveries", tag = TAG, operation_id = "list_webhook_deliveries",
    params(IdPath, DeliveryListQuery, PageQuery), security(("bearer" = [WEBHOOKS_MANAGE])),
    responses(Listed<QueuedItemPage>, (status = 404, description = "No such subscription of the caller's client.", body = Problem)))]
pub async fn deliveries(
    call: Call,
    id: web::Path<IdPath>,
    q: Query<DeliveryListQuery>,
    paging: Query<PageQuery>,
) -> Reply {
    let (id, me) = (id.into_inner().of(ENTITY)?, call.principal.clone());
    let filter = QueueListQuery { state: q.0.state };
    let load = move |c: &mut _, _: &_, after, limit| store::deliveries(c, &me, &id, &filter, after, limit);
    call.page(paging.0, load, |items, next_cursor| QueuedItemPage { items, next_cursor }).await
}

/// A delivery of a subscription, in a path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct DeliveryPath {
    /// The subscription's id (UUID).
    #[param(format = "uuid")]
    pub id: String,
    /// The delivery's id (UUID; its `webhook-id`).
    #[param(format = "uuid")]
    pub delivery_id: String,
}

/// Sends a dead delivery again: due at once, its attempts counted anew, under the same
/// `webhook-id`.
#[utoipa::path(post, path = "/api/v1/webhooks/{id}/deliveries/{delivery_id}/retry", tag = TAG,
    operation_id = "retry_webhook_delivery", params(DeliveryPath), security(("bearer" = [WEBHOOKS_MANAGE])),
    responses(
        (status = 200, description = "Due again.", body = QueuedItem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
        (status = 404, description = "No such subscription of the caller's client, or no such delivery of it.", body = Problem),
        (status = 409, description = "The delivery is not dead (`not_dead`).", body = Problem),
    ))]
pub async fn retry(call: Call, path: web::Path<DeliveryPath>) -> Reply {
    let DeliveryPath { id, delivery_id } = path.into_inner();
    let (id, me) = (crate::ids::path_id(&id, ENTITY)?, call.principal.clone());
    let delivery = crate::ids::path_id(&delivery_id, "delivery")?;
    let item = db::write(&call.pool, move |c| store::retry(c, &me, &id, &delivery)).await?;
    Ok(HttpResponse::Ok().json(item))
}
