//! The inspections domain's tables, read and written.

pub mod disclosures;
pub mod import_lots;
mod inspection_checks;
pub mod inspections;
pub mod items;
pub mod overlaps;
pub mod plans;
pub mod provisions;
pub mod risk;
pub mod violation_moves;
pub mod violations;

/// A JSON text column's value (a value that does not serialize is written `null`).
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// A JSON text column read back. The hub writes only what its types read, so text that does not
/// parse means the database was changed behind its back: this panics (a 500 whose log names the
/// type), as `names::stored` does, rather than let the value pass as some default.
fn parsed<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("the database holds {} text that does not parse: {e}", std::any::type_name::<T>()))
}
