//! The reporting domain's handlers.

pub mod coordination;
pub mod kpi;
pub mod national;
pub mod reports;
pub mod statistics;
pub mod submissions;
pub mod training;
