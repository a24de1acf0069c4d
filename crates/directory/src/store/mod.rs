//! Diesel queries of the directory: `fn(&mut AnyConnection, …) -> Result<…, ApiError>`.
//! The command line and the HTTP handlers both go through these.

pub mod agencies;
pub mod businesses;
pub mod categories;
pub mod clients;
pub mod products;
pub mod units;

/// When an upsert by natural key may replace an existing record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Only if this is the current version (`PUT` with `If-Match`).
    IfVersion(i32),
    /// Only if nothing would change (`PUT` without `If-Match`: a safe resend); else 428.
    IfIdentical,
    /// Always, when the caller leads it (a batch load from the agency's own system).
    Always,
}
