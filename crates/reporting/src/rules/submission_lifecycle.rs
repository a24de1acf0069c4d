//! A report submission's lifecycle: the agency submits its draft; DOST returns it for correction
//! (the agency submits again) or accepts it.

use tdc_kernel::lifecycle::{Machine, Move, Who};

const MOVES: &[Move] = &[
    Move { action: "submit", from: &["draft", "returned"], to: Some("submitted"), who: Who::Lead },
    Move { action: "return", from: &["submitted"], to: Some("returned"), who: Who::Dost },
    Move { action: "accept", from: &["submitted"], to: Some("accepted"), who: Who::Dost },
];

/// The submission state machine.
pub const SUBMISSION_LIFECYCLE: Machine = Machine { noun: "report submission", moves: MOVES };
