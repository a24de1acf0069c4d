//! The traceability domain's queries: capturing a document's events (and its job), reading them back.

pub mod captures;
pub mod events;
pub mod query;
