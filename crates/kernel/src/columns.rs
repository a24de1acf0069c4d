//! JSON text columns: a value written as JSON text, and read back loudly. The hub writes only what
//! its types read, so text that does not parse means the database was changed behind its back.

/// A JSON text column's value (a value that does not serialize is written `null`).
pub fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// A JSON text column read back. Text that does not parse panics (a 500 whose log names the
/// type), as [`names::stored`](crate::names::stored) does, rather than let the value pass as some
/// default.
pub fn parsed<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("the database holds {} text that does not parse: {e}", std::any::type_name::<T>()))
}
