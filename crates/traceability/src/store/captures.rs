//! Capturing a document: each event checked and identified (its `eventID`, or the CBV hash) before
//! any transaction, then — in the caller's write transaction — compared with what is stored under
//! that ID, the new ones written in multi-row statements with the identifiers they name, and the
//! capture job that tells the client what happened. Under `rollback` one refusal refuses the document and nothing is
//! stored; under `proceed` the conforming events are stored and the job lists the others.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::{ApiError, FieldError};

use crate::epcis::document::Document;
use crate::epcis::index::{self, Indexed};
use crate::epcis::json::Json;
use crate::epcis::{hash, validate};
use crate::model::{CaptureJob, ErrorBehaviour};
use crate::schema::{epcis_captures, epcis_event_ids, epcis_events};

/// Who captures: the API client and its agency.
#[derive(Debug, Clone)]
pub struct Capturer {
    /// The agency's code.
    pub agency_code: String,
    /// The API client's id.
    pub client_id: String,
}

impl Capturer {
    /// The caller of a request.
    pub fn of(principal: &tdc_kernel::auth::Principal) -> Capturer {
        Capturer { agency_code: principal.agency_code.clone(), client_id: principal.client_id.clone() }
    }
}

/// One event ready to store.
struct Prepared {
    event_id: String,
    assigned: bool,
    indexed: Indexed,
    body: String,
}

#[derive(Insertable, Queryable, Selectable)]
#[diesel(table_name = epcis_captures)]
pub(crate) struct CaptureRow {
    pub id: String,
    agency_code: String,
    client_id: String,
    error_behaviour: String,
    running: bool,
    success: bool,
    received: i32,
    stored: i32,
    repeated: i32,
    errors: String,
    created_at: chrono::NaiveDateTime,
    finished_at: Option<chrono::NaiveDateTime>,
}

impl CaptureRow {
    pub(crate) fn to_api(&self) -> CaptureJob {
        CaptureJob {
            capture_id: self.id.clone(),
            running: self.running,
            success: self.success,
            capture_error_behaviour: if self.error_behaviour == "proceed" {
                ErrorBehaviour::Proceed
            } else {
                ErrorBehaviour::Rollback
            },
            received: self.received,
            stored: self.stored,
            repeated: self.repeated,
            errors: serde_json::from_str(&self.errors).unwrap_or_default(),
            created_at: self.created_at.and_utc(),
            finished_at: self.finished_at.map(|t| t.and_utc()),
        }
    }
}

#[derive(Insertable)]
#[diesel(table_name = epcis_events, treat_none_as_default_value = false)]
struct EventRow<'a> {
    event_id: &'a str,
    event_type: &'a str,
    event_time: chrono::NaiveDateTime,
    record_time: chrono::NaiveDateTime,
    action: Option<&'a str>,
    biz_step: Option<&'a str>,
    disposition: Option<&'a str>,
    read_point: Option<&'a str>,
    biz_location: Option<&'a str>,
    declared: bool,
    id_assigned: bool,
    capture_id: &'a str,
    agency_code: &'a str,
    context: &'a str,
    body: &'a str,
}

#[derive(Insertable)]
#[diesel(table_name = epcis_event_ids, treat_none_as_default_value = false)]
struct IdRow<'a> {
    event_id: &'a str,
    role: &'a str,
    value: &'a str,
    gtin: Option<&'a str>,
    lot: Option<&'a str>,
    quantity: Option<f64>,
    event_time: chrono::NaiveDateTime,
}

/// A document checked and identified before any transaction (the CPU's part of a capture, so
/// that a writer holds the database only to write): what [`capture`] stores.
pub struct Checked {
    prepared: Vec<(usize, Prepared)>,
    errors: Vec<FieldError>,
    received: usize,
    context: String,
    base: String,
}

/// Checks and identifies each event of `document`; `base` is the JSON Pointer of its event list.
pub fn check(document: &Document, base: &str) -> Checked {
    let ids = hash::given_or_hashed(&document.events, document.context.as_ref());
    let (mut prepared, mut errors, mut seen) = (Vec::new(), Vec::new(), HashSet::new());
    for (i, (event, event_id)) in document.events.iter().zip(ids).enumerate() {
        let at = format!("{base}/{i}");
        let refusals = validate::event(event, &at);
        let indexed = index::of(event);
        let (Some(indexed), true) = (indexed, refusals.is_empty()) else {
            errors.extend(refusals);
            continue;
        };
        if !seen.insert(event_id.clone()) {
            errors.push(FieldError::new(
                format!("{at}/eventID"),
                "duplicate_event_id",
                format!("`{event_id}` is already an earlier event of this document"),
            ));
            continue;
        }
        prepared
            .push((i, Prepared { event_id, assigned: event.get("eventID").is_none(), indexed, body: event.to_text() }));
    }
    let context = document.context.as_ref().map(Json::to_text).unwrap_or_else(|| "null".into());
    Checked { prepared, errors, received: document.events.len(), context, base: base.to_owned() }
}

/// What a capture did: its job, and the IDs of the events it took (stored now or before).
pub struct Captured {
    /// The job as stored.
    pub job: CaptureJob,
    /// The ID of each conforming event (its `eventID`, or the hash the hub gave it).
    pub event_ids: Vec<String>,
}

/// Captures the `checked` document for `capturer`, or (under `rollback`, with a refusal) answers
/// the refusals — nothing is written then.
pub fn capture(
    conn: &mut AnyConnection,
    capturer: &Capturer,
    checked: Checked,
    behaviour: ErrorBehaviour,
) -> Result<Captured, ApiError> {
    let Checked { prepared, mut errors, received, context, base } = checked;
    let event_ids = prepared.iter().map(|(_, p)| p.event_id.clone()).collect();
    let stored: HashMap<String, String> = stored_bodies(conn, &prepared)?;
    let (mut fresh, mut declared) = (Vec::new(), Vec::new());
    let mut repeated = 0;
    for (i, p) in prepared {
        match stored.get(&p.event_id) {
            None => fresh.push(p),
            Some(body) if p.assigned || *body == p.body => repeated += 1,
            Some(_) if p.indexed.declared => {
                declare(conn, &p)?;
                declared.push(p);
                repeated += 1;
            }
            Some(_) => errors.push(FieldError::new(format!("{base}/{i}/eventID"), "event_id_taken", format!("another event is stored as `{}`; an event captured again must be the same, or declare an error (`errorDeclaration`)", p.event_id))),
        }
    }
    if behaviour == ErrorBehaviour::Rollback && !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let at = now();
    let job = CaptureRow {
        id: tdc_kernel::ids::new_id(),
        agency_code: capturer.agency_code.clone(),
        client_id: capturer.client_id.clone(),
        error_behaviour: behaviour.name().into(),
        running: false,
        success: errors.is_empty(),
        received: received as i32,
        stored: fresh.len() as i32,
        repeated,
        errors: serde_json::to_string(&errors).unwrap_or_else(|_| "[]".into()),
        created_at: at,
        finished_at: Some(at),
    };
    diesel::insert_into(epcis_captures::table).values(&job).execute(conn)?;
    insert(conn, &fresh, &job.id, &capturer.agency_code, &context, at)?;
    let push =
        crate::portal::Push { events: fresh.iter().map(|p| p.event_id.clone()).collect(), lots: lot_classes(&fresh) };
    crate::portal::enqueue(conn, &job.id, &push)?;
    if !declared.is_empty() {
        let named =
            declared.iter().flat_map(|p| p.indexed.ids.iter().filter(|n| n.lot.is_some()).map(|n| n.value.clone()));
        let ids: Vec<&str> = declared.iter().map(|p| p.event_id.as_str()).collect();
        super::lots::recount(conn, &ids, named.collect())?;
    }
    Ok(Captured { job: job.to_api(), event_ids })
}

/// The lots (canonical classes) the events name, once each.
fn lot_classes(events: &[Prepared]) -> Vec<String> {
    let mut classes: Vec<String> =
        events.iter().flat_map(|p| p.indexed.ids.iter().filter(|n| n.lot.is_some()).map(|n| n.value.clone())).collect();
    classes.sort();
    classes.dedup();
    classes
}

/// The bodies stored under the prepared events' IDs, by ID.
fn stored_bodies(
    conn: &mut AnyConnection,
    prepared: &[(usize, Prepared)],
) -> Result<HashMap<String, String>, ApiError> {
    let mut found = HashMap::new();
    for chunk in prepared.chunks(tdc_kernel::db::INSERT_CHUNK) {
        let ids: Vec<&str> = chunk.iter().map(|(_, p)| p.event_id.as_str()).collect();
        let rows: Vec<(String, String)> = epcis_events::table
            .filter(epcis_events::event_id.eq_any(ids))
            .select((epcis_events::event_id, epcis_events::body))
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

/// An error declaration captured for a stored event replaces it (EPCIS 2.0 §7.4.1.2).
fn declare(conn: &mut AnyConnection, p: &Prepared) -> Result<(), ApiError> {
    diesel::update(epcis_events::table.find(&p.event_id))
        .set((epcis_events::body.eq(&p.body), epcis_events::declared.eq(true)))
        .execute(conn)?;
    Ok(())
}

fn insert(
    conn: &mut AnyConnection,
    fresh: &[Prepared],
    capture_id: &str,
    agency: &str,
    context: &str,
    at: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    let rows: Vec<EventRow> = fresh
        .iter()
        .map(|p| EventRow {
            event_id: &p.event_id,
            event_type: &p.indexed.event_type,
            event_time: p.indexed.event_time.naive_utc(),
            record_time: at,
            action: p.indexed.action.as_deref(),
            biz_step: p.indexed.biz_step.as_deref(),
            disposition: p.indexed.disposition.as_deref(),
            read_point: p.indexed.read_point.as_deref(),
            biz_location: p.indexed.biz_location.as_deref(),
            declared: p.indexed.declared,
            id_assigned: p.assigned,
            capture_id,
            agency_code: agency,
            context,
            body: &p.body,
        })
        .collect();
    tdc_kernel::db::unique(
        tdc_kernel::insert_many!(conn, epcis_events::table, &rows),
        "/eventID",
        "an event with this eventID was captured at the same moment; send the document again",
    )?;
    let ids: Vec<IdRow> = fresh
        .iter()
        .flat_map(|p| {
            p.indexed.ids.iter().map(|n| IdRow {
                event_id: &p.event_id,
                role: n.role,
                value: &n.value,
                gtin: n.gtin.as_deref(),
                lot: n.lot.as_deref(),
                quantity: p
                    .indexed
                    .quantities
                    .iter()
                    .find(|q| q.role == n.role && q.class == n.value)
                    .and_then(|q| q.quantity),
                event_time: p.indexed.event_time.naive_utc(),
            })
        })
        .collect();
    tdc_kernel::insert_many!(conn, epcis_event_ids::table, &ids)?;
    let named: Vec<(&str, &Indexed)> = fresh.iter().map(|p| (p.event_id.as_str(), &p.indexed)).collect();
    super::lots::note(conn, &named)
}

/// A capture job the caller's agency started.
pub fn get(conn: &mut AnyConnection, agency: &str, id: &str) -> Result<CaptureJob, ApiError> {
    let row: Option<CaptureRow> = epcis_captures::table
        .find(id)
        .filter(epcis_captures::agency_code.eq(agency))
        .select(CaptureRow::as_select())
        .first(conn)
        .optional()?;
    row.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no capture job {id}")))
}

/// The capture jobs of the caller's agency, newest first, after the cursor (a job id).
pub fn list(
    conn: &mut AnyConnection,
    agency: &str,
    before: Option<String>,
    limit: i64,
) -> Result<Vec<CaptureJob>, ApiError> {
    let mut query = epcis_captures::table
        .filter(epcis_captures::agency_code.eq(agency))
        .select(CaptureRow::as_select())
        .order(epcis_captures::id.desc())
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(epcis_captures::id.lt(before));
    }
    let rows: Vec<CaptureRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(CaptureRow::to_api).collect())
}
