//! The reporting domain's handlers.

pub mod coordination;
pub mod reports;
pub mod submissions;
