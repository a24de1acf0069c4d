//! The reporting domain's door: what the gateway calls besides `domain()` — the connector to the
//! national TĐC database, configured by the operator and run on the gateway's actix system.

pub use crate::national::{DEFAULT_EVENTS as NATIONAL_EVENTS, NationalSettings, spawn as spawn_national};
