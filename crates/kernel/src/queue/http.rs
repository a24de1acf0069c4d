//! `GET /api/v1/jobs`: where the work the hub does by itself stands — each queue's items by state
//! (the portal push, webhooks, the national database), the oldest waiting one.

use actix_web::HttpResponse;

use super::{QueueSummary, summary};
use crate::db;
use crate::resource::{Call, Reply};

/// Read the state of the hub's queues and scheduled work.
pub const JOBS_READ: &str = "jobs:read";

/// Every queue's items by state — pending, running, done, dead — and when its longest-waiting
/// item fell due: what an operator watches (also `tdc_queue_items` in `/metrics`).
#[utoipa::path(get, path = "/api/v1/jobs", tag = "Operations", operation_id = "list_job_queues",
    security(("bearer" = [JOBS_READ])),
    responses((status = 200, description = "Each queue, by kind.", body = Vec<QueueSummary>)))]
pub async fn list(call: Call) -> Reply {
    let queues = db::read(&call.pool, summary).await?;
    Ok(HttpResponse::Ok().json(queues))
}
