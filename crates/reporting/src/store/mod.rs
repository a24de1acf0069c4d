//! The reporting domain's tables, read and written.

pub mod overdue;
pub mod replies;
pub mod requests;
