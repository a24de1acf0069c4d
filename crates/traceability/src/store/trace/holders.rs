//! The holders on a trail: every business location its events took place at and every place a
//! shipment was sent to, with the quantities of the traced lots there, joined to the registered
//! location, its business and the agency responsible.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDateTime;
use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::db::AnyConnection;

use super::walk::Taken;
use crate::epcis::amounts::quantities;
use crate::epcis::index::identifier;
use crate::epcis::json::{Json, items};
use crate::model::{HeldQuantity, Holder};
use crate::store::locations::{self, gln_in};

/// Instance-level roles: the identifiers that are one thing each (an item, a container).
const INSTANCE_ROLES: [&str; 5] = ["epc", "parent", "child", "input", "output"];

/// The CBV's "location" source/destination type in its four spellings.
fn is_location_type(kind: &str) -> bool {
    matches!(
        kind,
        "location" | "cbv:SDT-location" | "https://ref.gs1.org/cbv/SDT-location" | "urn:epcglobal:cbv:sdt:location"
    )
}

#[derive(Default)]
struct Tally {
    first: Option<NaiveDateTime>,
    last: Option<NaiveDateTime>,
    events: u32,
    steps: BTreeSet<String>,
    quantities: Vec<HeldQuantity>,
    epcs: HashSet<String>,
    captured_by: BTreeSet<String>,
}

impl Tally {
    fn saw(&mut self, at: NaiveDateTime) {
        self.first = Some(self.first.map_or(at, |f| f.min(at)));
        self.last = Some(self.last.map_or(at, |l| l.max(at)));
    }

    fn add(&mut self, epc_class: &str, biz_step: Option<&String>, quantity: f64, uom: Option<&String>) {
        let same = |q: &&mut HeldQuantity| {
            q.epc_class == epc_class && q.biz_step.as_ref() == biz_step && q.uom.as_ref() == uom
        };
        match self.quantities.iter_mut().find(|q| same(q)) {
            Some(q) => q.quantity += quantity,
            None => self.quantities.push(HeldQuantity {
                epc_class: epc_class.to_owned(),
                biz_step: biz_step.cloned(),
                quantity,
                uom: uom.cloned(),
            }),
        }
    }
}

/// Tallies the trail's events (oldest first) by place: where they happened, and where shipments
/// were sent.
fn tally(trail: &[&Taken], traced: &HashSet<&str>) -> (Vec<String>, HashMap<String, Tally>, HashSet<String>) {
    let (mut order, mut places): (Vec<String>, HashMap<String, Tally>) = (Vec::new(), HashMap::new());
    let mut sent_to = HashSet::new();
    for taken in trail {
        let line = &taken.line;
        let body: Json = serde_json::from_str(&line.body).unwrap_or(Json::Null);
        if let Some(place) = &line.biz_location {
            if !places.contains_key(place) {
                order.push(place.clone());
            }
            let t = places.entry(place.clone()).or_default();
            t.saw(line.event_time);
            t.events += 1;
            t.steps.extend(line.biz_step.clone());
            t.captured_by.insert(line.agency_code.clone());
            for q in quantities(&body).into_iter().filter(|q| traced.contains(q.class.as_str())) {
                t.add(&q.class, line.biz_step.as_ref(), q.quantity.unwrap_or(0.0), q.uom.as_ref());
            }
            let instances = taken
                .named
                .iter()
                .filter(|(role, v)| INSTANCE_ROLES.contains(&role.as_str()) && traced.contains(v.as_str()));
            t.epcs.extend(instances.map(|(_, v)| v.clone()));
        }
        for d in items(body.get("destinationList")) {
            let kind = d.get("type").and_then(Json::as_str).unwrap_or_default();
            let Some(to) = d.get("destination").and_then(Json::as_str).filter(|_| is_location_type(kind)) else {
                continue;
            };
            let to = identifier(to);
            if !places.contains_key(&to) {
                order.push(to.clone());
                sent_to.insert(to.clone());
                places.entry(to).or_default().saw(line.event_time);
            }
        }
    }
    sent_to.retain(|p| places[p].events == 0);
    (order, places, sent_to)
}

/// The holders of a trail whose events are `trail` (oldest first) and whose followed identifiers
/// are `traced`, as `reader` may see them.
pub fn holders(
    conn: &mut AnyConnection,
    reader: &Reader,
    trail: &[&Taken],
    traced: &HashSet<&str>,
) -> Result<Vec<Holder>, ApiError> {
    let (order, mut places, sent_to) = tally(trail, traced);
    let glns: Vec<&str> = order.iter().filter_map(|p| gln_in(p)).collect();
    let registered: HashMap<String, _> =
        locations::by_glns(conn, &glns)?.into_iter().map(|l| (l.gln.clone(), l)).collect();
    let tax_codes: Vec<String> = registered.values().map(|l| l.tax_code.clone()).collect();
    let businesses = tdc_directory::api::business_identities(conn, &tax_codes)?;
    let mut holders = Vec::new();
    for place in order {
        let t = places.remove(&place).unwrap_or_default();
        let gln = gln_in(&place).map(str::to_owned);
        let location = gln.as_ref().and_then(|g| registered.get(g));
        let business = location.and_then(|l| businesses.get(&l.tax_code));
        let at = t.first.unwrap_or_default().and_utc();
        holders.push(Holder {
            destination_only: sent_to.contains(&place),
            location: place,
            gln,
            business_name: business.filter(|(_, access)| reader.may_read(access)).map(|(name, _)| name.clone()),
            responsible_agency: business
                .map(|(_, a)| a.lead_agency.clone())
                .or_else(|| location.map(|l| l.lead_agency.clone())),
            registered: location.map(|l| l.to_api()),
            first_seen: at,
            last_seen: t.last.map_or(at, |l| l.and_utc()),
            events: t.events,
            biz_steps: t.steps.into_iter().collect(),
            quantities: t.quantities,
            epcs: t.epcs.len() as u32,
            captured_by: t.captured_by.into_iter().collect(),
        });
    }
    Ok(holders)
}
