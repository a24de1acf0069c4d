//! The directory's problem codes: what each means and how to fix it (`/problems/{code}`).

use tdc_kernel::problem_types::ProblemType;

/// Every code the directory answers beside the kernel's.
pub const ALL: &[ProblemType] = &[ProblemType {
    code: "self_disable",
    status: 409,
    title: "Conflict",
    meaning: "A client cannot disable itself: the hub would be left without the client making the change.",
    fix: "Disable it from another administrator client.",
}];
