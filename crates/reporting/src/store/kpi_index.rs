//! Computing the KPI index: for each agency and component, what was counted and what was done on
//! time, from what the hub recorded up to the period's end — the reporting domain's own tables for
//! reports and coordination, the change log for complaints and warnings — then each agency's
//! weighted score and the ranking.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::Value;

use tdc_kernel::ApiError;
use tdc_kernel::calendar::{day_of_utc, utc_span};
use tdc_kernel::columns::parsed;
use tdc_kernel::db::AnyConnection;

use crate::model::{Addressee, AgencyScore, ComponentScore, KpiComponent, KpiWeight};
use crate::schema::{coordination_requests as cr, report_submissions as rs};

/// What one component found for one agency.
#[derive(Debug, Default)]
struct Tally {
    counted: i64,
    met: i64,
    misses: Vec<String>,
}

impl Tally {
    fn add(&mut self, met: bool, what: impl FnOnce() -> String) {
        self.counted += 1;
        if met {
            self.met += 1;
        } else if self.misses.len() < 20 {
            self.misses.push(what());
        }
    }
}

type Tallies = HashMap<String, Tally>;

/// The period's days, and the day up to which it is measured (today, within the period): what falls
/// due after that day counts only once it is done.
#[derive(Debug, Clone, Copy)]
pub struct Period {
    /// The first day.
    pub start: NaiveDate,
    /// The last day.
    pub end: NaiveDate,
    /// The day measured up to.
    pub as_of: NaiveDate,
}

fn reports_on_time(conn: &mut AnyConnection, p: Period) -> Result<Tallies, ApiError> {
    let (start, end) = (p.start, p.end);
    let (_, until) = utc_span(start, end);
    let rows: Vec<(String, NaiveDate, Option<NaiveDateTime>, String)> = rs::table
        .filter(rs::due_on.ge(start))
        .filter(rs::due_on.le(end))
        .select((rs::lead_agency, rs::due_on, rs::submitted_at, rs::request_id))
        .load(conn)?;
    let mut tallies = Tallies::new();
    for (agency, due, sent, request) in rows.into_iter().filter(|r| r.1 <= p.as_of || r.2.is_some()) {
        let on_time = sent.is_some_and(|at| at < until && day_of_utc(at) <= due);
        let what = || match sent {
            Some(at) => format!("report {request} due {due}, submitted {}", day_of_utc(at)),
            None => format!("report {request} due {due}, not submitted"),
        };
        tallies.entry(agency).or_default().add(on_time, what);
    }
    Ok(tallies)
}

fn coordination_on_time(conn: &mut AnyConnection, p: Period) -> Result<Tallies, ApiError> {
    let (start, end) = (p.start, p.end);
    let earliest = start - chrono::Duration::days(400);
    let rows: Vec<(String, String)> = cr::table
        .filter(cr::received_on.ge(earliest))
        .filter(cr::received_on.le(end))
        .filter(cr::state.ne("withdrawn"))
        .select((cr::id, cr::addressees))
        .load(conn)?;
    let mut tallies = Tallies::new();
    for (id, addressees) in rows {
        let parts: Vec<Addressee> = parsed(&addressees);
        let measured =
            |a: &Addressee| a.due_on >= start && a.due_on <= end && (a.due_on <= p.as_of || a.replied_on.is_some());
        for part in parts.into_iter().filter(measured) {
            let on_time = part.replied_on.is_some_and(|on| on <= part.due_on);
            let what = || match part.replied_on {
                Some(on) => format!("coordination request {id} due {}, replied {on}", part.due_on),
                None => format!("coordination request {id} due {}, not replied", part.due_on),
            };
            tallies.entry(part.agency.clone()).or_default().add(on_time, what);
        }
    }
    Ok(tallies)
}

fn complaints_on_time(conn: &mut AnyConnection, p: Period) -> Result<Tallies, ApiError> {
    let (from, to) = utc_span(p.start, p.as_of);
    let closed = tdc_kernel::changes::changes_of(conn, "complaint", &["resolve", "dismiss"], from, to)?;
    let mut tallies = Tallies::new();
    for change in closed {
        let after: Value = change.after_data.as_deref().and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
        let date = |key: &str| after[key].as_str().and_then(|d| d.parse::<NaiveDate>().ok());
        let (due, closed_on) = (date("due_on"), date("closed_on").unwrap_or_else(|| day_of_utc(change.at)));
        let on_time = due.is_some_and(|d| closed_on <= d);
        let what = || {
            format!(
                "complaint {} due {}, closed {closed_on}",
                change.entity_id,
                due.map(|d| d.to_string()).unwrap_or_default()
            )
        };
        tallies.entry(change.lead_agency.clone()).or_default().add(on_time, what);
    }
    Ok(tallies)
}

fn warnings_resolved(conn: &mut AnyConnection, p: Period) -> Result<Tallies, ApiError> {
    let (from, to) = utc_span(p.start, p.as_of);
    let end = p.end;
    let published = tdc_kernel::changes::changes_of(conn, "warning", &["publish"], from, to)?;
    let resolved: std::collections::HashSet<String> =
        tdc_kernel::changes::changes_of(conn, "warning", &["resolve"], from, to)?
            .into_iter()
            .map(|c| c.entity_id)
            .collect();
    let mut tallies = Tallies::new();
    for change in published {
        let done = resolved.contains(&change.entity_id);
        let what =
            || format!("warning {} published {}, not resolved by {end}", change.entity_id, day_of_utc(change.at));
        tallies.entry(change.lead_agency.clone()).or_default().add(done, what);
    }
    Ok(tallies)
}

fn inspections_concluded(conn: &mut AnyConnection, p: Period) -> Result<Tallies, ApiError> {
    let (from, to) = utc_span(p.start, p.as_of);
    let decided = tdc_kernel::changes::changes_of(conn, "inspection", &["created"], from, to)?;
    let ended = tdc_kernel::changes::changes_of(conn, "inspection", &["conclude", "cancel"], from, to)?;
    let outcome: HashMap<String, String> = ended.into_iter().map(|c| (c.entity_id, c.action)).collect();
    let mut tallies = Tallies::new();
    for change in decided {
        match outcome.get(&change.entity_id).map(String::as_str) {
            Some("cancel") => continue,
            done => {
                let what = || {
                    format!(
                        "inspection {} decided {}, not concluded by {}",
                        change.entity_id,
                        day_of_utc(change.at),
                        p.as_of
                    )
                };
                tallies.entry(change.lead_agency.clone()).or_default().add(done == Some("conclude"), what);
            }
        }
    }
    Ok(tallies)
}

/// The months (`YYYY-MM`) from `start` to `end`.
fn months(start: NaiveDate, end: NaiveDate) -> Vec<String> {
    use chrono::Datelike;
    let mut out = Vec::new();
    let (mut y, mut m) = (start.year(), start.month());
    while (y, m) <= (end.year(), end.month()) {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

fn data_freshness(conn: &mut AnyConnection, p: Period, agencies: &[String]) -> Result<Tallies, ApiError> {
    let (from, to) = utc_span(p.start, p.as_of);
    let mut active: HashMap<String, std::collections::HashSet<String>> = HashMap::new();
    for t in tdc_kernel::changes::tally(conn, from, to)? {
        active.entry(t.agency_code).or_default().insert(t.month);
    }
    let mut tallies = Tallies::new();
    for agency in agencies {
        let seen = active.remove(agency).unwrap_or_default();
        let tally = tallies.entry(agency.clone()).or_default();
        for month in months(p.start, p.as_of) {
            let recorded = seen.contains(&month);
            tally.add(recorded, || format!("nothing recorded in {month}"));
        }
    }
    Ok(tallies)
}

fn tallies(conn: &mut AnyConnection, c: KpiComponent, p: Period, agencies: &[String]) -> Result<Tallies, ApiError> {
    match c {
        KpiComponent::ReportsOnTime => reports_on_time(conn, p),
        KpiComponent::CoordinationOnTime => coordination_on_time(conn, p),
        KpiComponent::ComplaintsOnTime => complaints_on_time(conn, p),
        KpiComponent::WarningsResolved => warnings_resolved(conn, p),
        KpiComponent::InspectionsConcluded => inspections_concluded(conn, p),
        KpiComponent::DataFreshness => data_freshness(conn, p, agencies),
    }
}

/// Every agency's score, best first.
pub fn rank(
    conn: &mut AnyConnection,
    components: &[KpiWeight],
    agencies: &[String],
    period: Period,
) -> Result<Vec<AgencyScore>, ApiError> {
    let mut found = Vec::with_capacity(components.len());
    for w in components {
        found.push(tallies(conn, w.component, period, agencies)?);
    }
    let mut scores: Vec<AgencyScore> = agencies
        .iter()
        .map(|agency| {
            let parts: Vec<ComponentScore> = components
                .iter()
                .zip(found.iter_mut())
                .map(|(w, t)| {
                    let tally = t.remove(agency).unwrap_or_default();
                    let share = (tally.counted > 0).then(|| tally.met as f64 / tally.counted as f64);
                    ComponentScore {
                        component: w.component,
                        weight: w.weight,
                        counted: tally.counted,
                        met: tally.met,
                        share,
                        misses: tally.misses,
                    }
                })
                .collect();
            let applied: f64 = parts.iter().filter(|p| p.share.is_some()).map(|p| p.weight).sum();
            let earned: f64 = parts.iter().filter_map(|p| p.share.map(|s| s * p.weight)).sum();
            let score = (applied > 0.0).then(|| (earned / applied * 1000.0).round() / 10.0);
            AgencyScore { rank: 0, agency: agency.clone(), score, components: parts }
        })
        .collect();
    scores.sort_by(|a, b| {
        let key = |s: &AgencyScore| s.score.unwrap_or(-1.0);
        key(b).total_cmp(&key(a)).then_with(|| a.agency.cmp(&b.agency))
    });
    let mut rank = 0;
    let mut last: Option<Option<f64>> = None;
    for (i, s) in scores.iter_mut().enumerate() {
        if last != Some(s.score) {
            rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
            last = Some(s.score);
        }
        s.rank = rank;
    }
    Ok(scores)
}
