//! The inspections domain's problem codes: what each means and how to fix it (`/problems/{code}`).

use tdc_kernel::problem_types::ProblemType;

const fn p(code: &'static str, meaning: &'static str, fix: &'static str) -> ProblemType {
    ProblemType { code, status: 409, title: "Conflict", meaning, fix }
}

/// Every code the inspections domain answers beside the kernel's.
pub const ALL: &[ProblemType] = &[
    p(
        "unresolved_overlap",
        "The plan overlaps another agency's plan or recent inspection, and the inspectorate has not resolved the case yet.",
        "Wait for the inspectorate's resolution of the overlap cases the plan lists.",
    ),
    p("overlap_resolved", "The overlap case is resolved already.", "Read its resolution."),
    p("item_gone", "The plan item the case concerns is no longer in its plan.", "Read the plan again."),
    p(
        "item_in_open_overlap",
        "The item is in an overlap case the inspectorate has not resolved.",
        "Wait for the resolution, or ask the inspectorate.",
    ),
    p(
        "plan_not_editable",
        "The plan's items change only while it is drafted or returned.",
        "Amend the approved plan with `amend`, or ask for it to be returned.",
    ),
    p(
        "not_tested",
        "A sample of the lot is pending or non-conforming: the lot does not pass.",
        "Record every sample's conforming result, or fail the lot.",
    ),
    p(
        "not_settled",
        "The sanction is not settled yet (paid, or its measures done).",
        "Record the payment and the measures first.",
    ),
    p("not_final", "Only a final sanction is disclosed to the public.", "Record the day it became final first."),
    p("already_withdrawn", "The disclosure was withdrawn already.", "Nothing to do."),
];
