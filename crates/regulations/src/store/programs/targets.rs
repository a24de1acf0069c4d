//! Program targets and the actual values the responsible agencies report per period.

use crate::schema::{program_targets as tg, target_actuals as ta};
use diesel::prelude::*;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::changes::{self, Actor, Change};
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::names::stored;
use tdc_kernel::{ApiError, FieldError};

use super::{load, name_of};
use crate::model::{
    ActualInput, Aggregation, ProgramTarget, ReportingPeriod, TargetActual, TargetInput, YearProgress, utc,
};

/// The entity name of program targets in history and the change feed.
pub const TARGET_ENTITY: &str = "program_target";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = tg)]
struct TargetRow {
    id: String,
    program_id: String,
    indicator: String,
    unit: String,
    baseline: f64,
    target_value: f64,
    aggregation: String,
    responsible_agency: String,
    version: i32,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
    reporting_period: String,
    per_year: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = ta, treat_none_as_null = true)]
struct ActualRow {
    target_id: String,
    period: String,
    value: f64,
    note: Option<String>,
    agency_code: String,
    client_id: String,
    reported_at: chrono::NaiveDateTime,
}

/// The years of a target's program: the values it accepts, and the years a per-year target is
/// measured in (those begun by `current`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Years {
    first: i32,
    last: i32,
    current: i32,
}

impl Years {
    pub(super) fn of(program: &super::ProgramRow) -> Years {
        use chrono::Datelike;
        Years { first: program.start_year, last: program.end_year, current: tdc_kernel::calendar::today().year() }
    }

    /// The years a per-year target is measured in so far (at least the first).
    fn begun(self) -> std::ops::RangeInclusive<i32> {
        self.first..=self.last.min(self.current.max(self.first))
    }
}

/// What was reached: the values' sum, or the latest period's value.
fn achieved(aggregation: Aggregation, actuals: &[&ActualRow]) -> Option<f64> {
    match aggregation {
        Aggregation::Sum if !actuals.is_empty() => Some(actuals.iter().map(|a| a.value).sum::<f64>()),
        Aggregation::Sum => None,
        Aggregation::Latest => actuals.iter().max_by(|a, b| a.period.cmp(&b.period)).map(|a| a.value),
    }
}

/// Percent of the way from the start (0 for sums, the baseline for latest values) to the target.
fn percent(target: &TargetRow, aggregation: Aggregation, reached: f64) -> Option<f64> {
    let (start, span) = match aggregation {
        Aggregation::Sum => (0.0, target.target_value),
        Aggregation::Latest => (target.baseline, target.target_value - target.baseline),
    };
    (span != 0.0).then(|| round1((reached - start) / span * 100.0))
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A target's progress: what was reached, the percent, and (per-year targets) each year's.
#[derive(Debug, PartialEq)]
struct Progress {
    achieved: Option<f64>,
    percent: Option<f64>,
    by_year: Vec<YearProgress>,
}

fn progress(target: &TargetRow, actuals: &[ActualRow], years: Years) -> Progress {
    let aggregation: Aggregation = stored(&target.aggregation);
    let all: Vec<&ActualRow> = actuals.iter().collect();
    let reached = achieved(aggregation, &all);
    if !target.per_year {
        let percent = reached.and_then(|r| percent(target, aggregation, r));
        return Progress { achieved: reached, percent, by_year: vec![] };
    }
    let by_year: Vec<YearProgress> = years
        .begun()
        .map(|year| {
            let of_year: Vec<&ActualRow> = all.iter().copied().filter(|a| period_year(&a.period) == year).collect();
            let achieved = achieved(aggregation, &of_year);
            let progress_percent = achieved.and_then(|r| percent(target, aggregation, r)).unwrap_or(0.0);
            YearProgress { year, achieved, progress_percent }
        })
        .collect();
    let mean = by_year.iter().map(|y| y.progress_percent).sum::<f64>() / by_year.len().max(1) as f64;
    Progress { achieved: reached, percent: reached.map(|_| round1(mean)), by_year }
}

/// The year of a reporting period (`2026`, `2026-Q3`, `2026-09`).
fn period_year(period: &str) -> i32 {
    period.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
}

/// The kind of a well-formed reporting period.
fn period_kind(period: &str) -> ReportingPeriod {
    match period.len() {
        4 => ReportingPeriod::Year,
        _ if period.contains("-Q") => ReportingPeriod::Quarter,
        _ => ReportingPeriod::Month,
    }
}

impl TargetRow {
    fn to_api(&self, actuals: &[ActualRow], years: Years) -> ProgramTarget {
        let Progress { achieved, percent: progress_percent, by_year } = progress(self, actuals, years);
        ProgramTarget {
            id: self.id.clone(),
            program_id: self.program_id.clone(),
            indicator: self.indicator.clone(),
            unit: self.unit.clone(),
            baseline: self.baseline,
            target_value: self.target_value,
            aggregation: stored(&self.aggregation),
            responsible_agency: self.responsible_agency.clone(),
            reporting_period: stored(&self.reporting_period),
            per_year: self.per_year,
            by_year,
            actuals: actuals.iter().map(ActualRow::to_api).collect(),
            achieved,
            progress_percent,
            version: self.version,
        }
    }

    fn record(&self, actor: &Actor, action: &str, actuals: &[ActualRow], years: Years) {
        let access = Access::shared_by(&self.responsible_agency);
        let change = Change {
            entity: TARGET_ENTITY,
            entity_id: &self.id,
            action,
            version: self.version,
            access: &access,
            before: None,
            after: Some(serde_json::to_string(&self.to_api(actuals, years)).unwrap_or_else(|_| "null".into())),
        };
        changes::record(actor, change);
    }
}

impl ActualRow {
    fn to_api(&self) -> TargetActual {
        TargetActual {
            period: self.period.clone(),
            value: self.value,
            note: self.note.clone(),
            agency_code: self.agency_code.clone(),
            reported_at: utc(self.reported_at),
        }
    }
}

fn actuals_of(conn: &mut AnyConnection, target_id: &str) -> Result<Vec<ActualRow>, ApiError> {
    Ok(ta::table
        .filter(ta::target_id.eq(target_id))
        .order(ta::period.asc())
        .select(ActualRow::as_select())
        .load(conn)?)
}

/// Adds a target to a program (its lead agency or an administrator).
pub fn add_target(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    program_id: &str,
    input: &TargetInput,
) -> Result<ProgramTarget, ApiError> {
    let program = load(conn, program_id)?;
    access::require_lead(writer, &program.access())?;
    program.open()?;
    let mut errors = match tdc_directory::api::agency_exists(conn, &input.responsible_agency)? {
        true => vec![],
        false => vec![FieldError::new("/responsible_agency", "unknown_agency", "no agency has this code")],
    };
    if input.aggregation == Aggregation::Latest && input.target_value == input.baseline {
        errors.push(FieldError::new("/target_value", "equals_baseline", "the target differs from the baseline"));
    }
    if input.aggregation == Aggregation::Sum && input.target_value == 0.0 {
        errors.push(FieldError::new("/target_value", "zero", "a cumulative target is not zero"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let at = now();
    let row = TargetRow {
        id: tdc_kernel::ids::new_id(),
        program_id: program.id.clone(),
        indicator: tdc_kernel::text::clean(&input.indicator),
        unit: tdc_kernel::text::clean(&input.unit),
        baseline: input.baseline,
        target_value: input.target_value,
        aggregation: name_of(input.aggregation),
        responsible_agency: input.responsible_agency.clone(),
        version: 1,
        created_at: at,
        updated_at: at,
        reporting_period: name_of(input.reporting_period),
        per_year: input.per_year,
    };
    diesel::insert_into(tg::table).values(&row).execute(conn)?;
    let years = Years::of(&program);
    row.record(actor, "created", &[], years);
    Ok(row.to_api(&[], years))
}

/// Checks a reporting period: `YYYY`, `YYYY-Qn` or `YYYY-MM`.
pub fn check_period(period: &str) -> Result<(), ApiError> {
    let bytes = period.as_bytes();
    let year_ok = period.len() >= 4 && bytes[..4].iter().all(u8::is_ascii_digit);
    let rest = period.get(4..).unwrap_or("");
    let rest_ok = match rest.len() {
        0 => true,
        3 if rest.starts_with("-Q") => matches!(&rest[2..], "1" | "2" | "3" | "4"),
        3 => rest.starts_with('-') && rest[1..].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)),
        _ => false,
    };
    if year_ok && rest_ok {
        Ok(())
    } else {
        let message = "a period is a year (2026), a quarter (2026-Q3) or a month (2026-09)";
        Err(ApiError::invalid_field("/period", "period_format", message))
    }
}

/// Reports (or corrects) the actual value of a period: the responsible agency, the program's
/// lead agency or an administrator, once the program is approved.
pub fn report_actual(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    program_id: &str,
    target_id: &str,
    period: &str,
    input: &ActualInput,
) -> Result<ProgramTarget, ApiError> {
    check_period(period)?;
    let found: Option<TargetRow> = tg::table
        .find(target_id)
        .filter(tg::program_id.eq(program_id))
        .select(TargetRow::as_select())
        .first(conn)
        .optional()?;
    let target = found.ok_or_else(|| ApiError::NotFound(format!("no target {target_id}")))?;
    let program = load(conn, &target.program_id)?;
    let responsible = Access::shared_by(&target.responsible_agency);
    if access::require_lead(writer, &responsible).is_err() {
        access::require_lead(writer, &program.access())?;
    }
    if program.state != "approved" {
        let detail = format!("values are reported against an approved program; this one is {}", program.state);
        return Err(ApiError::conflict("program_not_approved", detail));
    }
    check_period_fits(period, &target, &program)?;
    let row = ActualRow {
        target_id: target.id.clone(),
        period: period.to_owned(),
        value: input.value,
        note: tdc_kernel::text::clean_opt(input.note.as_deref()),
        agency_code: actor.agency_code.clone(),
        client_id: actor.client_id.clone(),
        reported_at: now(),
    };
    let existing = ta::table.find((&row.target_id, &row.period));
    if diesel::update(existing).set(&row).execute(conn)? == 0 {
        diesel::insert_into(ta::table).values(&row).execute(conn)?;
    }
    let mut updated = target.clone();
    updated.version = target.version + 1;
    updated.updated_at = now();
    let set = (tg::version.eq(updated.version), tg::updated_at.eq(updated.updated_at));
    tdc_kernel::versions::check_updated(
        diesel::update(tg::table.find(target_id).filter(tg::version.eq(target.version))).set(set).execute(conn)?,
    )?;
    let actuals = actuals_of(conn, target_id)?;
    let years = Years::of(&program);
    updated.record(actor, "reported", &actuals, years);
    Ok(updated.to_api(&actuals, years))
}

/// One target with its values (404 when there is none).
pub fn get_target(conn: &mut AnyConnection, target_id: &str) -> Result<ProgramTarget, ApiError> {
    let found: Option<TargetRow> = tg::table.find(target_id).select(TargetRow::as_select()).first(conn).optional()?;
    let target = found.ok_or_else(|| ApiError::NotFound(format!("no program target {target_id}")))?;
    let years = Years::of(&load(conn, &target.program_id)?);
    Ok(target.to_api(&actuals_of(conn, target_id)?, years))
}

/// A page of a program's targets with their values; fetches `limit + 1` rows.
pub fn list_targets(
    conn: &mut AnyConnection,
    program_id: &str,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<ProgramTarget>, ApiError> {
    let years = Years::of(&load(conn, program_id)?);
    let mut query = tg::table.filter(tg::program_id.eq(program_id)).select(TargetRow::as_select()).into_boxed();
    if let Some(after) = after {
        query = query.filter(tg::id.gt(after));
    }
    let rows: Vec<TargetRow> = query.order(tg::id.asc()).limit(limit + 1).load(conn)?;
    rows.iter().map(|r| Ok(r.to_api(&actuals_of(conn, &r.id)?, years))).collect()
}

/// A program's targets: how many, how many have no value yet, and the mean of their progress (an
/// unreported target counting as 0), absent when there is no target.
pub(super) fn mean_progress(
    conn: &mut AnyConnection,
    program: &super::ProgramRow,
) -> Result<(i64, i64, Option<f64>), ApiError> {
    let rows: Vec<TargetRow> =
        tg::table.filter(tg::program_id.eq(&program.id)).select(TargetRow::as_select()).load(conn)?;
    let years = Years::of(program);
    let (mut sum, mut unreported) = (0.0, 0);
    for row in &rows {
        let actuals = actuals_of(conn, &row.id)?;
        unreported += i64::from(actuals.is_empty());
        sum += progress(row, &actuals, years).percent.unwrap_or(0.0);
    }
    let count = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    let mean = (!rows.is_empty()).then(|| round1(sum / rows.len() as f64));
    Ok((count, unreported, mean))
}

/// Refuses a value for a period of another kind than the target's (`period_granularity`) or
/// outside the program's years (`outside_program`).
fn check_period_fits(period: &str, target: &TargetRow, program: &super::ProgramRow) -> Result<(), ApiError> {
    let wanted: ReportingPeriod = stored(&target.reporting_period);
    if period_kind(period) != wanted {
        let message = format!("this target is reported by {}; a value for {period} would mix periods", name_of(wanted));
        return Err(ApiError::invalid_field("/period", "period_granularity", message));
    }
    let year = period_year(period);
    if year < program.start_year || year > program.end_year {
        let message = format!("the program runs from {} to {}", program.start_year, program.end_year);
        return Err(ApiError::invalid_field("/period", "outside_program", message));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(aggregation: &str, baseline: f64, target_value: f64) -> TargetRow {
        let at = chrono::DateTime::UNIX_EPOCH.naive_utc();
        TargetRow {
            id: "t".into(),
            program_id: "p".into(),
            indicator: "i".into(),
            unit: "u".into(),
            baseline,
            target_value,
            aggregation: aggregation.into(),
            responsible_agency: "SKHCN".into(),
            version: 1,
            created_at: at,
            updated_at: at,
            reporting_period: "year".into(),
            per_year: false,
        }
    }

    const YEARS: Years = Years { first: 2026, last: 2030, current: 2027 };

    fn actual(period: &str, value: f64) -> ActualRow {
        let at = chrono::DateTime::UNIX_EPOCH.naive_utc();
        let (agency_code, client_id) = ("SKHCN".into(), "c".into());
        ActualRow {
            target_id: "t".into(),
            period: period.into(),
            value,
            note: None,
            agency_code,
            client_id,
            reported_at: at,
        }
    }

    #[test]
    fn sums_add_up_and_latest_counts_from_the_baseline() {
        let of = |t: &TargetRow, a: &[ActualRow]| {
            let p = progress(t, a, YEARS);
            (p.achieved, p.percent)
        };
        let classes = target("sum", 0.0, 30.0);
        assert_eq!(of(&classes, &[actual("2026", 6.0), actual("2027", 3.0)]), (Some(9.0), Some(30.0)));
        let resolved = target("latest", 60.0, 100.0);
        assert_eq!(of(&resolved, &[actual("2026-Q2", 90.0), actual("2026-Q1", 70.0)]), (Some(90.0), Some(75.0)));
        assert_eq!(of(&classes, &[]), (None, None));
    }

    #[test]
    fn a_per_year_target_is_measured_in_each_year_begun() {
        let surveyed = TargetRow { per_year: true, ..target("sum", 0.0, 20.0) };
        let p = progress(&surveyed, &[actual("2026", 20.0), actual("2027", 5.0)], YEARS);
        let years: Vec<(i32, f64)> = p.by_year.iter().map(|y| (y.year, y.progress_percent)).collect();
        assert_eq!(years, [(2026, 100.0), (2027, 25.0)]);
        assert_eq!((p.achieved, p.percent), (Some(25.0), Some(62.5)));
        let p = progress(&surveyed, &[actual("2027", 20.0)], YEARS);
        assert_eq!(p.percent, Some(50.0), "a year with no value counts as 0");
    }

    #[test]
    fn periods() {
        for ok in ["2026", "2026-Q3", "2026-09"] {
            assert!(check_period(ok).is_ok(), "{ok}");
        }
        for bad in ["26", "2026-Q5", "2026-13", "2026-1", "2026Q1"] {
            assert!(check_period(bad).is_err(), "{bad}");
        }
    }
}
