//! The gateway's own endpoints: operations and the service description.

pub mod ops;
pub mod service;
