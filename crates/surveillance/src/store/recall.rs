//! A warning's recall scope: its lots traced forward through the captured events (the
//! traceability domain's door), the holders grouped by the agency responsible.

use std::collections::BTreeMap;

use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::columns::parsed;
use tdc_kernel::db::AnyConnection;

use super::{reactions, warnings};
use crate::model::{AgencyScope, LotScope, RecallScope};

/// The recall scope of warning `id` as `reader` may see it: 409 `nothing_to_trace` when the
/// warning names no GTIN and lot.
pub fn scope(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<RecallScope, ApiError> {
    let warning = warnings::load(conn, reader, id)?;
    let lots: Vec<String> = parsed(&warning.lots);
    let Some(gtin) = warning.gtin.clone().filter(|_| !lots.is_empty()) else {
        let detail = format!("warning {id} names no GTIN and lot: there is nothing to trace");
        return Err(ApiError::conflict("nothing_to_trace", detail));
    };
    let mut scoped = Vec::new();
    for lot in lots {
        let reach = tdc_traceability::api::lot_reach(conn, reader, &gtin, &lot, "/product/gtin")?;
        scoped.push(LotScope { lot, holders: reach.holders, truncated: reach.truncated });
    }
    let reacted = reactions::agencies_reacted(conn, id)?;
    let mut by_agency: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for holder in scoped.iter().flat_map(|l| &l.holders) {
        if let Some(agency) = &holder.responsible_agency {
            let places = by_agency.entry(agency.clone()).or_default();
            if !places.contains(&holder.location) {
                places.push(holder.location.clone());
            }
        }
    }
    let agencies = by_agency
        .into_iter()
        .map(|(agency, locations)| AgencyScope {
            reacted: reacted.contains(&agency),
            holders: locations.len() as u32,
            locations,
            agency,
        })
        .collect();
    Ok(RecallScope { warning_id: warning.id, gtin, lots: scoped, agencies })
}
