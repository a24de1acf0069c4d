//! Traces (seed 001 Art. 10.1.h): from a lot or an EPC, the events that name it and what it became
//! or came from, each holder on the way and the agency responsible for it.

mod holders;
mod walk;

use std::collections::{HashMap, HashSet};

use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::db::AnyConnection;

use crate::epcis::index::gtin_and_lot;
use crate::model::{Trace, TraceDirection, TracedEvent, TracedIdentifier};
use walk::{Followed, Taken, Walk, walk};

/// What to trace from: one canonical identifier (a lot's class, or an EPC).
pub struct Start {
    /// The identifier, canonical.
    pub value: String,
}

impl Start {
    /// A lot: its class as a canonical Digital Link, from a GTIN of 14 digits and a lot number.
    pub fn lot(gtin14: &str, lot: &str) -> Start {
        let encoded = percent_encoding::utf8_percent_encode(lot, percent_encoding::NON_ALPHANUMERIC);
        Start { value: crate::epcis::index::identifier(&format!("https://id.gs1.org/01/{gtin14}/10/{encoded}")) }
    }
}

/// Both walks' findings as one: each identifier at its nearest hop, each event once.
fn merged(walks: Vec<Walk>) -> (Vec<Followed>, HashMap<String, Taken>, u32, bool) {
    let (mut followed, mut taken): (Vec<Followed>, HashMap<String, Taken>) = (Vec::new(), HashMap::new());
    let (mut hops, mut truncated) = (0, false);
    for w in walks {
        hops = hops.max(w.hops);
        truncated |= w.truncated;
        for f in w.followed {
            match followed.iter_mut().find(|g| g.value == f.value) {
                Some(g) if f.hop < g.hop => *g = f,
                Some(_) => {}
                None => followed.push(f),
            }
        }
        for (id, t) in w.taken {
            match taken.get_mut(&id) {
                Some(known) => {
                    known.hop = known.hop.min(t.hop);
                    for v in t.traced {
                        if !known.traced.contains(&v) {
                            known.traced.push(v);
                        }
                    }
                }
                None => drop(taken.insert(id, t)),
            }
        }
    }
    (followed, taken, hops, truncated)
}

fn identifier_of(f: Followed) -> TracedIdentifier {
    let (gtin, lot) = gtin_and_lot(&f.value);
    TracedIdentifier {
        value: f.value,
        gtin,
        lot,
        hop: f.hop,
        relation: f.relation,
        via_event: f.via,
        from: f.from.map(|t| t.and_utc()),
        until: f.until.map(|t| t.and_utc()),
    }
}

fn event_of(t: &Taken) -> TracedEvent {
    let l = &t.line;
    TracedEvent {
        event_id: l.event_id.clone(),
        event_type: l.event_type.clone(),
        event_time: l.event_time.and_utc(),
        action: l.action.clone(),
        biz_step: l.biz_step.clone(),
        disposition: l.disposition.clone(),
        biz_location: l.biz_location.clone(),
        captured_by: l.agency_code.clone(),
        identifiers: t.traced.clone(),
        hop: t.hop,
    }
}

/// Traces `start` in `direction`, following at most `max_hops` identifier changes.
pub fn trace(
    conn: &mut AnyConnection,
    reader: &Reader,
    start: &Start,
    direction: TraceDirection,
    max_hops: u32,
) -> Result<Trace, ApiError> {
    let from = std::slice::from_ref(&start.value);
    let mut walks = Vec::new();
    if direction != TraceDirection::Backward {
        walks.push(walk(conn, from, true, max_hops)?);
    }
    if direction != TraceDirection::Forward {
        walks.push(walk(conn, from, false, max_hops)?);
    }
    let (followed, taken, hops, truncated) = merged(walks);
    let mut trail: Vec<&Taken> = taken.values().collect();
    trail.sort_by(|a, b| a.line.event_time.cmp(&b.line.event_time).then_with(|| a.line.event_id.cmp(&b.line.event_id)));
    let traced: HashSet<&str> = followed.iter().map(|f| f.value.as_str()).collect();
    let holders = holders::holders(conn, reader, &trail, &traced)?;
    let events = trail.iter().map(|t| event_of(t)).collect();
    let lot = match gtin_and_lot(&start.value) {
        (Some(gtin), Some(lot)) => super::lots::find(conn, reader, &gtin, &lot)?,
        _ => None,
    };
    let identifiers = followed.into_iter().map(identifier_of).collect();
    Ok(Trace { direction, lot, identifiers, events, holders, hops, truncated })
}
