//! The walk along the events: from the identifiers asked for, hop by hop through the identifier
//! changes the events record — a transformation (outputs going forward, inputs going backward) and
//! a packing into a container (followed from the packing until the container is unpacked) — with
//! three queries a hop.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use tdc_kernel::ApiError;
use tdc_kernel::db::{AnyConnection, INSERT_CHUNK};

use crate::model::TraceRelation;
use crate::schema::{epcis_event_ids as ids, epcis_events as events};

/// The most events a trace follows before it stops and says it was cut.
pub const MAX_EVENTS: usize = 10_000;

/// An identifier the walk follows, and the time window in which its events count.
#[derive(Debug, Clone)]
pub struct Followed {
    pub value: String,
    pub hop: u32,
    pub relation: TraceRelation,
    pub via: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

impl Followed {
    fn counts_at(&self, at: NaiveDateTime) -> bool {
        self.from.is_none_or(|from| from <= at) && self.until.is_none_or(|until| at <= until)
    }
}

/// An event on the trail as stored.
#[derive(Debug, Clone, Queryable)]
pub struct EventLine {
    pub event_id: String,
    pub event_type: String,
    pub event_time: NaiveDateTime,
    pub action: Option<String>,
    pub biz_step: Option<String>,
    pub disposition: Option<String>,
    pub biz_location: Option<String>,
    pub agency_code: String,
    pub body: String,
}

/// An event the walk took, with the hop it was reached at and the followed identifiers it names.
#[derive(Debug, Clone)]
pub struct Taken {
    pub line: EventLine,
    pub hop: u32,
    pub traced: Vec<String>,
    /// Every identifier the event names, with its role.
    pub named: Vec<(String, String)>,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    pub followed: Vec<Followed>,
    pub taken: HashMap<String, Taken>,
    pub hops: u32,
    pub truncated: bool,
}

/// Walks from `start` (canonical identifiers) `forward` or backward, at most `max_hops` changes.
pub fn walk(conn: &mut AnyConnection, start: &[String], forward: bool, max_hops: u32) -> Result<Walk, ApiError> {
    let mut w = Walk::default();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut lines: HashMap<String, Option<EventLine>> = HashMap::new();
    let mut named: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for value in start {
        index.insert(value.clone(), w.followed.len());
        w.followed.push(Followed {
            value: value.clone(),
            hop: 0,
            relation: TraceRelation::Start,
            via: None,
            from: None,
            until: None,
        });
    }
    let mut frontier: Vec<String> = start.to_vec();
    for hop in 0.. {
        let links = links_naming(conn, &frontier)?;
        load_events(conn, &links, &mut lines, &mut named)?;
        let mut links: Vec<(String, String, String, NaiveDateTime)> = links
            .into_iter()
            .filter_map(|(e, role, value)| lines[&e].as_ref().map(|l| l.event_time).map(|t| (e, role, value, t)))
            .collect();
        links.sort_by(|a, b| a.3.cmp(&b.3).then_with(|| a.0.cmp(&b.0)));
        let mut next = Vec::new();
        for (event_id, role, value, at) in links {
            let Some(line) = lines[&event_id].as_ref() else { continue };
            let f = &w.followed[index[&value]];
            if !f.counts_at(at) {
                continue;
            }
            let taken = w.taken.entry(event_id.clone()).or_insert_with(|| Taken {
                line: line.clone(),
                hop,
                traced: Vec::new(),
                named: named.get(&event_id).cloned().unwrap_or_default(),
            });
            if !taken.traced.contains(&value) {
                taken.traced.push(value.clone());
            }
            let mentions = named.get(&event_id).map_or(&[][..], Vec::as_slice);
            for (joined, relation, from, until) in edges(line, &role, mentions, forward) {
                if index.contains_key(&joined) {
                    continue;
                }
                if hop + 1 > max_hops {
                    w.truncated = true;
                    continue;
                }
                index.insert(joined.clone(), w.followed.len());
                let via = Some(event_id.clone());
                w.followed.push(Followed { value: joined.clone(), hop: hop + 1, relation, via, from, until });
                next.push(joined);
            }
            if line.event_type == "AggregationEvent" && role == "parent" && line.action.as_deref() == Some("DELETE") {
                let f = &mut w.followed[index[&value]];
                if f.relation == TraceRelation::PackedIn {
                    f.until = Some(f.until.map_or(at, |u| u.min(at)));
                }
            }
        }
        if w.taken.len() > MAX_EVENTS {
            w.truncated = true;
            break;
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    w.hops = w.followed.iter().map(|f| f.hop).max().unwrap_or(0);
    Ok(w)
}

/// The identifiers an event joins to the walk, from a followed identifier it names in `role`:
/// `(identifier, relation, from, until)`.
fn edges(
    line: &EventLine,
    role: &str,
    named: &[(String, String)],
    forward: bool,
) -> Vec<(String, TraceRelation, Option<NaiveDateTime>, Option<NaiveDateTime>)> {
    let at = line.event_time;
    let with = |roles: &'static [&'static str]| {
        named.iter().filter(move |(r, _)| roles.contains(&r.as_str())).map(|(_, v)| v.clone())
    };
    match line.event_type.as_str() {
        "AggregationEvent" if matches!(role, "child" | "child_class") && line.action.as_deref() != Some("DELETE") => {
            with(&["parent"]).map(|v| (v, TraceRelation::PackedIn, Some(at), None)).collect()
        }
        "TransformationEvent" if forward && matches!(role, "input" | "input_class") => {
            with(&["output", "output_class"]).map(|v| (v, TraceRelation::MadeFrom, Some(at), None)).collect()
        }
        "TransformationEvent" if !forward && matches!(role, "output" | "output_class") => {
            with(&["input", "input_class"]).map(|v| (v, TraceRelation::InputOf, None, Some(at))).collect()
        }
        _ => Vec::new(),
    }
}

/// `(eventID, role, identifier)` of every mention of the `values`.
fn links_naming(conn: &mut AnyConnection, values: &[String]) -> Result<Vec<(String, String, String)>, ApiError> {
    let mut found = Vec::new();
    for chunk in values.chunks(INSERT_CHUNK) {
        let rows: Vec<(String, String, String)> =
            ids::table.filter(ids::value.eq_any(chunk)).select((ids::event_id, ids::role, ids::value)).load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

/// Loads the events of `links` not loaded yet (`None` for one declared in error) and every
/// identifier each names.
fn load_events(
    conn: &mut AnyConnection,
    links: &[(String, String, String)],
    lines: &mut HashMap<String, Option<EventLine>>,
    named: &mut HashMap<String, Vec<(String, String)>>,
) -> Result<(), ApiError> {
    let wanted: Vec<&str> = links
        .iter()
        .map(|(e, _, _)| e.as_str())
        .filter(|e| !lines.contains_key(*e))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    for chunk in wanted.chunks(INSERT_CHUNK) {
        let columns = (
            events::event_id,
            events::event_type,
            events::event_time,
            events::action,
            events::biz_step,
            events::disposition,
            events::biz_location,
            events::agency_code,
            events::body,
        );
        let rows: Vec<EventLine> = events::table
            .filter(events::event_id.eq_any(chunk))
            .filter(events::declared.eq(false))
            .select(columns)
            .load(conn)?;
        for e in chunk {
            lines.insert((*e).to_owned(), None);
        }
        for row in rows {
            lines.insert(row.event_id.clone(), Some(row));
        }
        let mentions: Vec<(String, String, String)> =
            ids::table.filter(ids::event_id.eq_any(chunk)).select((ids::event_id, ids::role, ids::value)).load(conn)?;
        for (e, role, value) in mentions {
            named.entry(e).or_default().push((role, value));
        }
    }
    Ok(())
}
