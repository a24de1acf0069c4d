//! The edge of every request: request id, problem+json for every refusal, logs and metrics.

pub mod edge;
pub mod limit;
pub mod metrics;
