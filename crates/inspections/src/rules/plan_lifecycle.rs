//! The lifecycle of an annual inspection plan (seed 000 Art. 13.3, seed 001 Art. 11.3): the agency
//! drafts and submits it, the provincial inspectorate reviews it for overlaps with other agencies'
//! plans, the agency approves it by decision once no overlap is open, and may amend it later
//! (amending reopens it; it is submitted and reviewed again).

use tdc_kernel::lifecycle::{Machine, Move, Who};

/// The states in which a plan's content and items may change.
pub const EDITABLE: &[&str] = &["draft", "amended"];

/// The states in which a plan's items count as planned: other agencies' plans are checked
/// against them.
pub const PLANNED: &[&str] = &["submitted", "reviewed", "approved", "amended"];

const MOVES: &[Move] = &[
    Move { action: "submit", from: EDITABLE, to: Some("submitted"), who: Who::Lead },
    Move { action: "review", from: &["submitted"], to: Some("reviewed"), who: Who::Inspectorate },
    Move { action: "approve", from: &["reviewed"], to: Some("approved"), who: Who::Lead },
    Move { action: "amend", from: &["approved"], to: Some("amended"), who: Who::Lead },
    Move {
        action: "withdraw",
        from: &["draft", "submitted", "reviewed", "amended"],
        to: Some("withdrawn"),
        who: Who::Lead,
    },
];

/// The inspection plan state machine.
pub const PLAN_LIFECYCLE: Machine = Machine { noun: "inspection plan", moves: MOVES };

#[cfg(test)]
mod tests {
    use super::*;
    use tdc_kernel::lifecycle::Mover;

    const AGENCY: Mover =
        Mover { is_lead: true, is_dost: false, is_inspectorate: false, admin: false, is_party: false };
    const INSPECTORATE: Mover =
        Mover { is_lead: false, is_dost: false, is_inspectorate: true, admin: false, is_party: false };

    #[test]
    fn the_agency_submits_and_approves_the_inspectorate_reviews() {
        assert_eq!(PLAN_LIFECYCLE.step("draft", "submit", &AGENCY).unwrap(), "submitted");
        assert!(PLAN_LIFECYCLE.step("submitted", "review", &AGENCY).is_err());
        assert_eq!(PLAN_LIFECYCLE.step("submitted", "review", &INSPECTORATE).unwrap(), "reviewed");
        assert!(PLAN_LIFECYCLE.step("reviewed", "approve", &INSPECTORATE).is_err());
        assert_eq!(PLAN_LIFECYCLE.step("reviewed", "approve", &AGENCY).unwrap(), "approved");
        assert_eq!(PLAN_LIFECYCLE.step("approved", "amend", &AGENCY).unwrap(), "amended");
        assert_eq!(PLAN_LIFECYCLE.step("amended", "submit", &AGENCY).unwrap(), "submitted");
        assert!(PLAN_LIFECYCLE.actions_from("withdrawn").is_empty());
    }
}
