//! Types of the change feed and of record histories.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::access::Access;
use crate::auth::Principal;

/// Who made a change: the API client and its agency.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// The API client's id (`tdc-hub` for the hub itself, `tdc-hub-cli` for the command line).
    pub client_id: String,
    /// The client's agency.
    pub agency_code: String,
}

impl From<&Principal> for Actor {
    fn from(p: &Principal) -> Actor {
        Actor { client_id: p.client_id.clone(), agency_code: p.agency_code.clone() }
    }
}

/// A change to record.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    /// The kind of record, e.g. `agency`.
    pub entity: &'a str,
    /// The record's id.
    pub entity_id: &'a str,
    /// What happened: `created`, `updated`, `deleted`, or a lifecycle action.
    pub action: &'a str,
    /// The record's version after the change.
    pub version: i32,
    /// The record's lead agency and sharing (decide who sees the change).
    pub access: &'a Access,
    /// The record before (absent for a creation) as JSON text, without personal data.
    pub before: Option<String>,
    /// The record after (absent for a deletion) as JSON text, without personal data.
    pub after: Option<String>,
}

/// One event of the change feed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChangeEvent {
    /// Sequence number: gapless, in commit order. Pass the last one you saw as `after`.
    pub seq: i64,
    /// The kind of record, e.g. `agency`.
    #[schema(example = "agency")]
    pub entity: String,
    /// The record's id.
    pub entity_id: String,
    /// `created`, `updated`, `deleted`, or a lifecycle action (e.g. `disabled`).
    #[schema(example = "updated")]
    pub action: String,
    /// The record's version after the change.
    pub version: i32,
    /// When the change was committed.
    pub at: DateTime<Utc>,
    /// The agency whose client made the change.
    pub agency_code: String,
    /// The API client that made the change.
    pub client_id: String,
    /// The record as it was after this change (absent for a deletion), without personal data.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<serde_json::Value>)]
    pub data: Option<Box<serde_json::value::RawValue>>,
}

/// A page of the change feed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChangePage {
    /// Events in sequence order.
    pub items: Vec<ChangeEvent>,
    /// Pass this as `after` to continue: the last `seq` on this page, or your `after` when the
    /// page is empty. The feed never ends; poll again later for new events.
    pub next_after: i64,
    /// `true` when more events the caller may see are waiting after this page (ask again at once);
    /// `false` when the caller is up to date (poll later, or long-poll with `wait`).
    pub more: bool,
}

/// Parameters of the change feed.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// Events after this sequence number (default 0: from the beginning).
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// Seconds to wait, when no event is after `after`, for one to be committed before answering
    /// (a long poll), 0 to 30 (default 0: answer at once). The answer comes as soon as an event the
    /// caller may see is committed — at once when this instance of the hub commits it, within a
    /// quarter of a second when another does.
    #[param(minimum = 0, maximum = 30)]
    pub wait: Option<u32>,
    /// Events per page, 1 to 1000 (default 50).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    /// Only events of this kind of record, e.g. `agency`.
    pub entity: Option<String>,
}

/// One change in a record's history.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HistoryEntry {
    /// The change's sequence number in the feed.
    pub seq: i64,
    /// What happened.
    pub action: String,
    /// The record's version after the change.
    pub version: i32,
    /// When.
    pub at: DateTime<Utc>,
    /// The API client that made the change.
    pub client_id: String,
    /// Its agency.
    pub agency_code: String,
    /// The fields that changed.
    pub changed_fields: Vec<String>,
    /// Those fields' values before (absent for a creation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<serde_json::Map<String, serde_json::Value>>,
    /// Those fields' values after (absent for a deletion).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<serde_json::Map<String, serde_json::Value>>,
}

/// A page of a record's history, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HistoryPage {
    /// The changes on this page.
    pub items: Vec<HistoryEntry>,
    /// Cursor of the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Every kind of record the hub writes to the change feed (each domain's `Domain::entities`),
/// registered by the gateway: what feed filters and webhook subscriptions may name.
#[derive(Debug, Clone, Default)]
pub struct FeedEntities(pub Vec<&'static str>);

impl FeedEntities {
    /// Whether `entity` is one of them (every name passes when none is registered).
    pub fn knows(&self, entity: &str) -> bool {
        self.0.is_empty() || self.0.contains(&entity)
    }
}
