//! The regulations domain's rules: plain functions and tables, unit-tested.

mod consultation;
mod lifecycle;
#[cfg(test)]
mod props;
mod regulation_code;
mod standards;

pub use consultation::ConsultationRules;
pub use lifecycle::{LIFECYCLE, PROGRAM_LIFECYCLE, is_published};
pub use regulation_code::{RegulationCode, http_url, parse_code, regulation_code};
pub use standards::{Designation, designation, ics_codes, is_national_regulation, parse_designation};
