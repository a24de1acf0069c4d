//! Diesel queries of the regulations domain.

pub mod standards;
