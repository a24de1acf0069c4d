//! The surveillance domain's handlers.

pub mod feed;
pub mod reactions;
pub mod warnings;
