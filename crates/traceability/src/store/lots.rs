//! Lots: what the captured events say of each GTIN and lot number, kept up to date in the capture's
//! own transaction (one read and one write per lot a document names), and read joined to the
//! product with that GTIN and to the business at the place the lot was made.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use sha2::Digest as _;
use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::db::AnyConnection;

use super::locations;
use crate::epcis::amounts::creates;
use crate::epcis::index::{Indexed, gtin_and_lot};
use crate::epcis::json::Json;
use crate::model::Lot;
use crate::schema::{epcis_event_ids as ids, epcis_events as events, trace_lots as lots};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = lots, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(crate) struct LotRow {
    gtin: String,
    lot: String,
    epc_class: String,
    produced_at: Option<NaiveDateTime>,
    producer_location: Option<String>,
    quantity: Option<f64>,
    uom: Option<String>,
    expiry_date: Option<NaiveDate>,
    best_before_date: Option<NaiveDate>,
    first_event_id: String,
    first_seen: NaiveDateTime,
    last_seen: NaiveDateTime,
    events: i32,
}

impl LotRow {
    /// What one event says of the lot `(gtin, lot)` it names as `class`.
    fn of_event(event_id: &str, e: &Indexed, gtin: &str, lot: &str, class: &str) -> LotRow {
        let at = e.event_time.naive_utc();
        let made = e.ids.iter().any(|n| n.value == class && creates(&e.event_type, e.action.as_deref(), n.role));
        let made_here =
            e.quantities.iter().filter(|q| q.class == class && creates(&e.event_type, e.action.as_deref(), q.role));
        let (quantity, uom) = made_here.fold((None, None), |(sum, uom): (Option<f64>, Option<String>), q| {
            (q.quantity.map(|n| sum.unwrap_or(0.0) + n).or(sum), uom.or_else(|| q.uom.clone()))
        });
        LotRow {
            gtin: gtin.to_owned(),
            lot: lot.to_owned(),
            epc_class: class.to_owned(),
            produced_at: made.then_some(at),
            producer_location: if made { e.biz_location.clone() } else { None },
            quantity: if made { quantity } else { None },
            uom: if made { uom } else { None },
            expiry_date: if made { e.dates.expiry } else { None },
            best_before_date: if made { e.dates.best_before } else { None },
            first_event_id: event_id.to_owned(),
            first_seen: at,
            last_seen: at,
            events: 1,
        }
    }

    /// Adds what `later` (another event's account of the same lot) says.
    fn merge(&mut self, other: LotRow) {
        if other.first_seen < self.first_seen {
            self.first_seen = other.first_seen;
            self.first_event_id = other.first_event_id;
        }
        self.last_seen = self.last_seen.max(other.last_seen);
        self.events += other.events;
        if other.produced_at.is_some_and(|t| self.produced_at.is_none_or(|mine| t < mine)) {
            self.produced_at = other.produced_at;
            self.producer_location = other.producer_location;
        }
        match (self.quantity, other.quantity) {
            (Some(a), Some(b)) if self.uom == other.uom => self.quantity = Some(a + b),
            (None, Some(b)) => (self.quantity, self.uom) = (Some(b), other.uom),
            _ => {}
        }
        self.expiry_date = self.expiry_date.or(other.expiry_date);
        self.best_before_date = self.best_before_date.or(other.best_before_date);
    }

    fn to_api(&self, product: Option<&tdc_directory::model::Product>, producer: Option<&str>) -> Lot {
        Lot {
            gtin: self.gtin.clone(),
            lot: self.lot.clone(),
            epc_class: self.epc_class.clone(),
            product_id: product.map(|p| p.record.id.clone()),
            product_name: product.map(|p| p.name.clone()),
            produced_at: self.produced_at.map(|t| t.and_utc()),
            producer_location: self.producer_location.clone(),
            producer_tax_code: producer.map(str::to_owned),
            quantity: self.quantity,
            uom: self.uom.clone(),
            expiry_date: self.expiry_date,
            best_before_date: self.best_before_date,
            first_event_id: self.first_event_id.clone(),
            first_seen: self.first_seen.and_utc(),
            last_seen: self.last_seen.and_utc(),
            events: self.events,
        }
    }
}

/// Records what freshly captured events (`(eventID, indexed)`) say of the lots they name: each
/// lot's stored row merged with theirs, written back set-wise (a delete and a multi-row insert per
/// 500 lots).
pub(crate) fn note(conn: &mut AnyConnection, events: &[(&str, &Indexed)]) -> Result<(), ApiError> {
    let mut seen: HashMap<(String, String), LotRow> = HashMap::new();
    for (event_id, e) in events {
        let mut named: Vec<(&str, &str, &str)> = Vec::new();
        for n in &e.ids {
            if let (Some(gtin), Some(lot)) = (&n.gtin, &n.lot)
                && !named.iter().any(|(_, _, class)| *class == n.value)
            {
                named.push((gtin, lot, &n.value));
            }
        }
        for (gtin, lot, class) in named {
            let row = LotRow::of_event(event_id, e, gtin, lot, class);
            match seen.get_mut(&(gtin.to_owned(), lot.to_owned())) {
                Some(known) => known.merge(row),
                None => drop(seen.insert((gtin.to_owned(), lot.to_owned()), row)),
            }
        }
    }
    if seen.is_empty() {
        return Ok(());
    }
    let mut seen: Vec<((String, String), LotRow)> = seen.into_iter().collect();
    seen.sort_by(|a, b| a.0.cmp(&b.0));
    lock(conn, seen.iter().map(|(k, _)| k))?;
    let mut stored = stored(conn, &seen)?;
    let mut rows = Vec::with_capacity(seen.len());
    for (key, row) in seen {
        match stored.remove(&key) {
            Some(mut known) => {
                known.merge(row);
                rows.push(known);
            }
            None => rows.push(row),
        }
    }
    for chunk in rows.chunks(tdc_kernel::db::INSERT_CHUNK) {
        let classes: Vec<&str> = chunk.iter().map(|r| r.epc_class.as_str()).collect();
        diesel::delete(lots::table.filter(lots::epc_class.eq_any(classes))).execute(conn)?;
    }
    tdc_kernel::db::unique(
        tdc_kernel::insert_many!(conn, lots::table, &rows),
        "/epcisBody/eventList",
        "a lot this document names was first recorded by another capture at the same moment; send the document again",
    )?;
    Ok(())
}

/// Counts the lots again from the events that name them and are not declared in error: after an
/// error declaration replaced the events `event_ids`, the lots they named before (`epcis_event_ids`)
/// and now (`classes`) are what their other events say.
pub(crate) fn recount(conn: &mut AnyConnection, event_ids: &[&str], mut classes: Vec<String>) -> Result<(), ApiError> {
    let before: Vec<String> = ids::table
        .filter(ids::event_id.eq_any(event_ids))
        .filter(ids::lot.is_not_null())
        .select(ids::value)
        .load(conn)?;
    classes.extend(before);
    classes.sort();
    classes.dedup();
    for class in classes {
        let (Some(gtin), Some(number)) = gtin_and_lot(&class) else { continue };
        let naming = ids::table.filter(ids::value.eq(&class)).select(ids::event_id);
        let stored: Vec<(String, String)> = events::table
            .filter(events::event_id.eq_any(naming))
            .filter(events::declared.eq(false))
            .select((events::event_id, events::body))
            .load(conn)?;
        let mut counted: Option<LotRow> = None;
        for (event_id, body) in stored {
            let Some(e) = serde_json::from_str::<Json>(&body).ok().and_then(|j| crate::epcis::index::of(&j)) else {
                continue;
            };
            let row = LotRow::of_event(&event_id, &e, &gtin, &number, &class);
            match counted.as_mut() {
                Some(known) => known.merge(row),
                None => counted = Some(row),
            }
        }
        diesel::delete(lots::table.filter(lots::epc_class.eq(&class))).execute(conn)?;
        if let Some(row) = counted {
            diesel::insert_into(lots::table).values(&row).execute(conn)?;
        }
    }
    Ok(())
}

/// On PostgreSQL, waits for the lots `keys` (in their order, sorted by the caller) that concurrent
/// captures are recording, and holds them until the transaction ends: two captures naming the same
/// lots then record them one after the other, never in a deadlock, and a lot new to both is
/// inserted by the first and updated by the second. (SQLite's writers are one at a time already.)
fn lock<'a>(conn: &mut AnyConnection, keys: impl Iterator<Item = &'a (String, String)>) -> Result<(), ApiError> {
    if conn.backend() != tdc_kernel::db::Backend::Postgres {
        return Ok(());
    }
    let numbers: Vec<String> = keys
        .map(|(gtin, lot)| {
            let digest = sha2::Sha256::digest(format!("trace_lots\0{gtin}\0{lot}"));
            i64::from_be_bytes(digest[..8].try_into().unwrap_or_default()).to_string()
        })
        .collect();
    for chunk in numbers.chunks(tdc_kernel::db::INSERT_CHUNK) {
        let sql = format!("SELECT pg_advisory_xact_lock(k) FROM unnest(ARRAY[{}]::bigint[]) AS t(k)", chunk.join(","));
        diesel::sql_query(sql).execute(conn)?;
    }
    Ok(())
}

/// The stored lots among `wanted`, by key (a query per 500).
fn stored(
    conn: &mut AnyConnection,
    wanted: &[((String, String), LotRow)],
) -> Result<HashMap<(String, String), LotRow>, ApiError> {
    let mut found = HashMap::new();
    for chunk in wanted.chunks(tdc_kernel::db::INSERT_CHUNK) {
        let classes: Vec<&str> = chunk.iter().map(|(_, r)| r.epc_class.as_str()).collect();
        let query = lots::table.filter(lots::epc_class.eq_any(classes));
        for row in query.select(LotRow::as_select()).load::<LotRow>(conn)? {
            found.insert((row.gtin.clone(), row.lot.clone()), row);
        }
    }
    Ok(found)
}

/// The lots as the API shows them: each joined to the product with its GTIN (when `reader` may
/// see it) and to the business registered at the place it was made.
fn to_api(conn: &mut AnyConnection, reader: &Reader, rows: &[LotRow]) -> Result<Vec<Lot>, ApiError> {
    let mut products = HashMap::new();
    for row in rows {
        if !products.contains_key(&row.gtin) {
            products.insert(row.gtin.clone(), tdc_directory::api::product_by_gtin(conn, reader, &row.gtin)?);
        }
    }
    let glns: Vec<&str> =
        rows.iter().filter_map(|r| r.producer_location.as_deref().and_then(locations::gln_in)).collect();
    let producers: HashMap<String, String> =
        locations::by_glns(conn, &glns)?.into_iter().map(|l| (l.gln, l.tax_code)).collect();
    Ok(rows
        .iter()
        .map(|r| {
            let producer = r.producer_location.as_deref().and_then(locations::gln_in).and_then(|g| producers.get(g));
            r.to_api(products[&r.gtin].as_ref(), producer.map(String::as_str))
        })
        .collect())
}

/// One lot (`gtin` as 14 digits), if an event names it.
pub fn find(conn: &mut AnyConnection, reader: &Reader, gtin: &str, lot: &str) -> Result<Option<Lot>, ApiError> {
    let query = lots::table.filter(lots::gtin.eq(gtin)).filter(lots::lot.eq(lot));
    let row: Option<LotRow> = query.select(LotRow::as_select()).first(conn).optional()?;
    let Some(row) = row else { return Ok(None) };
    Ok(to_api(conn, reader, &[row])?.pop())
}

/// One lot (`gtin` as 14 digits); 404 when no event names it.
pub fn get(conn: &mut AnyConnection, reader: &Reader, gtin: &str, lot: &str) -> Result<Lot, ApiError> {
    find(conn, reader, gtin, lot)?.ok_or_else(|| ApiError::NotFound(format!("no event names lot {lot} of GTIN {gtin}")))
}

/// A page of a GTIN's lots by lot number; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    gtin: &str,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Lot>, ApiError> {
    let mut query =
        lots::table.filter(lots::gtin.eq(gtin)).select(LotRow::as_select()).order(lots::lot.asc()).into_boxed();
    if let Some(after) = after {
        query = query.filter(lots::lot.gt(after));
    }
    let rows: Vec<LotRow> = query.limit(limit + 1).load(conn)?;
    to_api(conn, reader, &rows)
}
