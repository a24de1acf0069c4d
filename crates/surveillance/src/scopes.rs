//! The surveillance domain's scopes and the roles that get them.

use tdc_kernel::auth::Scope;

/// Read warnings before publication, their reactions, recall scopes and figures.
pub const SURVEILLANCE_READ: &str = "surveillance:read";
/// Record warnings, move them through their lifecycle, react to them.
pub const SURVEILLANCE_WRITE: &str = "surveillance:write";

/// Every scope of the domain, with what it allows and who gets it.
pub const ALL: &[Scope] = &[
    Scope {
        name: SURVEILLANCE_READ,
        description: "Read warnings, their reactions and recall scopes",
        roles: Scope::EVERYONE,
    },
    Scope { name: SURVEILLANCE_WRITE, description: "Record warnings and reactions", roles: Scope::WRITERS },
];
