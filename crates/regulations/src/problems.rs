//! The regulations domain's problem codes: what each means and how to fix it (`/problems/{code}`).

use tdc_kernel::problem_types::ProblemType;

const fn p(code: &'static str, status: u16, meaning: &'static str, fix: &'static str) -> ProblemType {
    let title = if status == 429 { "Too many requests" } else { "Conflict" };
    ProblemType { code, status, title, meaning, fix }
}

/// Every code the regulations domain answers beside the kernel's.
pub const ALL: &[ProblemType] = &[
    p(
        "consultation_not_open",
        409,
        "The draft QCĐP takes no public comments now: its consultation window is not open.",
        "Comment while the draft is in consultation (its `consultation` dates).",
    ),
    p(
        "too_many_comments",
        429,
        "This address filed as many comments on this draft today as the hub takes without a token.",
        "Come back tomorrow, or send the comment through an agency.",
    ),
    p(
        "already_answered",
        409,
        "The lead agency has answered this comment already.",
        "Read its answer; a comment is answered once.",
    ),
    p(
        "unanswered_comments",
        409,
        "Consultation comments still wait for the lead agency's answer; the draft cannot move on until each is answered.",
        "Answer every comment (`…/comments/{id}/answer`), then take the action again.",
    ),
    p(
        "not_yet_effective",
        409,
        "The regulation does not take effect before its effective date.",
        "Take the action on or after the date the detail names.",
    ),
    p(
        "review_required",
        409,
        "A regulation in force is amended, corrected or repealed only after DOST's review concludes so, once per review.",
        "Record the review (`review`) with the conclusion first.",
    ),
    p(
        "program_closed",
        409,
        "The program is closed: its tasks and targets no longer change.",
        "Record the work in a program that is open.",
    ),
    p(
        "program_not_approved",
        409,
        "Actual values are reported only against an approved program's targets.",
        "Approve the program first.",
    ),
];
