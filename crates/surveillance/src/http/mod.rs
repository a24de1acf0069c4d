//! The surveillance domain's handlers.

pub mod complaints;
pub mod export;
pub mod feed;
pub mod instruments;
pub mod metrology;
pub mod public_complaints;
pub mod reactions;
pub mod routes;
pub mod samples;
pub mod surveys;
pub mod warnings;
