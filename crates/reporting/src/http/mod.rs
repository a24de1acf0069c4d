//! The reporting domain's handlers.

pub mod coordination;
