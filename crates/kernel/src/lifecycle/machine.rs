//! The state table and the check of one move.

use diesel::prelude::*;

use crate::access::Reader;
use crate::db::{AnyConnection, schema::agencies};
use crate::problem::ApiError;

/// Who may make a move (DOST's administrators may make every move).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The record's lead agency.
    Lead,
    /// The Department of Science and Technology (an agency of kind `dost`).
    Dost,
    /// The lead agency or DOST.
    LeadOrDost,
    /// The provincial inspectorate (an agency of kind `inspectorate`), which reviews inspection plans.
    Inspectorate,
    /// A party to the record: its lead agency or one the record names as a party (the agencies a
    /// coordination request asks), as its store sets [`Mover::is_party`].
    Party,
}

/// One row of a state table.
#[derive(Debug, Clone, Copy)]
pub struct Move {
    /// The action's name, as sent in `{"action": …}`.
    pub action: &'static str,
    /// The states it may be made from.
    pub from: &'static [&'static str],
    /// The state it leads to; `None` keeps the current state (an event such as a review).
    pub to: Option<&'static str>,
    /// Who may make it.
    pub who: Who,
}

/// What the caller is to the record being moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mover {
    /// The caller's agency leads the record.
    pub is_lead: bool,
    /// The caller's agency is DOST.
    pub is_dost: bool,
    /// The caller's agency is the provincial inspectorate.
    pub is_inspectorate: bool,
    /// The caller is one of DOST's administrators.
    pub admin: bool,
    /// The caller's agency is a party to the record (its lead, or one the store names).
    pub is_party: bool,
}

impl Mover {
    /// What `reader` is to a record led by `lead_agency` (looks up whether its agency is DOST).
    pub fn of(conn: &mut AnyConnection, reader: &Reader, lead_agency: &str) -> Result<Mover, ApiError> {
        let Reader::Agency { code, admin } = reader else {
            return Err(ApiError::Unauthorized("a bearer token is required".into()));
        };
        let kind: Option<String> =
            agencies::table.filter(agencies::code.eq(code)).select(agencies::kind).first(conn).optional()?;
        let is = |wanted: &str| kind.as_deref() == Some(wanted);
        Ok(Mover {
            is_lead: code == lead_agency,
            is_dost: is("dost"),
            is_inspectorate: is("inspectorate"),
            admin: *admin,
            is_party: code == lead_agency,
        })
    }

    fn may(&self, who: Who) -> bool {
        self.admin
            || match who {
                Who::Lead => self.is_lead,
                Who::Dost => self.is_dost,
                Who::LeadOrDost => self.is_lead || self.is_dost,
                Who::Inspectorate => self.is_inspectorate,
                Who::Party => self.is_party,
            }
    }
}

/// A lifecycle: its moves, in the order they are listed to callers.
#[derive(Debug, Clone, Copy)]
pub struct Machine {
    /// What the records are called in messages, e.g. `technical regulation`.
    pub noun: &'static str,
    /// The moves.
    pub moves: &'static [Move],
}

impl Machine {
    /// The actions that may be taken from `state`, by anyone.
    pub fn actions_from(&self, state: &str) -> Vec<String> {
        self.moves.iter().filter(|m| m.from.contains(&state)).map(|m| m.action.to_owned()).collect()
    }

    /// The move `action` from `state`, if the table has one.
    pub fn find(&self, state: &str, action: &str) -> Option<&'static Move> {
        self.moves.iter().find(|m| m.action == action && m.from.contains(&state))
    }

    /// The state `action` leads to from `state`: 409 `illegal_transition` (with the allowed
    /// actions) when the table has no such move, 403 when `mover` may not make it.
    pub fn step(&self, state: &str, action: &str, mover: &Mover) -> Result<&'static str, ApiError> {
        let Some(found) = self.find(state, action) else {
            let allowed = self.actions_from(state);
            let detail = if allowed.is_empty() {
                format!("a {} that is {state} cannot be moved any more", self.noun)
            } else {
                format!(
                    "a {} that is {state} cannot be moved by `{action}`; allowed: {}",
                    self.noun,
                    allowed.join(", ")
                )
            };
            return Err(ApiError::Conflict {
                code: "illegal_transition",
                detail,
                errors: vec![],
                allowed_actions: allowed,
            });
        };
        if !mover.may(found.who) {
            return Err(refusal(found));
        }
        Ok(found.to.unwrap_or_else(|| found.from.iter().find(|s| **s == state).copied().unwrap_or("")))
    }
}

fn refusal(found: &Move) -> ApiError {
    let (code, whom) = match found.who {
        Who::Lead => ("not_lead_agency", "the lead agency"),
        Who::Dost => ("dost_only", "the Department of Science and Technology (DOST)"),
        Who::LeadOrDost => ("not_lead_agency", "the lead agency or DOST"),
        Who::Inspectorate => ("inspectorate_only", "the provincial inspectorate"),
        Who::Party => ("not_a_party", "the lead agency or an agency it asked"),
    };
    ApiError::Forbidden { code, detail: format!("only {whom} may `{}`", found.action) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOVES: &[Move] = &[
        Move { action: "open", from: &["draft"], to: Some("open"), who: Who::Lead },
        Move { action: "note", from: &["open"], to: None, who: Who::LeadOrDost },
        Move { action: "approve", from: &["open"], to: Some("approved"), who: Who::Dost },
    ];
    const MACHINE: Machine = Machine { noun: "thing", moves: MOVES };
    const LEAD: Mover = Mover { is_lead: true, is_dost: false, is_inspectorate: false, admin: false, is_party: false };
    const DOST: Mover = Mover { is_lead: false, is_dost: true, is_inspectorate: false, admin: false, is_party: false };

    #[test]
    fn moves_follow_the_table() {
        assert_eq!(MACHINE.step("draft", "open", &LEAD).unwrap(), "open");
        assert_eq!(MACHINE.step("open", "note", &DOST).unwrap(), "open");
        assert_eq!(MACHINE.actions_from("open"), vec!["note", "approve"]);
        match MACHINE.step("draft", "approve", &DOST) {
            Err(ApiError::Conflict { code, allowed_actions, .. }) => {
                assert_eq!((code, allowed_actions), ("illegal_transition", vec!["open".to_owned()]));
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
    }

    #[test]
    fn movers_are_checked() {
        assert!(matches!(MACHINE.step("open", "approve", &LEAD), Err(ApiError::Forbidden { code: "dost_only", .. })));
        assert!(matches!(
            MACHINE.step("draft", "open", &DOST),
            Err(ApiError::Forbidden { code: "not_lead_agency", .. })
        ));
        let admin = Mover { is_lead: false, is_dost: false, is_inspectorate: false, admin: true, is_party: false };
        assert_eq!(MACHINE.step("open", "approve", &admin).unwrap(), "approved");
    }
}
