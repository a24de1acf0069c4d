//! The lifecycle of an imported lot's inspection: registered, tested, passed or failed. The
//! inspecting agency (the lot's lead) moves it.

use tdc_kernel::lifecycle::{Machine, Move, Who};

const MOVES: &[Move] = &[
    Move { action: "record_results", from: &["registered", "testing"], to: Some("testing"), who: Who::Lead },
    Move { action: "pass", from: &["registered", "testing"], to: Some("passed"), who: Who::Lead },
    Move { action: "fail", from: &["testing"], to: Some("failed"), who: Who::Lead },
];

/// The import lot state machine.
pub const IMPORT_LOT_LIFECYCLE: Machine = Machine { noun: "import lot", moves: MOVES };
