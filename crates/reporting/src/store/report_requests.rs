//! Requests for reports: DOST asks chosen agencies for a period's indicators — periodic from a
//! template, or ad hoc — and each agency's submission is created at once, pre-filled with what
//! the hub already holds, so agencies only add what is missing.

use chrono::NaiveDate;
use diesel::prelude::*;

use tdc_kernel::ApiError;
use tdc_kernel::access::{self, Coordinated, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::columns::{json, parsed};
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::text::clean;

use super::submissions::{self, SubmissionRow};
use super::templates::{by_code, require_dost, unique_codes};
use crate::model::{Frequency, IndicatorDef, ReportKind, ReportRequest, ReportRequestInput};
use crate::rules::periods;
use crate::schema::report_requests as rr;

/// The entity name of report requests in history and the change feed.
pub const ENTITY: &str = "report_request";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = rr, treat_none_as_null = true, treat_none_as_default_value = false)]
    pub(crate) struct RequestRow {
        pub(crate) id: String,
        pub(crate) title: String,
        kind: String,
        template_code: Option<String>,
        pub(crate) period: String,
        pub(crate) period_start: NaiveDate,
        pub(crate) period_end: NaiveDate,
        pub(crate) due_on: NaiveDate,
        pub(crate) indicators: String,
    }
}

impl RequestRow {
    /// The indicators asked for.
    pub(crate) fn indicator_defs(&self) -> Vec<IndicatorDef> {
        parsed(&self.indicators)
    }

    fn to_api(&self, progress: Vec<crate::model::SubmissionProgress>) -> ReportRequest {
        ReportRequest {
            record: self.meta(),
            title: self.title.clone(),
            kind: stored(&self.kind),
            template_code: self.template_code.clone(),
            period: self.period.clone(),
            period_start: self.period_start,
            period_end: self.period_end,
            due_on: self.due_on,
            indicators: self.indicator_defs(),
            progress,
        }
    }
}

/// What a request asks: its kind, template, period name, dates, deadline and indicators.
struct Asked {
    kind: ReportKind,
    template: Option<String>,
    period: String,
    start: NaiveDate,
    end: NaiveDate,
    due: NaiveDate,
    indicators: Vec<IndicatorDef>,
}

/// A periodic request's terms, from its template and period.
fn periodic(conn: &mut AnyConnection, code: &str, input: &ReportRequestInput) -> Result<Asked, ApiError> {
    if input.indicators.is_some() || input.period_start.is_some() || input.due_on.is_some() {
        return Err(ApiError::invalid_field(
            "/template_code",
            "mixed_request",
            "a template sets the indicators, dates and deadline",
        ));
    }
    let template = by_code(conn, code)?
        .ok_or_else(|| ApiError::invalid_field("/template_code", "unknown_template", "no such template"))?;
    let frequency: Frequency = stored(&template.frequency);
    let period = input
        .period
        .clone()
        .ok_or_else(|| ApiError::invalid_field("/period", "required", "the period: `2026-Q3` or `2026`"))?;
    let (start, end) = periods::bounds(frequency, &period).ok_or_else(|| {
        ApiError::invalid_field(
            "/period",
            "period_format",
            "`YYYY-Qn` for a quarterly template, `YYYY` for an annual one",
        )
    })?;
    let due = periods::due_on(end, template.due_month_offset, u32::try_from(template.due_day).unwrap_or(1))
        .ok_or_else(|| ApiError::invalid_field("/period", "period_format", "no deadline falls in that period"))?;
    let indicators = parsed(&template.indicators);
    Ok(Asked { kind: ReportKind::Periodic, template: Some(code.to_owned()), period, start, end, due, indicators })
}

/// An ad-hoc request's terms, as DOST gives them.
fn ad_hoc(input: &ReportRequestInput) -> Result<Asked, ApiError> {
    let need = |pointer: &str| {
        ApiError::invalid_field(pointer, "required", "an ad-hoc request gives its indicators, dates and deadline")
    };
    let indicators = input.indicators.clone().ok_or_else(|| need("/indicators"))?;
    let (start, end) = (
        input.period_start.ok_or_else(|| need("/period_start"))?,
        input.period_end.ok_or_else(|| need("/period_end"))?,
    );
    let due = input.due_on.ok_or_else(|| need("/due_on"))?;
    if end < start
        || !(2000..=2100).contains(&chrono::Datelike::year(&start))
        || due.signed_duration_since(end).num_days() > 3660
    {
        return Err(ApiError::invalid_field(
            "/period_end",
            "date_range",
            "a period from 2000 on, ending on or after its start",
        ));
    }
    unique_codes(&indicators, "/indicators")?;
    let period = input.period.clone().unwrap_or_else(|| format!("{start}..{end}"));
    Ok(Asked { kind: ReportKind::AdHoc, template: None, period, start, end, due, indicators })
}

/// Records a request (DOST) and every agency's pre-filled submission, in one transaction.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &ReportRequestInput,
) -> Result<ReportRequest, ApiError> {
    let lead = require_dost(conn, writer)?;
    let asked = match &input.template_code {
        Some(code) => periodic(conn, code, input)?,
        None => ad_hoc(input)?,
    };
    for (i, agency) in input.agencies.iter().enumerate() {
        if input.agencies[..i].contains(agency) || !tdc_directory::api::agency_exists(conn, agency)? {
            let message = format!("{agency} is not a recorded agency, or is named twice");
            return Err(ApiError::invalid_field(&format!("/agencies/{i}"), "unknown_agency", &message));
        }
    }
    let row = RequestRow {
        title: clean(&input.title),
        kind: name_of(asked.kind),
        template_code: asked.template,
        period: asked.period,
        period_start: asked.start,
        period_end: asked.end,
        due_on: asked.due,
        indicators: json(&asked.indicators),
        lead_agency: lead,
        sharing: "shared".into(),
        coordinating: "[]".into(),
        ..rows::fresh()
    };
    let row = rows::create(conn, actor, row, "/period", "this template's period is asked for already")?;
    let made = submissions::prefill(conn, actor, &row, &input.agencies)?;
    Ok(row.to_api(made.iter().map(SubmissionRow::progress).collect()))
}

fn readable(reader: &Reader) -> Option<access::Condition<rr::table>> {
    access::visible(reader, Coordinated::Record(ENTITY, "report_requests.id"))
}

/// Request `id` as stored, if `reader` may see it (404 otherwise).
pub(crate) fn load(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<RequestRow, ApiError> {
    let mut query = rr::table.find(id).select(RequestRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<RequestRow> = query.first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no report request {id}")))
}

/// One request with each agency's progress the reader may see.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<ReportRequest, ApiError> {
    let row = load(conn, reader, id)?;
    let progress = submissions::of_request(conn, reader, id)?.iter().map(SubmissionRow::progress).collect();
    Ok(row.to_api(progress))
}

/// A page of requests, by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<ReportRequest>, ApiError> {
    let mut query = rr::table.select(RequestRow::as_select()).order(rr::id.asc()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let Some(after) = after {
        query = query.filter(rr::id.gt(after));
    }
    let rows: Vec<RequestRow> = query.limit(limit + 1).load(conn)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let answers = submissions::of_requests(conn, reader, &ids)?;
    let progress_of = |id: &str| answers.iter().filter(|s| s.request_id == id).map(SubmissionRow::progress).collect();
    Ok(rows.iter().map(|r| r.to_api(progress_of(&r.id))).collect())
}

tdc_kernel::recorded!(RequestRow, ENTITY, |row| row.to_api(Vec::new()));
tdc_kernel::stored!(RequestRow, rr);
