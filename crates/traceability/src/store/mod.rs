//! The traceability domain's queries: capturing a document's events (and its job), reading them
//! back, the locations GLNs stand for, the lots the events describe, and traces.

pub mod captures;
pub mod deployment_statistics;
pub mod deployments;
pub mod events;
pub mod locations;
pub mod lots;
pub mod named;
pub mod page;
pub mod query;
pub mod resources;
pub mod trace;
mod window;
