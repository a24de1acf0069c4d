//! A coordination request's lifecycle (seed 001 Art. 4.3–4.4): open until the agencies asked have
//! replied; the lead agency proceeds on what it has when one is silent past its deadline; a
//! disagreement goes to DOST, and from DOST to the People's Committee.

use tdc_kernel::lifecycle::{Machine, Move, Who};

const MOVES: &[Move] = &[
    Move { action: "proceed", from: &["open"], to: Some("proceeded"), who: Who::Lead },
    Move { action: "escalate", from: &["open", "proceeded"], to: Some("escalated"), who: Who::Party },
    Move { action: "refer", from: &["escalated"], to: Some("referred"), who: Who::Dost },
    Move { action: "settle", from: &["escalated", "referred"], to: Some("closed"), who: Who::Dost },
    Move { action: "close", from: &["open", "proceeded"], to: Some("closed"), who: Who::Lead },
    Move { action: "withdraw", from: &["open"], to: Some("withdrawn"), who: Who::Lead },
];

/// The coordination request state machine.
pub const COORDINATION_LIFECYCLE: Machine = Machine { noun: "coordination request", moves: MOVES };

/// The states in which the agencies asked may still reply.
pub const REPLYING: &[&str] = &["open", "proceeded", "escalated", "referred"];

/// The period to reply, in working days from receipt, unless a specialised law sets another
/// (seed 001 Art. 4.3).
pub const DEFAULT_WORKING_DAYS: u32 = 5;

#[cfg(test)]
mod tests {
    use tdc_kernel::lifecycle::Mover;

    use super::*;

    const NOBODY: Mover =
        Mover { is_lead: false, is_dost: false, is_inspectorate: false, admin: false, is_party: false };

    #[test]
    fn an_agency_asked_may_escalate_but_only_dost_refers_and_settles() {
        let asked = Mover { is_party: true, ..NOBODY };
        assert_eq!(COORDINATION_LIFECYCLE.step("open", "escalate", &asked).unwrap(), "escalated");
        assert!(COORDINATION_LIFECYCLE.step("open", "escalate", &NOBODY).is_err());
        assert!(COORDINATION_LIFECYCLE.step("escalated", "refer", &asked).is_err());
        let dost = Mover { is_dost: true, ..NOBODY };
        assert_eq!(COORDINATION_LIFECYCLE.step("referred", "settle", &dost).unwrap(), "closed");
        assert!(COORDINATION_LIFECYCLE.step("closed", "escalate", &asked).is_err());
    }
}
