//! Webhook subscriptions as the API shows them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

/// An event type a subscription names: an entity of the change feed (`warning`: every change of a
/// warning) or an entity and an action (`coordination_request.overdue`).
fn event_type(value: &str) -> Result<(), ValidationError> {
    let word = |w: &str| !w.is_empty() && w.len() <= 64 && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    match value.split_once('.') {
        None if word(value) => Ok(()),
        Some((entity, action)) if word(entity) && word(action) => Ok(()),
        _ => {
            let mut e = ValidationError::new("event_type");
            e.message = Some("an entity (`warning`) or an entity and an action (`warning.publish`)".into());
            Err(e)
        }
    }
}

fn event_types(values: &[String]) -> Result<(), ValidationError> {
    values.iter().try_for_each(|v| event_type(v))
}

fn address(url: &str) -> Result<(), ValidationError> {
    let ok = (url.starts_with("http://") || url.starts_with("https://"))
        && url.len() > 10
        && url.len() <= 2000
        && !url.chars().any(char::is_whitespace);
    if ok {
        return Ok(());
    }
    let mut e = ValidationError::new("url_format");
    e.message = Some("an http(s) URL without spaces, up to 2000 characters".into());
    Err(e)
}

/// A subscription (`POST /api/v1/webhooks`): where to push which changes. The changes are those the
/// calling client may read in the change feed, as its agency and roles stand when each is pushed.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct WebhookInput {
    /// Where each change is POSTed (an `http://` address, or `https://` through the hub's egress
    /// proxy).
    #[validate(custom(function = "address"))]
    pub url: String,
    /// Which changes: entities of the feed (`warning`) or an entity and an action
    /// (`coordination_request.overdue`); empty: every change the client may read.
    #[serde(default)]
    #[validate(length(max = 50), custom(function = "event_types"))]
    pub event_types: Vec<String>,
    /// What it is for.
    #[serde(default)]
    #[validate(length(min = 1, max = 500))]
    pub description: Option<String>,
    /// Push the changes after this sequence number of the feed (`0`: its whole history the client
    /// may read); default: only the changes committed from now on.
    #[serde(default)]
    #[validate(range(min = 0))]
    pub after_seq: Option<i64>,
}

/// A webhook subscription. Its secret is shown once, when created or rotated.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Webhook {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The client it pushes to and reads as.
    pub client_id: String,
    /// Where changes are POSTed.
    pub url: String,
    /// Which changes (empty: all the client may read).
    pub event_types: Vec<String>,
    /// What it is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The last change of the feed looked at: every later one it matches will be pushed.
    pub after_seq: i64,
    /// Until when the secret before the last rotation still signs beside the current one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_secret_until: Option<DateTime<Utc>>,
    /// Version, for `ETag`.
    pub version: i32,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

crate::record!(Webhook);

/// A subscription just made, or its secret just rotated: the secret, shown this once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookWithSecret {
    /// The subscription.
    pub webhook: Webhook,
    /// The signing secret (`whsec_…`, Standard Webhooks): verify `webhook-signature` with it. The
    /// hub keeps it sealed and never shows it again.
    pub secret: String,
}

crate::record!(WebhookWithSecret, via = webhook);

/// Where the pushes start again (`POST …/{id}/replay`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReplayInput {
    /// Push again every matching change after this sequence number of the feed.
    #[validate(range(min = 0))]
    pub after_seq: i64,
}

crate::page!(WebhookPage of Webhook, "A page of webhook subscriptions.", "The subscriptions on this page, oldest first.");

/// Filters of a subscription's delivery log.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryListQuery {
    /// Only deliveries in this state (`dead` for those given up).
    pub state: Option<crate::queue::ItemState>,
}

/// The body every push carries (Standard Webhooks' envelope).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookEvent {
    /// `<entity>.<action>`, e.g. `warning.publish`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// When the change was committed.
    pub timestamp: DateTime<Utc>,
    /// The change as the feed has it (`seq` orders and identifies it).
    pub data: crate::changes::ChangeEvent,
}
