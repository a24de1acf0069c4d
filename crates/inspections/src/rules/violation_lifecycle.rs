//! The lifecycle of a violation: recorded (and maybe transferred to the competent agency),
//! sanctioned, final, closed once paid and remedied. Its lead agency moves it.

use tdc_kernel::lifecycle::{Machine, Move, Who};

const MOVES: &[Move] = &[
    Move { action: "sanction", from: &["recorded"], to: Some("sanctioned"), who: Who::Lead },
    Move { action: "become_final", from: &["sanctioned"], to: Some("final"), who: Who::Lead },
    Move { action: "record_payment", from: &["sanctioned", "final"], to: None, who: Who::Lead },
    Move { action: "complete_measure", from: &["sanctioned", "final"], to: None, who: Who::Lead },
    Move { action: "close", from: &["final"], to: Some("closed"), who: Who::Lead },
    Move { action: "transfer", from: &["recorded"], to: None, who: Who::Lead },
];

/// The violation state machine.
pub const VIOLATION_LIFECYCLE: Machine = Machine { noun: "violation", moves: MOVES };
