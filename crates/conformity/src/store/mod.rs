//! Diesel queries of the conformity registry.

pub mod bodies;
pub mod certificates;
pub mod declarations;
pub mod designations;
pub mod notifications;

use tdc_kernel::ApiError;
use tdc_kernel::db::AnyConnection;

/// A standard's designation as the catalogue writes it, or `None` when it is not in the catalogue.
pub(crate) fn catalogue_designation(conn: &mut AnyConnection, designation: &str) -> Result<Option<String>, ApiError> {
    match tdc_regulations::api::standard_by_designation(conn, designation) {
        Ok(s) => Ok(Some(s.designation)),
        Err(ApiError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The QCĐP `reference` (id or code) names, if it is issued and not ended: 422 at
/// `/technical_regulation` otherwise (`unknown_regulation`, `regulation_not_in_force`).
pub(crate) fn regulation_in_force(
    conn: &mut AnyConnection,
    reference: &str,
) -> Result<tdc_regulations::model::TechnicalRegulation, ApiError> {
    use tdc_regulations::model::RegulationState::{InEffect, Issued, Registered};
    let reader = tdc_kernel::access::Reader::Public;
    match tdc_regulations::api::regulation_by_reference(conn, &reader, reference) {
        Ok(r) if matches!(r.state, Issued | Registered | InEffect) => Ok(r),
        Ok(r) => Err(ApiError::invalid_field(
            "/technical_regulation",
            "regulation_not_in_force",
            format!("{reference} is {}; only an issued regulation in force can be cited", name_of(r.state)),
        )),
        Err(ApiError::NotFound(_)) => Err(ApiError::invalid_field(
            "/technical_regulation",
            "unknown_regulation",
            format!("no issued technical regulation {reference}"),
        )),
        Err(e) => Err(e),
    }
}

/// Parses a stored JSON column, or its default.
pub(crate) fn from_json<T: serde::de::DeserializeOwned + Default>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_default()
}

/// A value as a stored JSON column.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

pub(crate) use tdc_kernel::names::name_of;
