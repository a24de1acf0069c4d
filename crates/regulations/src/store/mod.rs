//! Diesel queries of the regulations domain.

pub mod programs;
pub mod regulations;
pub mod standards;
