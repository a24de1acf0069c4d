//! The surveillance domain's problem codes: what each means and how to fix it (`/problems/{code}`).

use tdc_kernel::problem_types::ProblemType;

const fn p(code: &'static str, status: u16, meaning: &'static str, fix: &'static str) -> ProblemType {
    let title = match status {
        403 => "Not allowed",
        429 => "Too many requests",
        _ => "Conflict",
    };
    ProblemType { code, status, title, meaning, fix }
}

/// Every code the surveillance domain answers beside the kernel's.
pub const ALL: &[ProblemType] = &[
    p(
        "not_published",
        409,
        "Reactions are recorded to a published warning only.",
        "Wait until the warning is published.",
    ),
    p(
        "nothing_to_trace",
        409,
        "The warning names no GTIN and lot to trace.",
        "Record the product's GTIN and lots on the warning.",
    ),
    p(
        "not_sampling",
        409,
        "Samples are recorded while the survey is sampling.",
        "Start sampling (`start_sampling`) first.",
    ),
    p("result_recorded", 409, "The sample has its result already.", "Read it; a result is recorded once."),
    p(
        "not_handling_agency",
        403,
        "Only the complaint's handling agency reads the sealed identity.",
        "Ask the handling agency.",
    ),
    p(
        "too_many_complaints",
        429,
        "This address filed as many complaints today as the public form takes.",
        "Call the hotline, or come back tomorrow.",
    ),
];
