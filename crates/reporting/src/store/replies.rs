//! What an agency asked does with its part of a request: replies in writing, or records that the
//! matter needs an in-depth check (its period lengthened). Each is a new version of the request.

use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::calendar::{Calendar, today};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::text::clean;
use tdc_kernel::versions::{Expected, check_version};

use super::requests::{self, RequestRow};
use crate::model::{Addressee, CoordinationRequest, InDepthInput, ReplyInput};
use crate::rules::coordination_lifecycle::REPLYING;

/// The request and the caller's part in it: 404 when it may not see it, 403 `not_addressee` when
/// its agency was not asked, 409 `request_closed` once no reply is taken, 409 `already_replied`.
fn own_part(
    conn: &mut AnyConnection,
    actor: &Actor,
    reader: &Reader,
    id: &str,
    expected: Option<&Expected>,
) -> Result<(RequestRow, Vec<Addressee>, usize), ApiError> {
    let existing = requests::load(conn, reader, id)?;
    if let Some(expected) = expected {
        check_version(expected, existing.version)?;
    }
    let list = existing.addressees(today());
    let Some(at) = list.iter().position(|a| a.agency == actor.agency_code) else {
        let detail = format!("{} was not asked by this request", actor.agency_code);
        return Err(ApiError::Forbidden { code: "not_addressee", detail });
    };
    if !REPLYING.contains(&existing.state.as_str()) {
        return Err(ApiError::conflict(
            "request_closed",
            format!("the request is {}: it takes no reply", existing.state),
        ));
    }
    if let Some(on) = list[at].replied_on {
        return Err(ApiError::conflict("already_replied", format!("{} replied on {on}", actor.agency_code)));
    }
    Ok((existing, list, at))
}

/// Records the caller's agency's written reply (late when past its deadline).
pub fn reply(
    conn: &mut AnyConnection,
    actor: &Actor,
    reader: &Reader,
    id: &str,
    input: &ReplyInput,
    expected: Option<Expected>,
) -> Result<CoordinationRequest, ApiError> {
    let (existing, mut list, at) = own_part(conn, actor, reader, id, expected.as_ref())?;
    let part = &mut list[at];
    part.replied_on = Some(today());
    part.position = Some(input.position);
    part.reply = Some(clean(&input.text));
    part.reply_documents.clone_from(&input.documents);
    let mut row = existing.clone();
    row.set_addressees(&list);
    requests::save(conn, actor, "reply", &existing, &mut row)
}

/// Records that the caller's agency needs an in-depth check: its period becomes
/// `working_days` from receipt, asked for before its deadline passes.
pub fn in_depth(
    conn: &mut AnyConnection,
    actor: &Actor,
    reader: &Reader,
    id: &str,
    input: &InDepthInput,
    expected: Option<Expected>,
) -> Result<CoordinationRequest, ApiError> {
    let (existing, mut list, at) = own_part(conn, actor, reader, id, expected.as_ref())?;
    let part = &mut list[at];
    if today() > part.due_on {
        return Err(ApiError::conflict(
            "deadline_passed",
            format!("the period ended on {}: reply instead", part.due_on),
        ));
    }
    if input.working_days <= part.working_days {
        let message = format!("longer than the {} working days it has", part.working_days);
        return Err(ApiError::invalid_field("/working_days", "too_short", &message));
    }
    part.working_days = input.working_days;
    part.in_depth_reason = Some(clean(&input.reason));
    part.due_on = Calendar::load(conn)?.add_working_days(existing.received_on, input.working_days);
    let mut row = existing.clone();
    row.set_addressees(&list);
    requests::save(conn, actor, "in_depth_check", &existing, &mut row)
}
