//! The state tables of certificates, designations and declarations.

use tdc_kernel::lifecycle::{Machine, Move, Who};

const CERTIFICATE_MOVES: &[Move] = &[
    Move { action: "supplement", from: &["active"], to: None, who: Who::Lead },
    Move { action: "amend", from: &["active"], to: None, who: Who::Lead },
    Move { action: "reissue", from: &["active"], to: None, who: Who::Lead },
    Move { action: "suspend", from: &["active"], to: Some("suspended"), who: Who::Lead },
    Move { action: "restore", from: &["suspended"], to: Some("active"), who: Who::Lead },
    Move { action: "revoke", from: &["active", "suspended", "expired"], to: Some("revoked"), who: Who::Lead },
];

/// A registration certificate's life: the managing agency supplements, amends, reissues (an
/// active one only: a suspended certificate is restored or revoked, never reissued), suspends,
/// restores and revokes; an expired certificate can only be revoked (a new one is issued instead).
pub const CERTIFICATE_LIFECYCLE: Machine = Machine { noun: "certificate", moves: CERTIFICATE_MOVES };

const DESIGNATION_MOVES: &[Move] =
    &[Move { action: "revoke", from: &["active", "expired", "lapsed"], to: Some("revoked"), who: Who::LeadOrDost }];

/// A designation's life: the designating agency (or DOST) records its revocation; it lapses and
/// resumes by itself with its body's registration for certification.
pub const DESIGNATION_LIFECYCLE: Machine = Machine { noun: "designation", moves: DESIGNATION_MOVES };

const DECLARATION_MOVES: &[Move] = &[
    Move { action: "withdraw", from: &["received"], to: Some("withdrawn"), who: Who::Lead },
    Move { action: "invalidate", from: &["received"], to: Some("invalidated"), who: Who::Lead },
];

/// A declaration's life: the receiving agency records its withdrawal or invalidation.
pub const DECLARATION_LIFECYCLE: Machine = Machine { noun: "declaration", moves: DECLARATION_MOVES };

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CertificateActionName, CertificateStatus};

    #[test]
    fn certificate_states_and_actions_are_the_documented_ones() {
        for m in CERTIFICATE_MOVES {
            let action: CertificateActionName =
                serde_json::from_value(serde_json::Value::String(m.action.into())).unwrap();
            assert_eq!(serde_json::to_value(action).unwrap(), m.action);
            for s in m.from.iter().chain(m.to.iter()) {
                assert_eq!(CertificateStatus::parse(s).as_str(), *s);
            }
        }
    }

    #[test]
    fn a_revoked_certificate_moves_no_more() {
        assert!(CERTIFICATE_LIFECYCLE.actions_from("revoked").is_empty());
        assert_eq!(CERTIFICATE_LIFECYCLE.actions_from("expired"), vec!["revoke"]);
    }
}
