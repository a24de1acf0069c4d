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

pub(crate) use tdc_kernel::columns::{json, parsed};
