//! Each agency's submission to a request: pre-filled with the indicators the hub computes from the
//! change log, completed by the agency, submitted, returned or accepted by DOST; late when past the
//! deadline unsent, or sent after it.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use tdc_kernel::ApiError;
use tdc_kernel::access::{self, Access, Coordinated, Reader};
use tdc_kernel::calendar::{day_of_utc, today, utc_span};
use tdc_kernel::changes::Actor;
use tdc_kernel::columns::{json, parsed};
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::text::clean;
use tdc_kernel::versions::{Expected, check_version};

use super::report_requests::RequestRow;
use crate::model::{
    ReportSubmission, ReportValue, SubmissionAction, SubmissionActionName, SubmissionListQuery, SubmissionProgress,
    ValuesInput,
};
use crate::rules::submission_lifecycle::SUBMISSION_LIFECYCLE;
use crate::schema::report_submissions as rs;

/// The entity name of report submissions in history, transitions and the change feed.
pub const ENTITY: &str = "report_submission";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = rs, treat_none_as_null = true, treat_none_as_default_value = false)]
    pub(crate) struct SubmissionRow {
        pub(crate) id: String,
        pub(crate) request_id: String,
        due_on: NaiveDate,
        pub(crate) report_values: String,
        attachment: Option<String>,
        pub(crate) state: String,
        submitted_at: Option<NaiveDateTime>,
        returned_reason: Option<String>,
    }
}

impl SubmissionRow {
    /// Past the deadline and not submitted, or submitted after it.
    fn late(&self) -> bool {
        match (self.state.as_str(), self.submitted_at) {
            ("draft" | "returned", _) => today() > self.due_on,
            (_, Some(at)) => day_of_utc(at) > self.due_on,
            _ => false,
        }
    }

    /// Its values.
    pub(crate) fn indicator_values(&self) -> Vec<ReportValue> {
        parsed(&self.report_values)
    }

    /// Where it stands, as DOST follows a request.
    pub(crate) fn progress(&self) -> SubmissionProgress {
        SubmissionProgress {
            agency: self.lead_agency.clone(),
            submission_id: self.id.clone(),
            state: stored(&self.state),
            late: self.late(),
            submitted_at: self.submitted_at.map(|t| t.and_utc()),
        }
    }

    fn to_api(&self) -> ReportSubmission {
        ReportSubmission {
            record: self.meta(),
            request_id: self.request_id.clone(),
            due_on: self.due_on,
            values: self.indicator_values(),
            attachment: self.attachment.as_deref().map(parsed),
            state: stored(&self.state),
            next_actions: SUBMISSION_LIFECYCLE.actions_from(&self.state),
            late: self.late(),
            submitted_at: self.submitted_at.map(|t| t.and_utc()),
            returned_reason: self.returned_reason.clone(),
        }
    }
}

/// Creates each agency's submission, its computed indicators filled from the change log.
pub(crate) fn prefill(
    conn: &mut AnyConnection,
    actor: &Actor,
    request: &RequestRow,
    agencies: &[String],
) -> Result<Vec<SubmissionRow>, ApiError> {
    let (from, to) = utc_span(request.period_start, request.period_end);
    let indicators = request.indicator_defs();
    let mut counted = Vec::with_capacity(indicators.len());
    for def in &indicators {
        counted.push(match def.computed {
            Some(c) => Some(tdc_kernel::changes::counts(conn, c.counts(), from, to)?),
            None => None,
        });
    }
    let mut made = Vec::with_capacity(agencies.len());
    for agency in agencies {
        let values: Vec<ReportValue> = indicators
            .iter()
            .zip(&counted)
            .map(|(def, counts)| ReportValue {
                code: def.code.clone(),
                value: counts.as_ref().map(|c| c.get(agency).copied().unwrap_or(0) as f64),
                note: None,
                computed: counts.is_some(),
            })
            .collect();
        let row = SubmissionRow {
            request_id: request.id.clone(),
            due_on: request.due_on,
            report_values: json(&values),
            state: "draft".into(),
            lead_agency: agency.clone(),
            coordinating: Access::coordinating_column(std::slice::from_ref(&request.lead_agency)),
            sharing: "restricted".into(),
            ..rows::fresh()
        };
        made.push(rows::create(conn, actor, row, "/agencies", "this agency is asked already")?);
    }
    Ok(made)
}

fn readable(reader: &Reader) -> Option<access::Condition<rs::table>> {
    access::visible(reader, Coordinated::Record(ENTITY, "report_submissions.id"))
}

/// The submissions to request `id` the reader may see, by agency.
pub(crate) fn of_request(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<Vec<SubmissionRow>, ApiError> {
    of_requests(conn, reader, &[id.to_owned()])
}

/// The submissions to requests `ids` the reader may see, by request and agency, in one query.
pub(crate) fn of_requests(
    conn: &mut AnyConnection,
    reader: &Reader,
    ids: &[String],
) -> Result<Vec<SubmissionRow>, ApiError> {
    let mut query = rs::table.filter(rs::request_id.eq_any(ids)).select(SubmissionRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    Ok(query.order((rs::request_id.asc(), rs::lead_agency.asc())).load(conn)?)
}

fn load(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<SubmissionRow, ApiError> {
    let mut query = rs::table.find(id).select(SubmissionRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<SubmissionRow> = query.first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no report submission {id}")))
}

/// One submission, if the reader may see it.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<ReportSubmission, ApiError> {
    load(conn, reader, id).map(|r| r.to_api())
}

/// A page of the submissions the reader may see, by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &SubmissionListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<ReportSubmission>, ApiError> {
    let mut query = rs::table.select(SubmissionRow::as_select()).order(rs::id.asc()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let Some(request) = &filter.request_id {
        query = query.filter(rs::request_id.eq(request.clone()));
    }
    if let Some(state) = filter.state {
        query = query.filter(rs::state.eq(name_of(state)));
    }
    if let Some(after) = after {
        query = query.filter(rs::id.gt(after));
    }
    let rows: Vec<SubmissionRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(SubmissionRow::to_api).collect())
}

/// Fills in values and an attachment (the agency, while a draft or returned).
pub fn set_values(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    input: &ValuesInput,
    expected: Expected,
) -> Result<ReportSubmission, ApiError> {
    let existing = load(conn, writer, id)?;
    check_version(&expected, existing.version)?;
    access::require_lead(writer, &existing.access())?;
    if !matches!(existing.state.as_str(), "draft" | "returned") {
        let detail = format!("a submission that is {} is not changed; DOST returns it first", existing.state);
        return Err(ApiError::conflict("not_editable", detail));
    }
    let mut values = existing.indicator_values();
    for (i, given) in input.values.iter().enumerate() {
        let Some(slot) = values.iter_mut().find(|v| v.code == given.code) else {
            let message = format!("the request has no indicator {}", given.code);
            return Err(ApiError::invalid_field(&format!("/values/{i}/code"), "unknown_indicator", message));
        };
        let changed = slot.value != given.value;
        slot.value = given.value;
        slot.note = given.note.as_deref().map(clean);
        slot.computed &= !changed;
    }
    let mut row = existing.clone();
    row.report_values = json(&values);
    if let Some(document) = &input.attachment {
        row.attachment = Some(json(document));
    }
    rows::save(conn, actor, "updated", &existing, &mut row)?;
    Ok(row.to_api())
}

/// Moves a submission: the agency submits; DOST returns or accepts.
pub fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    action: &SubmissionAction,
    expected: Option<Expected>,
) -> Result<(ReportSubmission, Transition), ApiError> {
    let existing = load(conn, writer, id)?;
    if let Some(expected) = &expected {
        check_version(expected, existing.version)?;
    }
    let name = name_of(action.action);
    let to = SUBMISSION_LIFECYCLE.step(&existing.state, &name, &Mover::of(conn, writer, &existing.lead_agency)?)?;
    let mut row = existing.clone();
    row.state = to.into();
    match action.action {
        SubmissionActionName::Submit => {
            let missing: Vec<String> =
                row.indicator_values().into_iter().filter(|v| v.value.is_none()).map(|v| v.code).collect();
            if !missing.is_empty() && row.attachment.is_none() {
                let detail = format!("no value for {} (or attach the report as a document)", missing.join(", "));
                return Err(ApiError::conflict("values_missing", detail));
            }
            row.submitted_at = Some(now());
            row.returned_reason = None;
        }
        SubmissionActionName::Return => {
            let reason = action.reason.as_deref().map(clean);
            row.returned_reason =
                Some(reason.ok_or_else(|| ApiError::invalid_field("/reason", "required", "say why"))?);
        }
        SubmissionActionName::Accept => {}
    }
    rows::save(conn, actor, &name, &existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: &existing.state, to };
    let logged = lifecycle::record(conn, actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    Ok((row.to_api(), logged))
}

tdc_kernel::recorded!(SubmissionRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(SubmissionRow, rs);
