//! Training and awareness activities in the database: recorded by their organising agency, shared
//! with every agency, counted by year and against a program target.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

use tdc_kernel::ApiError;
use tdc_kernel::access::{self, Access, Coordinated, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::columns::{json, parsed};
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::text::{clean, clean_opt};

use crate::model::{TrainingActivity, TrainingInput, TrainingListQuery, TrainingProgress};
use crate::schema::training_activities as ta;

/// The entity name of activities in history and the change feed.
pub const ENTITY: &str = "training_activity";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = ta, treat_none_as_null = true, treat_none_as_default_value = false)]
    pub(crate) struct TrainingRow {
        pub(crate) id: String,
        kind: String,
        title: String,
        topics: String,
        audience: String,
        held_on: NaiveDate,
        ended_on: Option<NaiveDate>,
        place: Option<String>,
        commune_code: Option<String>,
        attendees: Option<i32>,
        copies: Option<i32>,
        program_target_id: Option<String>,
    }
}

impl TrainingRow {
    fn to_api(&self) -> TrainingActivity {
        let count = |n: Option<i32>| n.and_then(|n| u32::try_from(n).ok());
        TrainingActivity {
            record: self.meta(),
            kind: stored(&self.kind),
            title: self.title.clone(),
            topics: parsed(&self.topics),
            audience: stored(&self.audience),
            held_on: self.held_on,
            ended_on: self.ended_on,
            place: self.place.clone(),
            commune_code: self.commune_code.clone(),
            attendees: count(self.attendees),
            copies: count(self.copies),
            program_target_id: self.program_target_id.clone(),
        }
    }
}

/// Refuses what the types cannot: the dates, attendees where people attend, the agencies and the
/// target named.
fn check(conn: &mut AnyConnection, input: &TrainingInput, lead: &str) -> Result<(), ApiError> {
    if !(2000..=2100).contains(&input.held_on.year()) || input.ended_on.is_some_and(|e| e < input.held_on) {
        return Err(ApiError::invalid_field(
            "/ended_on",
            "date_range",
            "held from 2000 on, ending on or after it began",
        ));
    }
    if input.kind.attended() && input.attendees.is_none() {
        return Err(ApiError::invalid_field("/attendees", "required", "how many attended a class, seminar or forum"));
    }
    for (i, topic) in input.topics.iter().enumerate() {
        if topic.trim().is_empty() || topic.chars().count() > 200 {
            return Err(ApiError::invalid_field(&format!("/topics/{i}"), "length", "a topic of 1 to 200 characters"));
        }
    }
    for (i, agency) in input.co_organisers.iter().enumerate() {
        if agency == lead || !tdc_directory::api::agency_exists(conn, agency)? {
            let message = format!("{agency} is not another recorded agency");
            return Err(ApiError::invalid_field(&format!("/co_organisers/{i}"), "unknown_agency", &message));
        }
    }
    if let Some(target) = &input.program_target_id {
        tdc_regulations::api::program_target(conn, target)
            .map_err(|_| ApiError::invalid_field("/program_target_id", "unknown_target", "no such program target"))?;
    }
    Ok(())
}

/// Records an activity organised by the writer's agency.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &TrainingInput,
) -> Result<TrainingActivity, ApiError> {
    let lead = access::lead_for(writer, None)?;
    check(conn, input, &lead)?;
    let count = |n: Option<u32>| n.and_then(|n| i32::try_from(n).ok());
    let row = TrainingRow {
        kind: name_of(input.kind),
        title: clean(&input.title),
        topics: json(&input.topics.iter().map(|t| clean(t)).collect::<Vec<_>>()),
        audience: name_of(input.audience),
        held_on: input.held_on,
        ended_on: input.ended_on,
        place: clean_opt(input.place.as_deref()),
        commune_code: input.commune_code.clone(),
        attendees: count(input.attendees),
        copies: count(input.copies),
        program_target_id: input.program_target_id.clone(),
        coordinating: Access::coordinating_column(&input.co_organisers),
        lead_agency: lead,
        sharing: "shared".into(),
        ..rows::fresh()
    };
    Ok(rows::create(conn, actor, row, "/title", "this activity is recorded already")?.to_api())
}

fn readable(reader: &Reader) -> Option<access::Condition<ta::table>> {
    access::visible(reader, Coordinated::Record(ENTITY, "training_activities.id"))
}

/// One activity, if the reader may see it.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<TrainingActivity, ApiError> {
    let mut query = ta::table.find(id).select(TrainingRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<TrainingRow> = query.first(conn).optional()?;
    row.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no training activity {id}")))
}

fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    match (day(1, 1), day(12, 31)) {
        (Some(a), Some(b)) if (2000..=2100).contains(&year) => Ok((a, b)),
        _ => Err(ApiError::Malformed { detail: "`year` is a year from 2000 to 2100".into(), errors: vec![] }),
    }
}

/// A page of the activities the reader may see, by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &TrainingListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<TrainingActivity>, ApiError> {
    let mut query = ta::table.select(TrainingRow::as_select()).order(ta::id.asc()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let Some(year) = filter.year {
        let (first, last) = year_bounds(year)?;
        query = query.filter(ta::held_on.ge(first)).filter(ta::held_on.le(last));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(ta::kind.eq(name_of(kind)));
    }
    if let Some(target) = &filter.program_target_id {
        query = query.filter(ta::program_target_id.eq(target.clone()));
    }
    if let Some(after) = after {
        query = query.filter(ta::id.gt(after));
    }
    let rows: Vec<TrainingRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(TrainingRow::to_api).collect())
}

/// A year's activities — of one program target, or all — counted.
pub fn progress(conn: &mut AnyConnection, year: i32, target_id: Option<&str>) -> Result<TrainingProgress, ApiError> {
    let (first, last) = year_bounds(year)?;
    let mut query = ta::table
        .filter(ta::held_on.ge(first))
        .filter(ta::held_on.le(last))
        .select((ta::kind, ta::attendees, ta::copies))
        .into_boxed();
    if let Some(target) = target_id {
        query = query.filter(ta::program_target_id.eq(target.to_owned()));
    }
    let rows: Vec<(String, Option<i32>, Option<i32>)> = query.load(conn)?;
    let mut by_kind = std::collections::BTreeMap::new();
    for (kind, _, _) in &rows {
        *by_kind.entry(kind.clone()).or_insert(0) += 1;
    }
    let target = match target_id {
        Some(id) => Some(tdc_regulations::api::program_target(conn, id)?.target_value),
        None => None,
    };
    let activities = rows.len() as i64;
    Ok(TrainingProgress {
        year,
        activities,
        by_kind,
        attendees: rows.iter().filter_map(|r| r.1).map(i64::from).sum(),
        copies: rows.iter().filter_map(|r| r.2).map(i64::from).sum(),
        progress_percent: target.filter(|t| *t > 0.0).map(|t| (activities as f64 * 1000.0 / t).round() / 10.0),
        target,
    })
}

tdc_kernel::recorded!(TrainingRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(TrainingRow, ta);
