//! The reporting domain's pure rules: state tables and statutory periods.

pub mod coordination_lifecycle;
pub mod periods;
pub mod submission_lifecycle;
