//! The registry's rules: state tables and entry checks, plain functions, unit-tested.

mod checks;
mod lifecycles;

pub use checks::{accreditation_fits, fields, flags, province_code};
pub use lifecycles::{CERTIFICATE_LIFECYCLE, DECLARATION_LIFECYCLE, DESIGNATION_LIFECYCLE};
