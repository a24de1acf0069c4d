//! A complaint's lifecycle and statutory periods: received by the competent agency, accepted
//! (thụ lý), resolved — or transferred to the competent agency (chuyển đơn), or dismissed. The
//! handling agency (its lead) moves it.

use tdc_kernel::lifecycle::{Machine, Move, Who};

use crate::model::ComplaintKind;

const MOVES: &[Move] = &[
    Move { action: "accept", from: &["received"], to: Some("accepted"), who: Who::Lead },
    Move { action: "transfer", from: &["received", "accepted"], to: Some("received"), who: Who::Lead },
    Move { action: "resolve", from: &["accepted"], to: Some("resolved"), who: Who::Lead },
    Move { action: "dismiss", from: &["received", "accepted"], to: Some("dismissed"), who: Who::Lead },
];

/// The complaint state machine.
pub const COMPLAINT_LIFECYCLE: Machine = Machine { noun: "complaint", moves: MOVES };

/// The states in which a complaint is open (its deadline runs).
pub const OPEN: &[&str] = &["received", "accepted"];

/// How many working days the handling agency has, from receipt: 30 for a complaint (Law on
/// Complaints 2011 Art. 28) or a denunciation (Law on Denunciations 2018 Art. 30), 10 for feedback
/// and recommendations.
pub fn working_days(kind: ComplaintKind) -> u32 {
    match kind {
        ComplaintKind::Complaint | ComplaintKind::Denunciation => 30,
        ComplaintKind::Feedback | ComplaintKind::Recommendation => 10,
    }
}

/// How many complaints one source address may file from the public in a day.
pub const PUBLIC_PER_DAY: i64 = 5;
