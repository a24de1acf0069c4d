//! The lifecycle of an inspection (seed 000 Art. 13, seed 001 Art. 11): decided, under way (its
//! samples and findings recorded as they come), concluded — or cancelled before that. The lead
//! agency moves it.

use tdc_kernel::lifecycle::{Machine, Move, Who};

/// The states of an open inspection: restricted to its lead and member agencies.
pub const OPEN: &[&str] = &["decided", "in_progress"];

const MOVES: &[Move] = &[
    Move { action: "start", from: &["decided"], to: Some("in_progress"), who: Who::Lead },
    Move { action: "record_findings", from: &["in_progress"], to: None, who: Who::Lead },
    Move { action: "conclude", from: &["in_progress"], to: Some("concluded"), who: Who::Lead },
    Move { action: "cancel", from: OPEN, to: Some("cancelled"), who: Who::Lead },
];

/// The inspection state machine.
pub const INSPECTION_LIFECYCLE: Machine = Machine { noun: "inspection", moves: MOVES };
