//! The reporting domain's tables, read and written.

pub mod aggregate;
pub mod kpi_index;
pub mod kpi_schemes;
pub mod overdue;
pub mod replies;
pub mod report_requests;
pub mod requests;
pub mod statistics;
pub mod submissions;
pub mod templates;
pub mod training;
