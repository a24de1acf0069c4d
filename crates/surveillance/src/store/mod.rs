//! The surveillance domain's tables, read and written.

pub mod complaints;
pub mod figures;
pub mod fraud_reports;
pub mod identities;
pub mod instruments;
pub mod market_statistics;
pub mod prepackaged;
pub mod reactions;
pub mod recall;
pub mod routes;
pub mod samples;
pub mod surveys;
pub mod warnings;
