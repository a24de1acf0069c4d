//! The inspections domain's tables, read and written.

pub mod items;
pub mod overlaps;
pub mod plans;
