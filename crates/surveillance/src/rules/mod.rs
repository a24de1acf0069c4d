//! Pure rules of the surveillance domain: the warning lifecycle and which of its states the public
//! sees.

mod warning_lifecycle;

pub use warning_lifecycle::{PUBLIC_STATES, REACTABLE_STATES, WARNING_LIFECYCLE};
