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

/// Parses a stored JSON column, or its default.
pub(crate) fn from_json<T: serde::de::DeserializeOwned + Default>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_default()
}

/// A value as a stored JSON column.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

pub(crate) use tdc_kernel::names::name_of;
