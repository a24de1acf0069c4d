//! `/api/v1/public/complaints`: the public's channel (seed 001 Art. 10.4.b) — a complaint,
//! denunciation, feedback or recommendation filed without a token, and its status by the
//! acknowledgement number, nothing else.

use actix_web::{HttpResponse, web};
use tdc_kernel::Problem;
use tdc_kernel::db;
use tdc_kernel::extract::ValidJson;
use tdc_kernel::resource::{PublicCall, Reply};
use tdc_kernel::seal::Sealer;

use super::complaints::TAG;
use crate::model::{Acknowledgement, Channel, ComplaintStatus, PublicComplaintInput};
use crate::store::complaints::{self as store, Intake};

/// Files a complaint, denunciation, feedback or recommendation without a token: routed to the
/// competent agency, due in working days. The person's identity is sealed at once (the handling
/// agency alone reads it, each time recorded) and never shown back; the answer is the
/// acknowledgement number to follow it by. One address files at most 5 a day (429
/// `too_many_complaints`), besides the public's request budget.
#[utoipa::path(post, path = "/api/v1/public/complaints", tag = TAG, operation_id = "file_public_complaint",
    request_body = PublicComplaintInput, security(()),
    responses(
        (status = 201, description = "Received; keep the acknowledgement number.", body = Acknowledgement,
            headers(("Location" = String, description = "Where its status is read."))),
        (status = 422, description = "A field is invalid, or a complaint or denunciation names no person (`validation_failed`).", body = Problem),
        (status = 429, description = "Too many from this address today (`too_many_complaints`), or the public's budget is spent (`rate_limited`); see `Retry-After`.", body = Problem),
    ))]
pub async fn file(call: PublicCall, sealer: web::Data<Sealer>, body: ValidJson<PublicComplaintInput>) -> Reply {
    let input = body.0;
    let source_key = sealer.digest(&tdc_kernel::limits::source_of(&call.req));
    let complaint = db::write(&call.pool, move |c| {
        let intake = Intake {
            channel: Channel::Online,
            received_on: tdc_kernel::calendar::today(),
            handler: None,
            taken_by: None,
            source_key: Some(source_key),
        };
        store::intake(c, &sealer, &input, intake)
    })
    .await?;
    let ack = Acknowledgement {
        ack_number: complaint.ack_number.clone(),
        received_on: complaint.received_on,
        due_on: complaint.due_on,
    };
    let location = tdc_kernel::location!(status, ack.ack_number);
    Ok(HttpResponse::Created().insert_header(("Location", location)).json(ack))
}

/// Where a complaint stands, by its acknowledgement number: its kind, state and dates — nothing
/// about its content, the agency or the person.
#[utoipa::path(get, path = "/api/v1/public/complaints/{ack_number}", tag = TAG, operation_id = "get_public_complaint_status",
    params(("ack_number" = String, Path, description = "The acknowledgement number, e.g. `PA-2026-7KQ4M-2XD9P`.")),
    security(()),
    responses(
        (status = 200, description = "Its status.", body = ComplaintStatus),
        (status = 404, description = "No complaint has this number.", body = Problem),
        (status = 429, description = "The public's budget is spent (`rate_limited`).", body = Problem),
    ))]
pub async fn status(call: PublicCall, ack: web::Path<String>) -> Reply {
    let ack = ack.into_inner();
    if ack.len() > 40 {
        return Err(tdc_kernel::ApiError::NotFound("no complaint has this acknowledgement number".into()));
    }
    let found = db::read(&call.pool, move |c| store::status(c, &ack)).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(found))
}
