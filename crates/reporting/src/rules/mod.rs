//! The reporting domain's pure rules: state tables and statutory periods.

pub mod coordination_lifecycle;
