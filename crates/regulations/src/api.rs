//! The regulations domain's door: what other domains call. Its `store` and `http` modules are
//! private.

use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::db::AnyConnection;

use crate::model::{ProgramTarget, Standard, TechnicalRegulation};

/// A catalogue entry (standard or QCVN) by its designation, however spaced or cased (404 when it
/// is not in the catalogue).
pub fn standard_by_designation(conn: &mut AnyConnection, designation: &str) -> Result<Standard, ApiError> {
    crate::store::standards::get_by_designation(conn, designation)
}

/// A technical regulation by id or by code, as `reader` may see it (404 otherwise).
pub fn regulation_by_reference(
    conn: &mut AnyConnection,
    reader: &Reader,
    reference: &str,
) -> Result<TechnicalRegulation, ApiError> {
    use crate::store::regulations as qcdp;
    match tdc_kernel::ids::parse_id(reference) {
        Some(id) => qcdp::get(conn, reader, &id),
        None => qcdp::get_by_code(conn, reader, reference),
    }
}

/// A program's target with its reported values and progress (404 when there is none); a
/// surveillance count (products surveyed a year) is read beside it.
pub fn program_target(conn: &mut AnyConnection, target_id: &str) -> Result<ProgramTarget, ApiError> {
    crate::store::programs::get_target(conn, target_id)
}
