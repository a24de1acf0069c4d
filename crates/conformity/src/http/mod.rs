//! HTTP handlers of the conformity registry, one file per resource.

pub mod bodies;
pub mod certificates;
pub mod declarations;
pub mod designations;
pub mod export;
pub mod notifications;
