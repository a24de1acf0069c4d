//! The registry's problem codes: what each means and how to fix it (`/problems/{code}`).

use tdc_kernel::problem_types::ProblemType;

const fn p(code: &'static str, status: u16, meaning: &'static str, fix: &'static str) -> ProblemType {
    let title = if status == 403 { "Not allowed" } else { "Conflict" };
    ProblemType { code, status, title, meaning, fix }
}

/// Every code the conformity registry answers beside the kernel's.
pub const ALL: &[ProblemType] = &[
    p(
        "accreditation_expired",
        409,
        "The body's accreditation ends before the certificate's validity would.",
        "Record the renewed accreditation first, or shorten the certificate's validity.",
    ),
    p(
        "accreditation_not_active",
        409,
        "The body's accreditation is suspended or withdrawn.",
        "Record the accreditation body's decision that restores it first.",
    ),
    p(
        "activity_has_certificates",
        409,
        "An activity with an active certificate cannot be dropped from the body.",
        "Revoke or let the certificate expire first.",
    ),
    p(
        "use_transitions",
        409,
        "A certificate's status changes only through its actions (suspend, restore, revoke…), not by editing it.",
        "Use `…/certificates/{id}/transitions`.",
    ),
    p(
        "not_in_field",
        403,
        "The designation names a field the body is not registered for.",
        "Designate it only for the fields of its registration certificate.",
    ),
    p(
        "not_registered_for_certification",
        409,
        "Only a body registered for certification can be designated for a QCĐP.",
        "Register the certification activity first.",
    ),
];
