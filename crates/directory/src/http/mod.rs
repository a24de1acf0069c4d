//! The directory's HTTP handlers, one file per resource.

pub mod agencies;
pub mod businesses;
pub mod categories;
pub mod clients;
pub mod products;
pub mod token;
pub mod units;
