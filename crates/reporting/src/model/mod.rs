//! The reporting domain's request and response types: coordination requests and their moves.

mod coordination;
mod coordination_moves;
mod kpi;
mod report;
mod statistics;
mod training;

pub use coordination::*;
pub use coordination_moves::*;
pub use kpi::*;
pub use report::*;
pub use statistics::*;
pub use training::*;
