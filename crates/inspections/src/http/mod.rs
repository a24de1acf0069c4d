//! The inspections domain's handlers.

pub mod inspections;
pub mod overlaps;
pub mod plans;
pub mod provisions;
pub mod violations;
