//! `/api/v1/calendar`: deadlines in working days on Vietnam's calendar, the days off of a year, and
//! the government's decisions that DOST's administrators record.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;

use super::decided::{self, Calendar, CalendarDay, Deadline, DeadlineQuery, DecidedDayInput, YearQuery};
use crate::db;
use crate::extract::{Query, ValidJson};
use crate::problem::{ApiError, Problem};
use crate::resource::{Call, PublicCall, Reply};

/// The scope to record the government's decisions on days off (DOST's administrators).
pub const CALENDAR_WRITE: &str = "calendar:write";

const TAG: &str = "Calendar";

fn day_of(text: &str) -> Result<NaiveDate, ApiError> {
    let day: NaiveDate = text
        .parse()
        .map_err(|_| ApiError::malformed_field("/path/day", "date_format", "a day is written 2026-12-31"))?;
    match (2000..=2100).contains(&chrono::Datelike::year(&day)) {
        true => Ok(day),
        false => Err(ApiError::malformed_field("/path/day", "date_format", "a day from 2000 to 2100")),
    }
}

/// The deadline `working_days` working days after `from`: weekends, the days off by law (Tết and
/// the Hùng Kings' day from Vietnam's lunar calendar) and the recorded decisions passed over.
#[utoipa::path(get, path = "/api/v1/calendar/deadline", tag = TAG, operation_id = "get_calendar_deadline",
    params(DeadlineQuery), security(()), responses(
        (status = 200, description = "The deadline.", body = Deadline),
        (status = 400, description = "A missing or malformed parameter, or `working_days` outside 1–365 (`malformed_request`).", body = Problem),
    ))]
pub async fn deadline(call: PublicCall, q: Query<DeadlineQuery>) -> Reply {
    let (from, n) = (q.0.from, q.0.working_days);
    if !(1..=365).contains(&n) {
        return Err(ApiError::malformed_field("/query/working_days", "invalid_parameter", "1 to 365 working days"));
    }
    if !(2000..=2100).contains(&chrono::Datelike::year(&from)) {
        return Err(ApiError::malformed_field("/query/from", "invalid_parameter", "a day from 2000 to 2100"));
    }
    let calendar = db::read(&call.pool, Calendar::load).await?;
    Ok(HttpResponse::Ok().json(calendar.deadline(from, n)))
}

/// The days off of a year (weekends aside) — by law, computed, and by the government's recorded
/// decisions — and the weekend days worked in exchange, by day.
#[utoipa::path(get, path = "/api/v1/calendar/non-working-days", tag = TAG, operation_id = "list_non_working_days",
    params(YearQuery), security(()), responses(
        (status = 200, description = "The year's days.", body = Vec<CalendarDay>),
        (status = 400, description = "A missing or malformed year, or one outside 2000–2100 (`malformed_request`).", body = Problem),
    ))]
pub async fn non_working_days(call: PublicCall, q: Query<YearQuery>) -> Reply {
    let year = q.0.year;
    if !(2000..=2100).contains(&year) {
        return Err(ApiError::malformed_field("/query/year", "invalid_parameter", "a year from 2000 to 2100"));
    }
    let calendar = db::read(&call.pool, Calendar::load).await?;
    Ok(HttpResponse::Ok().json(calendar.year(year)))
}

/// Records the government's decision on a day (DOST's administrators): a weekday off in exchange
/// for a Saturday worked — record both — or an extra day off. Sending it again replaces it.
#[utoipa::path(put, path = "/api/v1/calendar/days/{day}", tag = TAG, operation_id = "record_calendar_day",
    params(("day" = String, Path, description = "The day, e.g. `2025-05-02`.")),
    request_body = DecidedDayInput, security(("bearer" = [CALENDAR_WRITE])), responses(
        (status = 200, description = "Recorded.", body = CalendarDay),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`), or the caller is not an administrator (`administrators_only`).", body = Problem),
    ))]
pub async fn record_day(call: Call, day: web::Path<String>, body: ValidJson<DecidedDayInput>) -> Reply {
    let (day, input, (actor, writer)) = (day_of(&day.into_inner())?, body.0, call.writer());
    let recorded = db::write(&call.pool, move |c| decided::record(c, &writer, &actor.agency_code, day, &input)).await?;
    Ok(HttpResponse::Ok().json(recorded))
}

/// Removes a recorded decision (DOST's administrators): the day counts as the law says again.
#[utoipa::path(delete, path = "/api/v1/calendar/days/{day}", tag = TAG, operation_id = "delete_calendar_day",
    params(("day" = String, Path, description = "The day.")), security(("bearer" = [CALENDAR_WRITE])), responses(
        (status = 204, description = "Removed."),
        (status = 403, description = "The caller is not an administrator (`administrators_only`, `insufficient_scope`).", body = Problem),
        (status = 404, description = "No decision is recorded for the day.", body = Problem),
    ))]
pub async fn delete_day(call: Call, day: web::Path<String>) -> Reply {
    let (day, (_, writer)) = (day_of(&day.into_inner())?, call.writer());
    db::write(&call.pool, move |c| decided::remove(c, &writer, day)).await?;
    Ok(HttpResponse::NoContent().finish())
}
