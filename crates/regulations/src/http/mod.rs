//! HTTP handlers of the regulations domain, one file per resource.

pub mod program_items;
pub mod programs;
pub mod regulation_comments;
pub mod regulations;
pub mod standards;
