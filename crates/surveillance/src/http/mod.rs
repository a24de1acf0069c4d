//! The surveillance domain's handlers.

pub mod feed;
pub mod instruments;
pub mod reactions;
pub mod samples;
pub mod surveys;
pub mod warnings;
