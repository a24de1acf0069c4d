//! A warning's lifecycle (seed 001 Art. 10.1.h): received, verified by the handling agency (its
//! lead) or DOST, published — from then on public — measures under way, resolved; or rejected
//! before publication.

use tdc_kernel::lifecycle::{Machine, Move, Who};

const MOVES: &[Move] = &[
    Move { action: "verify", from: &["received"], to: Some("verified"), who: Who::LeadOrDost },
    Move { action: "reject", from: &["received", "verified"], to: Some("rejected"), who: Who::LeadOrDost },
    Move { action: "publish", from: &["verified"], to: Some("published"), who: Who::LeadOrDost },
    Move { action: "start_measures", from: &["published"], to: Some("measures_under_way"), who: Who::LeadOrDost },
    Move { action: "resolve", from: &["published", "measures_under_way"], to: Some("resolved"), who: Who::LeadOrDost },
];

/// The warning state machine.
pub const WARNING_LIFECYCLE: Machine = Machine { noun: "warning", moves: MOVES };

/// The states in which a warning is public (the alert feed, no token).
pub const PUBLIC_STATES: &[&str] = &["published", "measures_under_way", "resolved"];

/// The states in which other agencies record follow-up reactions.
pub const REACTABLE_STATES: &[&str] = &["published", "measures_under_way"];
