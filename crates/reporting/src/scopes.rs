//! The reporting domain's scopes and the roles that get them.

use tdc_kernel::auth::Scope;

/// Read the coordination requests an agency sent or is a party to.
pub const REPORTING_READ: &str = "reporting:read";
/// Send coordination requests, reply to them and move them through their lifecycle.
pub const REPORTING_WRITE: &str = "reporting:write";

/// Every scope of the domain, with what it allows and who gets it.
pub const ALL: &[Scope] = &[
    Scope {
        name: REPORTING_READ,
        description: "Read coordination requests the agency sent or is a party to",
        roles: Scope::EVERYONE,
    },
    Scope { name: REPORTING_WRITE, description: "Send, answer and move coordination requests", roles: Scope::WRITERS },
];
