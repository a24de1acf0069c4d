//! Figures: the warnings of a period — published, resolved, the resolution rate (seed 003
//! §II.1.e) — and a year's quality surveys against their target (seed 003 §II.1.g).

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::dsl::count_star;
use diesel::prelude::*;

use tdc_kernel::ApiError;
use tdc_kernel::db::AnyConnection;

use crate::model::{SurveyProgress, WarningFigures};
use crate::schema::{quality_surveys as surveys, survey_samples as samples, warnings};

/// The instant (UTC) a day in Vietnam (UTC+7) begins.
fn start_of(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or_default() - Duration::hours(7)
}

/// The figures of the warnings published from `from` to `to` (Vietnam's dates, inclusive).
pub fn figures(conn: &mut AnyConnection, from: NaiveDate, to: NaiveDate) -> Result<WarningFigures, ApiError> {
    use chrono::Datelike;
    if !(2000..=2100).contains(&from.year()) || !(2000..=2100).contains(&to.year()) {
        return Err(ApiError::malformed_field("/query/from", "invalid_parameter", "days from 2000 to 2100"));
    }
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

/// A year's surveys (not cancelled) and their tested samples, against program target `target_id`
/// when one is named (its value for the year: a per-year target's value, else its whole value).
pub fn survey_progress(
    conn: &mut AnyConnection,
    year: i32,
    target_id: Option<&str>,
) -> Result<SurveyProgress, ApiError> {
    let states: Vec<String> = surveys::table
        .filter(surveys::year.eq(year))
        .filter(surveys::state.ne("cancelled"))
        .select(surveys::state)
        .load(conn)?;
    let tested: Vec<(Option<String>, String, String)> = samples::table
        .inner_join(surveys::table)
        .filter(surveys::year.eq(year))
        .filter(surveys::state.ne("cancelled"))
        .filter(samples::result.ne("pending"))
        .select((samples::gtin, samples::product_name, samples::result))
        .load(conn)?;
    let products: std::collections::HashSet<String> =
        tested.iter().map(|(gtin, name, _)| gtin.clone().unwrap_or_else(|| tdc_kernel::text::fold(name))).collect();
    let target = match target_id {
        Some(id) => Some(tdc_regulations::api::program_target(conn, id)?.target_value),
        None => None,
    };
    let surveyed = products.len() as i64;
    Ok(SurveyProgress {
        year,
        surveys: states.len() as i64,
        completed: states.iter().filter(|s| *s == "completed").count() as i64,
        products_surveyed: surveyed,
        samples_tested: tested.len() as i64,
        non_conforming: tested.iter().filter(|(_, _, r)| r == "non_conforming").count() as i64,
        progress_percent: target.filter(|t| *t > 0.0).map(|t| (surveyed as f64 * 1000.0 / t).round() / 10.0),
        target,
    })
}
