//! The inspections domain's scopes and the roles that get them.

use tdc_kernel::auth::Scope;

/// Read inspection plans and overlap cases (shared with every agency, never public).
pub const INSPECTIONS_READ: &str = "inspections:read";
/// Record the caller's agency's inspection plans; the inspectorate resolves overlaps.
pub const INSPECTIONS_WRITE: &str = "inspections:write";

/// Every scope of the domain, with what it allows and who gets it.
pub const ALL: &[Scope] = &[
    Scope { name: INSPECTIONS_READ, description: "Read inspection plans and overlap cases", roles: Scope::EVERYONE },
    Scope { name: INSPECTIONS_WRITE, description: "Record inspection plans, resolve overlaps", roles: Scope::WRITERS },
];
