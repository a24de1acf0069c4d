//! The regulations domain's HTTP handlers, one file per resource.

pub mod standards;
