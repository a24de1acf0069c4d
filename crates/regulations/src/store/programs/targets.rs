//! Program targets and the actual values the responsible agencies report per period.

use diesel::prelude::*;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::changes::{self, Actor, Change};
use tdc_kernel::db::{AnyConnection, now, schema::program_targets as tg, schema::target_actuals as ta};
use tdc_kernel::{ApiError, FieldError};

use super::{load, name_of, parse};
use crate::model::{ActualInput, Aggregation, ProgramTarget, TargetActual, TargetInput, utc};

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

/// What has been reached and the percent of the way from baseline to target.
fn progress(target: &TargetRow, actuals: &[ActualRow]) -> (Option<f64>, Option<f64>) {
    let aggregation = parse(&target.aggregation).unwrap_or(Aggregation::Sum);
    let achieved = match aggregation {
        Aggregation::Sum if !actuals.is_empty() => Some(actuals.iter().map(|a| a.value).sum::<f64>()),
        Aggregation::Sum => None,
        Aggregation::Latest => actuals.iter().max_by(|a, b| a.period.cmp(&b.period)).map(|a| a.value),
    };
    let span = match aggregation {
        Aggregation::Sum => target.target_value,
        Aggregation::Latest => target.target_value - target.baseline,
    };
    let start = if aggregation == Aggregation::Sum { 0.0 } else { target.baseline };
    let percent = achieved.filter(|_| span != 0.0).map(|a| ((a - start) / span * 1000.0).round() / 10.0);
    (achieved, percent)
}

impl TargetRow {
    fn to_api(&self, actuals: &[ActualRow]) -> ProgramTarget {
        let (achieved, progress_percent) = progress(self, actuals);
        ProgramTarget {
            id: self.id.clone(),
            program_id: self.program_id.clone(),
            indicator: self.indicator.clone(),
            unit: self.unit.clone(),
            baseline: self.baseline,
            target_value: self.target_value,
            aggregation: parse(&self.aggregation).unwrap_or(Aggregation::Sum),
            responsible_agency: self.responsible_agency.clone(),
            actuals: actuals.iter().map(ActualRow::to_api).collect(),
            achieved,
            progress_percent,
            version: self.version,
        }
    }

    fn record(
        &self,
        conn: &mut AnyConnection,
        actor: &Actor,
        action: &str,
        actuals: &[ActualRow],
    ) -> Result<(), ApiError> {
        let access = Access::shared_by(&self.responsible_agency);
        let change = Change {
            entity: TARGET_ENTITY,
            entity_id: &self.id,
            action,
            version: self.version,
            access: &access,
            before: None,
            after: Some(serde_json::to_value(self.to_api(actuals)).unwrap_or_default()),
        };
        changes::record(conn, actor, change).map(|_| ())
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
    let mut errors = match tdc_directory::store::agencies::code_exists(conn, &input.responsible_agency)? {
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
    };
    diesel::insert_into(tg::table).values(&row).execute(conn)?;
    row.record(conn, actor, "created", &[])?;
    Ok(row.to_api(&[]))
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
    updated.record(conn, actor, "reported", &actuals)?;
    Ok(updated.to_api(&actuals))
}

/// A page of a program's targets with their values; fetches `limit + 1` rows.
pub fn list_targets(
    conn: &mut AnyConnection,
    program_id: &str,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<ProgramTarget>, ApiError> {
    load(conn, program_id)?;
    let mut query = tg::table.filter(tg::program_id.eq(program_id)).select(TargetRow::as_select()).into_boxed();
    if let Some(after) = after {
        query = query.filter(tg::id.gt(after));
    }
    let rows: Vec<TargetRow> = query.order(tg::id.asc()).limit(limit + 1).load(conn)?;
    rows.iter().map(|r| Ok(r.to_api(&actuals_of(conn, &r.id)?))).collect()
}

/// How many targets a program has, and the mean progress of those with a reported value.
pub(super) fn mean_progress(conn: &mut AnyConnection, program_id: &str) -> Result<(i64, Option<f64>), ApiError> {
    let rows: Vec<TargetRow> =
        tg::table.filter(tg::program_id.eq(program_id)).select(TargetRow::as_select()).load(conn)?;
    let mut percents = Vec::new();
    for row in &rows {
        if let (_, Some(p)) = progress(row, &actuals_of(conn, &row.id)?) {
            percents.push(p);
        }
    }
    let mean =
        (!percents.is_empty()).then(|| (percents.iter().sum::<f64>() / percents.len() as f64 * 10.0).round() / 10.0);
    Ok((i64::try_from(rows.len()).unwrap_or(i64::MAX), mean))
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
        }
    }

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
        let classes = target("sum", 0.0, 30.0);
        assert_eq!(progress(&classes, &[actual("2026", 6.0), actual("2027", 3.0)]), (Some(9.0), Some(30.0)));
        let resolved = target("latest", 60.0, 100.0);
        assert_eq!(progress(&resolved, &[actual("2026-Q2", 90.0), actual("2026-Q1", 70.0)]), (Some(90.0), Some(75.0)));
        assert_eq!(progress(&classes, &[]), (None, None));
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
