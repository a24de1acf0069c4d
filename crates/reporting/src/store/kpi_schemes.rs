//! KPI schemes in the database: DOST sets a period's components and weights and the agencies
//! ranked; every agency reads them and the ranking.

use chrono::NaiveDate;
use diesel::prelude::*;

use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::changes::Actor;
use tdc_kernel::columns::{json, parsed};
use tdc_kernel::db::AnyConnection;
use tdc_kernel::resource::rows;
use tdc_kernel::text::clean;

use super::kpi_index;
use super::templates::require_dost;
use crate::model::{KpiRanking, KpiScheme, KpiSchemeInput, KpiWeight};
use crate::schema::kpi_schemes as ks;

/// The entity name of KPI schemes in history and the change feed.
pub const ENTITY: &str = "kpi_scheme";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = ks, treat_none_as_null = true, treat_none_as_default_value = false)]
    pub(crate) struct SchemeRow {
        pub(crate) id: String,
        name: String,
        period_start: NaiveDate,
        period_end: NaiveDate,
        components: String,
        agencies: String,
    }
}

impl SchemeRow {
    fn to_api(&self) -> KpiScheme {
        KpiScheme {
            record: self.meta(),
            name: self.name.clone(),
            period_start: self.period_start,
            period_end: self.period_end,
            components: parsed(&self.components),
            agencies: parsed(&self.agencies),
        }
    }
}

/// Records a scheme (DOST).
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &KpiSchemeInput,
) -> Result<KpiScheme, ApiError> {
    let lead = require_dost(conn, writer)?;
    use chrono::Datelike;
    if input.period_end < input.period_start || !(2000..=2100).contains(&input.period_start.year()) {
        return Err(ApiError::invalid_field(
            "/period_end",
            "date_range",
            "a period from 2000 on, ending on or after its start",
        ));
    }
    let weights: &[KpiWeight] = &input.components;
    for (i, w) in weights.iter().enumerate() {
        if weights[..i].iter().any(|o| o.component == w.component) {
            return Err(ApiError::invalid_field(
                &format!("/components/{i}/component"),
                "duplicate_component",
                "each component once",
            ));
        }
    }
    for (i, agency) in input.agencies.iter().enumerate() {
        if input.agencies[..i].contains(agency) || !tdc_directory::api::agency_exists(conn, agency)? {
            let message = format!("{agency} is not a recorded agency, or is named twice");
            return Err(ApiError::invalid_field(&format!("/agencies/{i}"), "unknown_agency", &message));
        }
    }
    let row = SchemeRow {
        name: clean(&input.name),
        period_start: input.period_start,
        period_end: input.period_end,
        components: json(&input.components),
        agencies: json(&input.agencies),
        lead_agency: lead,
        sharing: "shared".into(),
        coordinating: "[]".into(),
        ..rows::fresh()
    };
    Ok(rows::create(conn, actor, row, "/name", "this scheme is recorded already")?.to_api())
}

fn load(conn: &mut AnyConnection, id: &str) -> Result<SchemeRow, ApiError> {
    let row: Option<SchemeRow> = ks::table.find(id).select(SchemeRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no KPI scheme {id}")))
}

/// Scheme `id`.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<KpiScheme, ApiError> {
    load(conn, id).map(|r| r.to_api())
}

/// A page of schemes, by id; fetches `limit + 1` rows.
pub fn list(conn: &mut AnyConnection, after: Option<String>, limit: i64) -> Result<Vec<KpiScheme>, ApiError> {
    let mut query = ks::table.select(SchemeRow::as_select()).order(ks::id.asc()).into_boxed();
    if let Some(after) = after {
        query = query.filter(ks::id.gt(after));
    }
    let rows: Vec<SchemeRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(SchemeRow::to_api).collect())
}

/// Scheme `id`'s ranking, computed now from what was recorded up to its period's end.
pub fn ranking(conn: &mut AnyConnection, id: &str) -> Result<KpiRanking, ApiError> {
    let scheme = load(conn, id)?.to_api();
    let as_of = scheme.period_end.min(tdc_kernel::calendar::today());
    let period = kpi_index::Period { start: scheme.period_start, end: scheme.period_end, as_of };
    let scores = kpi_index::rank(conn, &scheme.components, &scheme.agencies, period)?;
    Ok(KpiRanking {
        scheme_id: scheme.record.id.clone(),
        period_start: scheme.period_start,
        period_end: scheme.period_end,
        computed_at: chrono::Utc::now(),
        scores,
    })
}

tdc_kernel::recorded!(SchemeRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(SchemeRow, ks);
