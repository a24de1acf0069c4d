//! The warnings' figures per period: published, resolved, the resolution rate (seed 003 §II.1.e).

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::dsl::count_star;
use diesel::prelude::*;

use tdc_kernel::ApiError;
use tdc_kernel::db::AnyConnection;

use crate::model::WarningFigures;
use crate::schema::warnings;

/// The instant (UTC) a day in Vietnam (UTC+7) begins.
fn start_of(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or_default() - Duration::hours(7)
}

/// The figures of the warnings published from `from` to `to` (Vietnam's dates, inclusive).
pub fn figures(conn: &mut AnyConnection, from: NaiveDate, to: NaiveDate) -> Result<WarningFigures, ApiError> {
    if to < from {
        return Err(ApiError::malformed_field("/query/to", "invalid_parameter", "`to` is on or after `from`"));
    }
    let (begin, end) = (start_of(from), start_of(to + Duration::days(1)));
    let by_state: Vec<(String, i64)> = warnings::table
        .filter(warnings::published_at.ge(begin).and(warnings::published_at.lt(end)))
        .group_by(warnings::state)
        .select((warnings::state, count_star()))
        .load(conn)?;
    let count = |state: &str| by_state.iter().find(|(s, _)| s == state).map_or(0, |(_, n)| *n);
    let published: i64 = by_state.iter().map(|(_, n)| n).sum();
    let resolved = count("resolved");
    let rejected: i64 = warnings::table
        .filter(warnings::created_at.ge(begin).and(warnings::created_at.lt(end)))
        .filter(warnings::state.eq("rejected"))
        .count()
        .get_result(conn)?;
    let rate = (published > 0).then(|| (resolved as f64 * 1000.0 / published as f64).round() / 10.0);
    Ok(WarningFigures {
        from,
        to,
        published,
        resolved,
        measures_under_way: count("measures_under_way"),
        resolution_rate: rate,
        rejected,
    })
}
