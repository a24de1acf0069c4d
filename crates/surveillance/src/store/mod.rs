//! The surveillance domain's tables, read and written.

pub mod figures;
pub mod reactions;
pub mod recall;
pub mod warnings;
