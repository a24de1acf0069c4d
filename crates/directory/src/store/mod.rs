//! Diesel queries of the directory: `fn(&mut AnyConnection, …) -> Result<…, ApiError>`.
//! The command line and the HTTP handlers both go through these.

pub mod agencies;
pub mod businesses;
pub mod categories;
pub mod clients;
pub mod products;
pub mod units;

pub use tdc_kernel::versions::Replace;
