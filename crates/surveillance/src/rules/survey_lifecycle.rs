//! A quality survey's lifecycle: planned, sampling, completed, or cancelled. Its agency (the lead)
//! moves it; DOST may cancel it too.

use tdc_kernel::lifecycle::{Machine, Move, Who};

const MOVES: &[Move] = &[
    Move { action: "start_sampling", from: &["planned"], to: Some("sampling"), who: Who::Lead },
    Move { action: "complete", from: &["sampling"], to: Some("completed"), who: Who::Lead },
    Move { action: "cancel", from: &["planned", "sampling"], to: Some("cancelled"), who: Who::LeadOrDost },
];

/// The survey state machine.
pub const SURVEY_LIFECYCLE: Machine = Machine { noun: "quality survey", moves: MOVES };
