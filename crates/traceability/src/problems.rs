//! The traceability domain's problem codes: what each means and how to fix it (`/problems/{code}`).

use tdc_kernel::problem_types::ProblemType;

/// Every code the traceability domain answers beside the kernel's (EPCIS problems are the
/// standard's `epcisException:…` types).
pub const ALL: &[ProblemType] = &[ProblemType {
    code: "not_owner",
    status: 403,
    title: "Not allowed",
    meaning: "Only the agency that recorded this named query (or location) may change it.",
    fix: "Record your own, or ask the agency that owns it.",
}];
