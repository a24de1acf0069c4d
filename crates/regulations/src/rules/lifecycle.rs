//! The QCĐP lifecycle (seed 000 Art. 8, seed 001 Art. 7): one table of moves, from which the
//! transitions endpoint, the 409 `allowed_actions` and each regulation's `next_actions` come.

use tdc_kernel::lifecycle::{Machine, Move, Who};

/// Every state before issue, from which a draft may be withdrawn.
const BEFORE_ISSUE: &[&str] = &[
    "proposed",
    "planned",
    "drafting",
    "consultation",
    "appraisal",
    "appraised",
    "ministry_opinion_requested",
    "ministry_opinion_received",
];

/// The states of an issued regulation that can still change.
const ISSUED: &[&str] = &["issued", "registered", "in_effect"];

const MOVES: &[Move] = &[
    Move { action: "accept_into_plan", from: &["proposed"], to: Some("planned"), who: Who::Dost },
    Move { action: "reject_proposal", from: &["proposed"], to: Some("rejected"), who: Who::Dost },
    Move { action: "start_drafting", from: &["planned"], to: Some("drafting"), who: Who::Lead },
    Move { action: "open_consultation", from: &["drafting"], to: Some("consultation"), who: Who::Lead },
    Move { action: "submit_for_appraisal", from: &["consultation"], to: Some("appraisal"), who: Who::Lead },
    Move { action: "pass_appraisal", from: &["appraisal"], to: Some("appraised"), who: Who::Dost },
    Move { action: "return_for_revision", from: &["appraisal"], to: Some("drafting"), who: Who::Dost },
    Move {
        action: "request_ministry_opinion",
        from: &["appraised"],
        to: Some("ministry_opinion_requested"),
        who: Who::Lead,
    },
    Move {
        action: "record_ministry_opinion",
        from: &["ministry_opinion_requested"],
        to: Some("ministry_opinion_received"),
        who: Who::Lead,
    },
    Move { action: "issue", from: &["ministry_opinion_received"], to: Some("issued"), who: Who::LeadOrDost },
    Move { action: "register", from: &["issued"], to: Some("registered"), who: Who::Dost },
    Move { action: "bring_into_force", from: &["registered"], to: Some("in_effect"), who: Who::LeadOrDost },
    Move { action: "review", from: &["in_effect"], to: None, who: Who::Dost },
    Move { action: "amend", from: &["in_effect"], to: None, who: Who::LeadOrDost },
    Move { action: "correct", from: ISSUED, to: None, who: Who::LeadOrDost },
    Move { action: "replace", from: ISSUED, to: Some("replaced"), who: Who::LeadOrDost },
    Move { action: "repeal", from: ISSUED, to: Some("repealed"), who: Who::LeadOrDost },
    Move { action: "withdraw", from: BEFORE_ISSUE, to: Some("withdrawn"), who: Who::Lead },
];

/// The QCĐP state machine.
pub const LIFECYCLE: Machine = Machine { noun: "technical regulation", moves: MOVES };

const PROGRAM_MOVES: &[Move] = &[
    Move { action: "submit", from: &["drafting"], to: Some("submitted"), who: Who::Lead },
    Move { action: "approve", from: &["submitted"], to: Some("approved"), who: Who::Dost },
    Move { action: "return", from: &["submitted"], to: Some("drafting"), who: Who::Dost },
    Move { action: "complete", from: &["approved"], to: Some("completed"), who: Who::LeadOrDost },
    Move {
        action: "cancel",
        from: &["drafting", "submitted", "approved"],
        to: Some("cancelled"),
        who: Who::LeadOrDost,
    },
];

/// The lifecycle of programs and plans: DOST compiles, the People's Committee approves.
pub const PROGRAM_LIFECYCLE: Machine = Machine { noun: "program", moves: PROGRAM_MOVES };

/// Whether a regulation in `state` is a published legal text, readable without a token.
pub fn is_published(state: &str) -> bool {
    matches!(state, "issued" | "registered" | "in_effect" | "replaced" | "repealed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RegulationState;

    #[test]
    fn every_state_in_the_table_is_a_documented_state() {
        for m in MOVES {
            for s in m.from.iter().chain(m.to.iter()) {
                assert_eq!(RegulationState::parse(s).map(|p| p.as_str()), Some(*s), "{s}");
            }
        }
    }

    #[test]
    fn every_action_is_a_request_variant() {
        let names: Vec<&str> = MOVES.iter().map(|m| m.action).collect();
        assert_eq!(names, crate::model::RegulationAction::NAMES);
    }

    #[test]
    fn the_happy_path_reaches_in_effect() {
        let lead = tdc_kernel::lifecycle::Mover {
            is_lead: true,
            is_dost: true,
            is_inspectorate: false,
            admin: false,
            is_party: false,
        };
        let path = [
            "accept_into_plan",
            "start_drafting",
            "open_consultation",
            "submit_for_appraisal",
            "pass_appraisal",
            "request_ministry_opinion",
            "record_ministry_opinion",
            "issue",
            "register",
            "bring_into_force",
        ];
        let end = path.iter().fold("proposed", |state, action| LIFECYCLE.step(state, action, &lead).unwrap());
        assert_eq!(end, "in_effect");
        assert!(LIFECYCLE.actions_from("withdrawn").is_empty() && LIFECYCLE.actions_from("repealed").is_empty());
    }
}
