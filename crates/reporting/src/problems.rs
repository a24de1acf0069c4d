//! The reporting domain's problem codes: what each means and how to fix it (`/problems/{code}`).

use tdc_kernel::problem_types::ProblemType;

const fn p(code: &'static str, status: u16, meaning: &'static str, fix: &'static str) -> ProblemType {
    let title = if status == 403 { "Not allowed" } else { "Conflict" };
    ProblemType { code, status, title, meaning, fix }
}

/// Every code the reporting domain answers beside the kernel's.
pub const ALL: &[ProblemType] = &[
    p(
        "not_addressee",
        403,
        "The caller's agency was not asked by this coordination request.",
        "Reply from the client of an agency the request names.",
    ),
    p(
        "already_replied",
        409,
        "The agency replied to this request already; a reply is given once.",
        "Read the reply; escalate the request if it needs more.",
    ),
    p(
        "request_closed",
        409,
        "The coordination request is closed or withdrawn: it takes no reply.",
        "Nothing to do; send a new request if needed.",
    ),
    p(
        "deadline_passed",
        409,
        "An in-depth check is recorded before the period to reply ends.",
        "Reply instead; the lead agency sees the reply is late.",
    ),
    p(
        "not_overdue",
        409,
        "The lead agency proceeds without a reply only once an agency's period has passed in silence.",
        "Wait for the replies or the deadline.",
    ),
    p(
        "replies_awaited",
        409,
        "The request is closed once every agency asked has replied, or after proceeding.",
        "Wait for the replies, or `proceed` once a period passed.",
    ),
    p("not_editable", 409, "A submitted or accepted report is not changed.", "Ask DOST to return it, then edit it."),
    p(
        "values_missing",
        409,
        "Every indicator needs a value before the report is submitted, unless a document is attached.",
        "Fill in the indicators the detail names, or attach the report as a document.",
    ),
    p(
        "followed_elsewhere",
        409,
        "Internal: two instances followed the change feed for the national database at once; one round lost and is repeated. Never answered to a client.",
        "Nothing to do.",
    ),
    p(
        "read_elsewhere",
        409,
        "Internal: two instances read the national side's feed at once; one round lost and is repeated. Never answered to a client.",
        "Nothing to do.",
    ),
];
