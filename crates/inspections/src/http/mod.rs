//! The inspections domain's handlers.

pub mod disclosures;
pub mod export;
pub mod import_lots;
pub mod inspections;
pub mod overlaps;
pub mod plans;
pub mod provisions;
pub mod risk;
pub mod violations;
