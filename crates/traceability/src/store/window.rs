//! A page by identifier (`MATCH_…`) read from one range of the identifiers' index. The index by
//! identifier is ordered by event time (migration 27), so the time of the page's last possible
//! event is one short index read; bounding the identifier lookup by it, the page reads about a
//! page of events instead of every event that ever named the identifier (5,000 a lot at 5,000,000
//! events).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use tdc_kernel::db::AnyConnection;

use super::query::Filter;
use crate::schema::epcis_event_ids as ids;

/// The event times within which the first events naming the driving match's identifiers lie.
pub(crate) struct Window {
    /// Which of the filter's matches drives (the first by exact identifiers).
    pub driver: usize,
    /// Where the page starts: the cursor's time.
    pub from: Option<NaiveDateTime>,
    /// The time of the last event the page can need; `None` when fewer events name the
    /// identifiers than the page wants, and the window holds them all.
    pub to: Option<NaiveDateTime>,
}

impl Window {
    /// The widest bounds there are (a match that does not drive).
    pub fn all() -> (NaiveDateTime, NaiveDateTime) {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        (day(1, 1, 1).and_time(chrono::NaiveTime::MIN), day(9999, 12, 31).and_hms_opt(23, 59, 59).unwrap_or_default())
    }

    /// The earliest and latest event times of the window, in a page's direction.
    pub fn bounds(&self, descending: bool) -> (NaiveDateTime, NaiveDateTime) {
        let (earliest, latest) = Window::all();
        let (near, far) = (self.from, self.to);
        if descending {
            (far.unwrap_or(earliest), near.unwrap_or(latest))
        } else {
            (near.unwrap_or(earliest), far.unwrap_or(latest))
        }
    }

    /// Whether events beyond the window may belong to the page: the window was bounded, and the
    /// page's other conditions left it short.
    pub fn cut(&self, found: usize, wanted: i64) -> bool {
        self.to.is_some() && (found as i64) < wanted
    }
}

/// The window of the first `wanted` events after the cursor that name the identifiers of `f`'s
/// first exact match, in `f`'s order by event time; `None` when `f` has no such match or pages by
/// record time.
pub(crate) fn of(conn: &mut AnyConnection, f: &Filter, wanted: i64) -> QueryResult<Option<Window>> {
    let driver = f.matches.iter().position(|m| !m.exact.is_empty() && m.gtins.is_empty());
    let (Some(driver), false) = (driver, f.by_record_time) else { return Ok(None) };
    let m = &f.matches[driver];
    let mut q = ids::table
        .select(ids::event_time)
        .filter(ids::value.eq_any(m.exact.clone()))
        .filter(ids::role.eq_any(m.roles.to_vec()))
        .into_boxed();
    if let Some(t) = f.ge_event_time {
        q = q.filter(ids::event_time.ge(t));
    }
    if let Some(t) = f.lt_event_time {
        q = q.filter(ids::event_time.lt(t));
    }
    if let Some(p) = &f.after {
        let (t, i) = (p.t, p.i.clone());
        q = if f.descending {
            q.filter(ids::event_time.lt(t).or(ids::event_time.eq(t).and(ids::event_id.lt(i))))
        } else {
            q.filter(ids::event_time.gt(t).or(ids::event_time.eq(t).and(ids::event_id.gt(i))))
        };
    }
    q = if f.descending {
        q.order((ids::event_time.desc(), ids::event_id.desc()))
    } else {
        q.order((ids::event_time.asc(), ids::event_id.asc()))
    };
    let to = q.offset(wanted - 1).limit(1).first::<NaiveDateTime>(conn).optional()?;
    Ok(Some(Window { driver, from: f.after.as_ref().map(|p| p.t), to }))
}
