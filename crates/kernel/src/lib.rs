//! The kernel of TĐC Hub: what every domain crate stands on.
//!
//! - [`problem`]: RFC 9457 errors, the one error type of every handler;
//! - [`access`] and [`changes`]: row-level rules, history and the change feed;
//! - [`db`]: one code path over SQLite and PostgreSQL, migrations, transactions;
//! - [`auth`]: signed tokens, roles, scopes and the calling principal;
//! - [`extract`]: body and query extractors whose refusals name the field;
//! - [`idempotency`] and [`batch`]: safe retries of every `POST`, and small batches;
//! - [`paging`] and [`versions`]: cursor pages, ETags, `If-Match` and upsert decisions;
//! - [`ids`], [`text`], [`validation`], [`columns`]: identifiers, text normalization, field errors,
//!   JSON text columns;
//! - [`schedule`]: work the hub does by itself as days pass;
//! - [`routing`]: a route declared once, in its handler's annotation, and what a domain brings.

pub mod access;
pub mod auth;
pub mod batch;
pub mod calendar;
pub mod changes;
pub mod columns;
pub mod db;
pub mod export;
pub mod extract;
pub mod idempotency;
pub mod ids;
pub mod imports;
pub mod lifecycle;
pub mod limits;
pub mod names;
pub mod notices;
pub mod paging;
pub mod problem;
pub mod problem_types;
#[cfg(test)]
mod props;
pub mod queue;
pub mod resource;
pub mod routing;
pub mod schedule;
pub mod seal;
pub mod search;
pub mod text;
pub mod validation;
pub mod versions;
pub mod webhooks;

pub use problem::{ApiError, FieldError, Problem};

#[doc(hidden)]
pub use pastey as __pastey;

#[doc(hidden)]
pub use chrono as __chrono;

/// The province this hub serves; handlers that tell other provinces of a change take it from the
/// application data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeProvince {
    /// Its administrative code, e.g. `31` for Hải Phòng.
    pub code: String,
    /// Its name.
    pub name: String,
}

/// The kernel's own operations (the change feed) and its part of the OpenAPI document.
pub fn domain() -> routing::Domain {
    use utoipa::OpenApi;
    routing::Domain {
        operations: vec![
            operation!(changes::http => list),
            operation!(changes::http => verify),
            operation!(calendar::http => deadline),
            operation!(calendar::http => non_working_days),
            operation!(calendar::http => record_day),
            operation!(calendar::http => delete_day),
            operation!(queue::http => list),
            operation!(webhooks::http => list),
            operation!(webhooks::http => create),
            operation!(webhooks::http => get),
            operation!(webhooks::http => delete),
            operation!(webhooks::http => rotate),
            operation!(webhooks::http => replay),
            operation!(webhooks::http => deliveries),
            operation!(webhooks::http => retry),
            operation!(imports::http => create),
            operation!(imports::http => list),
            operation!(imports::http => get),
            operation!(imports::http => cancel),
            operation!(imports::http => errors),
        ],
        openapi: KernelApi::openapi(),
        scopes: SCOPES,
        features: &[
            "change_feed",
            "history",
            "cursor_paging",
            "etag_if_match",
            "idempotency_key",
            "batches",
            "working_day_calendar",
            "webhooks",
            "import_jobs",
        ],
        jobs: |_| vec![imports::sweep_job()],
        notices: None,
        problems: problem_types::KERNEL,
        entities: &[],
        imports: vec![],
    }
}

/// The kernel's scopes: the change feed's, the audit trail's, and the calendar's decisions.
pub const SCOPES: &[auth::Scope] = &[
    changes::SCOPES[0],
    changes::SCOPES[1],
    auth::Scope {
        name: calendar::http::CALENDAR_WRITE,
        description: "Record the government's decisions on days off",
        roles: auth::Scope::ADMINS,
    },
    auth::Scope {
        name: queue::http::JOBS_READ,
        description: "Read the state of the hub's queues",
        roles: auth::Scope::ADMINS,
    },
    auth::Scope {
        name: webhooks::http::WEBHOOKS_MANAGE,
        description: "Subscribe the client to webhooks of the change feed",
        roles: auth::Scope::EVERYONE,
    },
];

/// The kernel's part of the OpenAPI document besides its paths.
#[derive(utoipa::OpenApi)]
#[openapi(
    components(schemas(changes::HistoryPage, changes::HistoryEntry, access::Sharing, webhooks::WebhookEvent)),
    tags(
        (name = "Change feed", description = "Every committed change in commit order, for the national-database connector and other provinces."),
        (name = "Webhooks", description = "Pushes of the change feed to a client's own address, per Standard Webhooks (standardwebhooks.com): each committed change the client may read and its subscription names (`warning`, or `coordination_request.overdue`) is POSTed as a `WebhookEvent` with `webhook-id` (the same on every retry and replay), `webhook-timestamp` and `webhook-signature` (`v1,` and the base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` under the subscription's secret `whsec_…`; verify it with any Standard Webhooks library). At least once: answer 2xx, or the push is retried with a growing delay and then given up as dead (the delivery log, retried on request); not necessarily in order (`data.seq` orders them). A subscription replays from any sequence number; its secret rotates with a day's overlap."),
        (name = "Calendar", description = "Vietnam's working calendar, on which every statutory period is counted: weekends; the days off by law (Labour Code 2019 Art. 112) computed — New Year, Tết (five working days around the lunar new year), the Hùng Kings' day from Vietnam's UTC+7 lunar calendar, 30 April, 1 May, National Day and its adjacent day, Vietnam Cultural Day from 2026, a holiday on a weekend observed on the next working day; and the government's yearly decisions (a weekday off in exchange for a Saturday worked, an extra day off) recorded by DOST's administrators. Public reads."),
        (name = "Import jobs", description = "Files of any size — NDJSON, CSV or a JSON array — loaded into a resource that has a batch endpoint: streamed to disk, staged in chunks of 1,000 rows, applied by any instance a chunk per transaction (a crash loses nothing applied and applies nothing twice), with progress, an estimated end, a per-row error report and cancel. Rows are upserted by their natural keys: sending a file again is safe."),
    )
)]
pub struct KernelApi;
