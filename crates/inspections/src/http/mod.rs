//! The inspections domain's handlers.

pub mod overlaps;
pub mod plans;
