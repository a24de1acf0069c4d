//! The gateway's own endpoints: operations and the service description.

pub mod ops;
pub mod problems;
pub mod service;
