//! Report templates in the database: kept by DOST, read by every agency.

use diesel::prelude::*;

use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::changes::Actor;
use tdc_kernel::columns::{json, parsed};
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::text::clean;

use crate::model::{IndicatorDef, ReportTemplate, ReportTemplateInput};
use crate::schema::report_templates as rt;

/// The entity name of report templates in history and the change feed.
pub const ENTITY: &str = "report_template";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = rt, treat_none_as_null = true, treat_none_as_default_value = false)]
    pub(crate) struct TemplateRow {
        pub(crate) id: String,
        code: String,
        name: String,
        pub(crate) frequency: String,
        pub(crate) indicators: String,
        pub(crate) due_month_offset: i32,
        pub(crate) due_day: i32,
    }
}

impl TemplateRow {
    fn to_api(&self) -> ReportTemplate {
        ReportTemplate {
            record: self.meta(),
            code: self.code.clone(),
            name: self.name.clone(),
            frequency: stored(&self.frequency),
            indicators: parsed(&self.indicators),
            due_month_offset: self.due_month_offset,
            due_day: u32::try_from(self.due_day).unwrap_or(1),
        }
    }
}

/// Refuses (403 `dost_only`) anyone but DOST and its administrators.
pub(crate) fn require_dost(conn: &mut AnyConnection, writer: &Reader) -> Result<String, ApiError> {
    let mover = tdc_kernel::lifecycle::Mover::of(conn, writer, "")?;
    let Reader::Agency { code, .. } = writer else { unreachable!("Mover::of refuses the public") };
    if mover.is_dost || mover.admin {
        return Ok(code.clone());
    }
    Err(ApiError::Forbidden {
        code: "dost_only",
        detail: "only DOST asks for reports and keeps their templates".into(),
    })
}

/// Refuses indicators whose codes repeat.
pub(crate) fn unique_codes(indicators: &[IndicatorDef], pointer: &str) -> Result<(), ApiError> {
    for (i, d) in indicators.iter().enumerate() {
        if indicators[..i].iter().any(|e| e.code == d.code) {
            let at = format!("{pointer}/{i}/code");
            return Err(ApiError::invalid_field(&at, "duplicate_indicator", "each indicator's code once"));
        }
    }
    Ok(())
}

/// Records a template (DOST).
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &ReportTemplateInput,
) -> Result<ReportTemplate, ApiError> {
    let lead = require_dost(conn, writer)?;
    unique_codes(&input.indicators, "/indicators")?;
    let row = TemplateRow {
        code: clean(&input.code),
        name: clean(&input.name),
        frequency: name_of(input.frequency),
        indicators: json(&input.indicators),
        due_month_offset: input.due_month_offset,
        due_day: i32::try_from(input.due_day).unwrap_or(1),
        lead_agency: lead,
        sharing: "shared".into(),
        coordinating: "[]".into(),
        ..rows::fresh()
    };
    Ok(rows::create(conn, actor, row, "/code", "a template has this code already")?.to_api())
}

/// Template `id`.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<ReportTemplate, ApiError> {
    let row: Option<TemplateRow> = rt::table.find(id).select(TemplateRow::as_select()).first(conn).optional()?;
    row.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no report template {id}")))
}

/// The template with code `code`, as stored.
pub(crate) fn by_code(conn: &mut AnyConnection, code: &str) -> Result<Option<TemplateRow>, ApiError> {
    Ok(rt::table.filter(rt::code.eq(code)).select(TemplateRow::as_select()).first(conn).optional()?)
}

/// A page of templates, by id; fetches `limit + 1` rows.
pub fn list(conn: &mut AnyConnection, after: Option<String>, limit: i64) -> Result<Vec<ReportTemplate>, ApiError> {
    let mut query = rt::table.select(TemplateRow::as_select()).order(rt::id.asc()).into_boxed();
    if let Some(after) = after {
        query = query.filter(rt::id.gt(after));
    }
    let rows: Vec<TemplateRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(TemplateRow::to_api).collect())
}

tdc_kernel::recorded!(TemplateRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(TemplateRow, rt);
