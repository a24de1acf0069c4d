//! The GS1 EPCIS 2.0 REST binding under `/epcis/v2` (capture, capture jobs, events), and the hub's
//! own traceability under `/api/v1/traceability` (traces, lots, locations).

pub mod capture;
pub mod deployments;
pub mod events;
pub mod locations;
pub mod portal;
mod problem;
pub mod queries;
pub mod resolver;
pub mod resources;
pub mod trace;

pub use problem::EpcisError;

use actix_web::HttpRequest;
use actix_web::HttpResponseBuilder;

/// The EPCIS and CBV versions the hub speaks.
pub const EPCIS_VERSION: &str = "2.0.0";

pub(crate) const TAG: &str = "EPCIS 2.0";

/// Adds the `GS1-EPCIS-Version` and `GS1-CBV-Version` headers every EPCIS answer carries.
pub fn versions(res: &mut HttpResponseBuilder) {
    res.insert_header(("GS1-EPCIS-Version", EPCIS_VERSION)).insert_header(("GS1-CBV-Version", EPCIS_VERSION));
}

/// Refuses (406 `NotAcceptableException`) a client that asks for an EPCIS or CBV version other
/// than 2.0 (`GS1-EPCIS-Version`, `GS1-CBV-Version`).
fn check_versions(req: &HttpRequest) -> Result<(), EpcisError> {
    for name in ["GS1-EPCIS-Version", "GS1-CBV-Version"] {
        if let Some(v) = req.headers().get(name).and_then(|v| v.to_str().ok())
            && !(v == "2.0" || v.starts_with("2.0."))
        {
            return Err(EpcisError::not_acceptable(format!(
                "the hub speaks EPCIS and CBV 2.0; `{name}: {v}` is not served"
            )));
        }
    }
    Ok(())
}
