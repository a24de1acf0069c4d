//! Pure rules of the surveillance domain: the warning and survey lifecycles, which of a
//! warning's states the public sees, and where an instrument's verification stands.

pub mod complaint_lifecycle;
mod survey_lifecycle;
pub mod verification;
mod warning_lifecycle;

pub use survey_lifecycle::SURVEY_LIFECYCLE;
pub use warning_lifecycle::{PUBLIC_STATES, REACTABLE_STATES, WARNING_LIFECYCLE};
