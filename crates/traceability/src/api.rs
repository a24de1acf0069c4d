//! The traceability domain's door for the gateway and other domains: the portal worker and its
//! settings, and where a lot went (a recall's scope). Its `store` and `http` modules are private.

use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::db::AnyConnection;

pub use crate::model::{HeldQuantity, Holder, TraceLocation};
pub use crate::portal::{PortalSettings, worker as portal_worker};

/// Where a lot went: the holders the captured events lead to.
#[derive(Debug, Clone)]
pub struct LotReach {
    /// The holders, in the order the goods reached them (see [`Holder`]).
    pub holders: Vec<Holder>,
    /// `true` when the trail was cut (too many hops or events): the scope may be larger.
    pub truncated: bool,
}

/// Traces lot `lot` of GTIN `gtin` (any of its lengths; 400 `gtin_format`/`gtin_checksum` at
/// `at`) forward through the captured events — transformations, containers, shipments — to every
/// holder, as `reader` may see them.
pub fn lot_reach(
    conn: &mut AnyConnection,
    reader: &Reader,
    gtin: &str,
    lot: &str,
    at: &str,
) -> Result<LotReach, ApiError> {
    let start = crate::store::trace::Start::lot(&crate::epcis::keys::gtin(gtin, at)?, lot);
    let trace = crate::store::trace::trace(conn, reader, &start, crate::model::TraceDirection::Forward, 10)?;
    Ok(LotReach { holders: trace.holders, truncated: trace.truncated })
}
