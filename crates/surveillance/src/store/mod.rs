//! The surveillance domain's tables, read and written.

pub mod figures;
pub mod instruments;
pub mod reactions;
pub mod recall;
pub mod samples;
pub mod surveys;
pub mod warnings;
