//! The days the government decides by year — a weekday off in exchange for a Saturday worked, an
//! extra day off — recorded by DOST's administrators, over the days off by law: the calendar
//! deadlines are counted on.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::holidays::{named_days_off, weekend};
use crate::access::Reader;
use crate::db::schema::calendar_days;
use crate::db::{AnyConnection, now};
use crate::names::{name_of, stored};
use crate::problem::ApiError;

/// What a decided day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A day off (a weekday given in exchange, an extra day).
    DayOff,
    /// A working day (a Saturday or Sunday worked in exchange).
    WorkingDay,
}

/// A day the government decided, as recorded (`PUT /api/v1/calendar/days/{day}`).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DecidedDayInput {
    /// A day off or a working day.
    pub kind: DayKind,
    /// Why, e.g. `Nghỉ bù cho thứ Bảy 26/4 (hoán đổi dịp 30/4–1/5)`.
    #[validate(length(min = 1, max = 500))]
    pub reason: String,
    /// The decision, e.g. `Thông báo 6150/TB-BNV`.
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    pub decision: Option<String>,
}

/// Why a day is not worked, or is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DaySource {
    /// The law (Labour Code 2019 Art. 112), computed.
    Law,
    /// A decision recorded by DOST's administrators.
    Decision,
}

/// A day off in a year (weekends aside), or a weekend day worked.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CalendarDay {
    /// The day.
    pub day: NaiveDate,
    /// Off or worked.
    pub kind: DayKind,
    /// Its name or reason.
    pub reason: String,
    /// Computed from the law, or decided.
    pub source: DaySource,
    /// The decision, for a decided day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
}

/// The deadline's question.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DeadlineQuery {
    /// The day counting starts after (a receipt's day).
    pub from: NaiveDate,
    /// How many working days, 1 to 365.
    pub working_days: u32,
}

/// A deadline counted in working days.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Deadline {
    /// The day counting starts after.
    pub from: NaiveDate,
    /// How many working days.
    pub working_days: u32,
    /// The last day: the `working_days`-th working day after `from`.
    pub due_on: NaiveDate,
    /// The weekdays off (law or decision) it passed over.
    pub days_off: Vec<NaiveDate>,
}

/// The year of the list.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct YearQuery {
    /// The year, 2000 to 2100.
    pub year: i32,
}

/// Vietnam's working calendar: the days off by law and the days decided, recorded.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    decided: BTreeMap<NaiveDate, (DayKind, String, Option<String>)>,
}

impl Calendar {
    /// The calendar with every recorded decision.
    pub fn load(conn: &mut AnyConnection) -> Result<Calendar, ApiError> {
        let rows: Vec<(NaiveDate, String, String, Option<String>)> = calendar_days::table
            .select((calendar_days::day, calendar_days::kind, calendar_days::reason, calendar_days::decision))
            .load(conn)?;
        let decided = rows.into_iter().map(|(d, k, r, n)| (d, (stored(&k), r, n))).collect();
        Ok(Calendar { decided })
    }

    /// Whether `day` is worked.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        self.worked(day, &mut BTreeMap::new())
    }

    /// Whether `day` is worked, the law's days off of each year computed once into `by_law`.
    fn worked(&self, day: NaiveDate, by_law: &mut BTreeMap<i32, BTreeMap<NaiveDate, &'static str>>) -> bool {
        match self.decided.get(&day) {
            Some((kind, _, _)) => *kind == DayKind::WorkingDay,
            None => {
                !weekend(day)
                    && !by_law.entry(day.year()).or_insert_with(|| named_days_off(day.year())).contains_key(&day)
            }
        }
    }

    /// The deadline `n` working days after `from`.
    pub fn deadline(&self, from: NaiveDate, n: u32) -> Deadline {
        let (mut day, mut left, mut off, mut by_law) = (from, n, Vec::new(), BTreeMap::new());
        while left > 0 {
            day += Duration::days(1);
            if self.worked(day, &mut by_law) {
                left -= 1;
            } else if !weekend(day) {
                off.push(day);
            }
        }
        Deadline { from, working_days: n, due_on: day, days_off: off }
    }

    /// The `n`-th working day after `from`.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        self.deadline(from, n).due_on
    }

    /// The days off of `year` (weekends aside) and the weekend days worked, by day.
    pub fn year(&self, year: i32) -> Vec<CalendarDay> {
        let law = named_days_off(year).into_iter().map(|(day, name)| CalendarDay {
            day,
            kind: DayKind::DayOff,
            reason: name.to_owned(),
            source: DaySource::Law,
            decision: None,
        });
        let mut days: BTreeMap<NaiveDate, CalendarDay> = law.map(|d| (d.day, d)).collect();
        for (day, (kind, reason, decision)) in self.decided.range(year_span(year)) {
            let decided = CalendarDay {
                day: *day,
                kind: *kind,
                reason: reason.clone(),
                source: DaySource::Decision,
                decision: decision.clone(),
            };
            days.insert(*day, decided);
        }
        days.into_values().collect()
    }
}

fn year_span(year: i32) -> std::ops::RangeInclusive<NaiveDate> {
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or_default();
    day(1, 1)..=day(12, 31)
}

fn administrators_only(writer: &Reader) -> Result<(), ApiError> {
    match writer {
        Reader::Agency { admin: true, .. } => Ok(()),
        _ => Err(ApiError::Forbidden {
            code: "administrators_only",
            detail: "only DOST's administrators record the government's decisions on days off".into(),
        }),
    }
}

/// Records (or replaces) the decision on `day`.
pub fn record(
    conn: &mut AnyConnection,
    writer: &Reader,
    agency: &str,
    day: NaiveDate,
    input: &DecidedDayInput,
) -> Result<CalendarDay, ApiError> {
    administrators_only(writer)?;
    let values = (
        calendar_days::kind.eq(name_of(input.kind)),
        calendar_days::reason.eq(crate::text::clean(&input.reason)),
        calendar_days::decision.eq(input.decision.clone()),
        calendar_days::recorded_by.eq(agency),
        calendar_days::recorded_at.eq::<NaiveDateTime>(now()),
    );
    if diesel::update(calendar_days::table.find(day)).set(values.clone()).execute(conn)? == 0 {
        diesel::insert_into(calendar_days::table).values((calendar_days::day.eq(day), values)).execute(conn)?;
    }
    let reason = crate::text::clean(&input.reason);
    Ok(CalendarDay { day, kind: input.kind, reason, source: DaySource::Decision, decision: input.decision.clone() })
}

/// Removes the decision on `day` (404 when none is recorded).
pub fn remove(conn: &mut AnyConnection, writer: &Reader, day: NaiveDate) -> Result<(), ApiError> {
    administrators_only(writer)?;
    match diesel::delete(calendar_days::table.find(day)).execute(conn)? {
        0 => Err(ApiError::NotFound(format!("no decision is recorded for {day}"))),
        _ => Ok(()),
    }
}
