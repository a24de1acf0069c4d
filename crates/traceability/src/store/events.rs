//! Reading events back: the query as one SQL statement (identifiers through `epcis_event_ids`),
//! keyset pages in the chosen order, and each event as captured with its `eventID` and `recordTime`.

use std::collections::BTreeMap;

use diesel::prelude::*;
use tdc_kernel::ApiError;
use tdc_kernel::db::AnyConnection;

use super::query::{self, Filter, Position};
use super::window::{self, Window};
use crate::epcis::json::Json;
use crate::schema::{epcis_event_ids, epcis_events};

/// The context every answer names first.
pub const EPCIS_CONTEXT: &str = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

#[derive(Queryable, Selectable)]
#[diesel(table_name = epcis_events)]
struct EventRow {
    event_id: String,
    event_time: chrono::NaiveDateTime,
    record_time: chrono::NaiveDateTime,
    context: String,
    body: String,
}

/// One page of events: their JSON-LD, the document `@context` they share, and the next page's token.
pub struct Page {
    /// The events.
    pub events: Vec<Json>,
    /// The `@context` of the query document that carries them.
    pub context: Json,
    /// The token of the next page, if there is one.
    pub next: Option<String>,
}

macro_rules! ordered_page {
    ($query:ident, $column:expr, $filter:expr) => {{
        let f = $filter;
        if let Some(p) = &f.after {
            let (t, i) = (p.t, p.i.clone());
            $query = if f.descending {
                $query.filter($column.lt(t).or($column.eq(t).and(epcis_events::event_id.lt(i))))
            } else {
                $query.filter($column.gt(t).or($column.eq(t).and(epcis_events::event_id.gt(i))))
            };
        }
        if f.descending {
            $query.order(($column.desc(), epcis_events::event_id.desc()))
        } else {
            $query.order(($column.asc(), epcis_events::event_id.asc()))
        }
    }};
}

/// The page of events `f` asks for: within the window of its identifiers where it has one
/// ([`window`]), again without when the window left the page short.
pub fn page(conn: &mut AnyConnection, f: &Filter) -> Result<Page, ApiError> {
    let size = f.remaining.map_or(f.per_page, |n| n.min(f.per_page));
    let window = window::of(conn, f, size + 1)?;
    let mut rows = load(conn, f, size, window.as_ref())?;
    if window.is_some_and(|w| w.cut(rows.len(), size + 1)) {
        rows = load(conn, f, size, None)?;
    }
    let more = rows.len() as i64 > size && f.remaining.is_none_or(|n| n > size);
    rows.truncate(size as usize);
    let next = rows.last().filter(|_| more).map(|last| {
        let t = if f.by_record_time { last.record_time } else { last.event_time };
        query::token(&Position { t, i: last.event_id.clone(), n: f.remaining.map(|n| n - size) })
    });
    let (events, context) = documented(rows);
    Ok(Page { events, context, next })
}

/// Up to `size + 1` events `f` asks for, in its order; the driving match's identifiers looked up
/// within `window`.
fn load(conn: &mut AnyConnection, f: &Filter, size: i64, window: Option<&Window>) -> QueryResult<Vec<EventRow>> {
    let mut q = epcis_events::table.select(EventRow::as_select()).into_boxed();
    if let Some(v) = &f.types {
        q = q.filter(epcis_events::event_type.eq_any(v.clone()));
    }
    if let Some(t) = f.ge_event_time {
        q = q.filter(epcis_events::event_time.ge(t));
    }
    if let Some(t) = f.lt_event_time {
        q = q.filter(epcis_events::event_time.lt(t));
    }
    if let Some(t) = f.ge_record_time {
        q = q.filter(epcis_events::record_time.ge(t));
    }
    if let Some(t) = f.lt_record_time {
        q = q.filter(epcis_events::record_time.lt(t));
    }
    if let Some(v) = &f.actions {
        q = q.filter(epcis_events::action.eq_any(v.clone()));
    }
    if let Some(v) = &f.biz_steps {
        q = q.filter(epcis_events::biz_step.eq_any(v.clone()));
    }
    if let Some(v) = &f.dispositions {
        q = q.filter(epcis_events::disposition.eq_any(v.clone()));
    }
    if let Some(v) = &f.read_points {
        q = q.filter(epcis_events::read_point.eq_any(v.clone()));
    }
    if let Some(v) = &f.biz_locations {
        q = q.filter(epcis_events::biz_location.eq_any(v.clone()));
    }
    if let Some(v) = &f.event_ids {
        q = q.filter(epcis_events::event_id.eq_any(v.clone()));
    }
    if f.declared_only {
        q = q.filter(epcis_events::declared.eq(true));
    }
    if f.quantity.asked() {
        // One listed quantity meets every condition; an absent bound is the widest there is.
        let fq = &f.quantity;
        let listed = epcis_event_ids::table
            .select(epcis_event_ids::event_id)
            .filter(epcis_event_ids::role.eq_any(["class", "child_class", "input_class", "output_class"]))
            .filter(epcis_event_ids::quantity.gt(fq.gt.unwrap_or(f64::MIN)))
            .filter(epcis_event_ids::quantity.ge(fq.ge.unwrap_or(f64::MIN)))
            .filter(epcis_event_ids::quantity.lt(fq.lt.unwrap_or(f64::MAX)))
            .filter(epcis_event_ids::quantity.le(fq.le.unwrap_or(f64::MAX)));
        q = match &fq.eq {
            Some(values) => {
                q.filter(epcis_events::event_id.eq_any(listed.filter(epcis_event_ids::quantity.eq_any(values.clone()))))
            }
            None => q.filter(epcis_events::event_id.eq_any(listed)),
        };
    }
    for (n, m) in f.matches.iter().enumerate() {
        // One indexed condition per kind of value: an `OR` across the two would keep SQLite from
        // using either index.
        let (earliest, latest) = window.filter(|w| w.driver == n).map_or_else(Window::all, |w| w.bounds(f.descending));
        let ids = epcis_event_ids::table
            .select(epcis_event_ids::event_id)
            .filter(epcis_event_ids::role.eq_any(m.roles.to_vec()))
            .filter(epcis_event_ids::event_time.between(earliest, latest));
        q = match (m.exact.is_empty(), m.gtins.is_empty()) {
            (false, true) => {
                q.filter(epcis_events::event_id.eq_any(ids.filter(epcis_event_ids::value.eq_any(m.exact.clone()))))
            }
            (true, false) => {
                q.filter(epcis_events::event_id.eq_any(ids.filter(epcis_event_ids::gtin.eq_any(m.gtins.clone()))))
            }
            _ => q.filter(
                epcis_events::event_id
                    .eq_any(ids.clone().filter(epcis_event_ids::value.eq_any(m.exact.clone())))
                    .or(epcis_events::event_id.eq_any(ids.filter(epcis_event_ids::gtin.eq_any(m.gtins.clone())))),
            ),
        };
    }
    let q = if f.by_record_time {
        ordered_page!(q, epcis_events::record_time, f)
    } else {
        ordered_page!(q, epcis_events::event_time, f)
    };
    q.limit(size + 1).load(conn)
}

/// The events with these IDs as captured, with the document `@context` they share (see
/// [`documented`]): what the push to the national portal sends.
pub fn by_ids(conn: &mut AnyConnection, ids: &[String]) -> Result<(Vec<Json>, Json), ApiError> {
    let mut rows: Vec<EventRow> = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(tdc_kernel::db::INSERT_CHUNK) {
        let found: Vec<EventRow> = epcis_events::table
            .filter(epcis_events::event_id.eq_any(chunk))
            .select(EventRow::as_select())
            .order(epcis_events::event_time.asc())
            .load(conn)?;
        rows.extend(found);
    }
    Ok(documented(rows))
}

/// The event of a row as captured, with its `eventID` (given or assigned) and `recordTime`.
fn as_sent(row: &EventRow) -> Json {
    let event: Json = serde_json::from_str(&row.body).unwrap_or(Json::Null);
    let recorded = row.record_time.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let event =
        if event.get("eventID").is_some() { event } else { event.with("eventID", Json::String(row.event_id.clone())) };
    match event {
        Json::Object(mut members) => {
            members.retain(|(k, _)| k != "recordTime");
            members.push(("recordTime".into(), Json::String(recorded)));
            Json::Object(members)
        }
        other => other,
    }
}

/// The events of rows with one document `@context`: every context URL, and one object of every
/// prefix; an event whose document gave a prefix another meaning carries its own `@context`.
fn documented(rows: Vec<EventRow>) -> (Vec<Json>, Json) {
    let mut urls = vec![EPCIS_CONTEXT.to_owned()];
    let mut prefixes: BTreeMap<String, Json> = BTreeMap::new();
    let mut events = Vec::with_capacity(rows.len());
    for row in &rows {
        let context: Json = serde_json::from_str(&row.context).unwrap_or(Json::Null);
        let (own_urls, own_prefixes) = parts(&context);
        let clash = own_prefixes.iter().any(|(k, v)| prefixes.get(k).is_some_and(|p| p != v));
        let event = as_sent(row);
        if clash {
            events.push(event.with("@context", context));
            continue;
        }
        for url in own_urls {
            if !urls.contains(&url) {
                urls.push(url);
            }
        }
        prefixes.extend(own_prefixes);
        events.push(event);
    }
    let mut context: Vec<Json> = urls.into_iter().map(Json::String).collect();
    if !prefixes.is_empty() {
        context.push(Json::Object(prefixes.into_iter().collect()));
    }
    (events, Json::Array(context))
}

fn parts(context: &Json) -> (Vec<String>, Vec<(String, Json)>) {
    let items = match context {
        Json::Array(items) => items.clone(),
        Json::Null => vec![],
        other => vec![other.clone()],
    };
    let (mut urls, mut prefixes) = (Vec::new(), Vec::new());
    for item in items {
        match item {
            Json::String(url) if url != "https://gs1.github.io/EPCIS/epcis-context.jsonld" => urls.push(url),
            Json::Object(members) => prefixes.extend(members),
            _ => {}
        }
    }
    (urls, prefixes)
}
