//! Market statistics in the database: each commune's figures per market and period, upserted by
//! commune, market and period.

use diesel::prelude::*;

use tdc_kernel::access::{self, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::resource::Kept;
use tdc_kernel::resource::rows::{self, Planned, Saved};
use tdc_kernel::text::{clean, clean_opt};
use tdc_kernel::{ApiError, FieldError};

use crate::model::{MarketStatistics, MarketStatisticsInput, MarketStatisticsQuery};
use crate::rules::verification::period_is_valid;
use crate::schema::market_statistics as stats;

/// The entity name of market statistics in history and the change feed.
pub const ENTITY: &str = "market_statistics";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = stats, treat_none_as_null = true, treat_none_as_default_value = false)]
    struct StatsRow {
        id: String,
        commune_code: String,
        market: String,
        period: String,
        stalls: i32,
        instruments_in_use: i32,
        instruments_verified: i32,
        instruments_checked: i32,
        violations: i32,
        note: Option<String>,
    }
}

impl StatsRow {
    fn key(&self) -> String {
        format!("{}/{}/{}", self.commune_code, self.market, self.period)
    }

    fn to_api(&self) -> MarketStatistics {
        let share = |v: i32, of: i32| (of > 0).then(|| (f64::from(v) * 1000.0 / f64::from(of)).round() / 10.0);
        MarketStatistics {
            record: self.meta(),
            commune_code: self.commune_code.clone(),
            market: self.market.clone(),
            period: self.period.clone(),
            stalls: self.stalls,
            instruments_in_use: self.instruments_in_use,
            instruments_verified: self.instruments_verified,
            instruments_checked: self.instruments_checked,
            violations: self.violations,
            verified_percent: share(self.instruments_verified, self.instruments_in_use),
            note: self.note.clone(),
        }
    }
}

/// The commune's current code, once the figures hold together.
fn check(conn: &mut AnyConnection, input: &MarketStatisticsInput) -> Result<String, ApiError> {
    let mut errors = Vec::new();
    if !period_is_valid(&input.period) {
        errors.push(FieldError::new("/period", "period_format", "a period is 2026, 2026-Q3 or 2026-09"));
    }
    if input.instruments_verified > input.instruments_in_use {
        let message = "more instruments verified than in use";
        errors.push(FieldError::new("/instruments_verified", "more_than_in_use", message));
    }
    let commune = tdc_directory::api::current_unit_code(conn, &input.commune_code)?;
    if commune.is_none() {
        errors.push(FieldError::new(
            "/commune_code",
            "unknown_unit",
            format!("no administrative unit {}", input.commune_code),
        ));
    }
    match (errors.is_empty(), commune) {
        (true, Some(commune)) => Ok(commune),
        _ => Err(ApiError::Invalid(errors)),
    }
}

fn plan(
    conn: &mut AnyConnection,
    writer: &Reader,
    input: &MarketStatisticsInput,
    existing: Option<StatsRow>,
) -> Result<Planned<StatsRow>, ApiError> {
    if let Some(stored) = &existing {
        access::require_lead(writer, &stored.access())?;
    }
    let commune = check(conn, input)?;
    let lead = access::lead_for(writer, None)?;
    let mut row = existing.clone().unwrap_or_else(|| StatsRow {
        lead_agency: lead,
        coordinating: "[]".into(),
        sharing: "shared".into(),
        ..rows::fresh()
    });
    row.commune_code = commune;
    row.market = clean(&input.market);
    row.period = input.period.clone();
    row.stalls = input.stalls;
    row.instruments_in_use = input.instruments_in_use;
    row.instruments_verified = input.instruments_verified;
    row.instruments_checked = input.instruments_checked;
    row.violations = input.violations;
    row.note = clean_opt(input.note.as_deref());
    Ok(Planned { existing, row })
}

fn key_of(conn: &mut AnyConnection, input: &MarketStatisticsInput) -> Result<String, ApiError> {
    let commune =
        tdc_directory::api::current_unit_code(conn, &input.commune_code)?.unwrap_or_else(|| input.commune_code.clone());
    Ok(format!("{commune}/{}/{}", clean(&input.market), input.period))
}

/// Upserts one market's figures by commune, market and period (a batch's item-by-item path).
pub fn upsert(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &MarketStatisticsInput,
) -> Saved<MarketStatistics> {
    let key = key_of(conn, input)?;
    let found: Vec<StatsRow> =
        stats::table.filter(stats::market.eq(clean(&input.market))).select(StatsRow::as_select()).load(conn)?;
    let existing = found.into_iter().find(|r| r.key() == key);
    let planned = plan(conn, writer, input, existing)?;
    let (row, created) = rows::write_one(conn, actor, planned, &tdc_kernel::versions::Replace::Always)?;
    Ok((row.to_api(), created))
}

/// Upserts a batch set-wise; declines (`None`) a batch naming one market and period twice.
pub fn upsert_many(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    inputs: &[&MarketStatisticsInput],
) -> Result<Option<Vec<Saved<Kept>>>, ApiError> {
    let keys = inputs.iter().map(|i| key_of(conn, i)).collect();
    let Some(keys) = rows::batch_keys(keys) else { return Ok(None) };
    let markets: Vec<String> = inputs.iter().map(|i| clean(&i.market)).collect();
    let found: Vec<StatsRow> =
        stats::table.filter(stats::market.eq_any(&markets)).select(StatsRow::as_select()).load(conn)?;
    let stored = found.into_iter().map(|r| (r.key(), r)).collect();
    let plan =
        |c: &mut AnyConnection, input: &MarketStatisticsInput, _: &str, existing| plan(c, writer, input, existing);
    rows::write_batch(conn, actor, inputs, keys, stored, plan).map(Some)
}

/// One market's figures.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<MarketStatistics, ApiError> {
    let row: Option<StatsRow> = stats::table.find(id).select(StatsRow::as_select()).first(conn).optional()?;
    row.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no market statistics {id}")))
}

/// A page of figures by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &MarketStatisticsQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<MarketStatistics>, ApiError> {
    let mut query = stats::table.select(StatsRow::as_select()).order(stats::id.asc()).into_boxed();
    if let Some(commune) = &filter.commune_code {
        query = query.filter(stats::commune_code.eq_any(tdc_directory::api::unit_codes_resolving_to(conn, commune)?));
    }
    if let Some(period) = &filter.period {
        query = query.filter(stats::period.eq(period.clone()));
    }
    if let Some(after) = after {
        query = query.filter(stats::id.gt(after));
    }
    let rows: Vec<StatsRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(StatsRow::to_api).collect())
}

tdc_kernel::recorded!(StatsRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(StatsRow, stats);
