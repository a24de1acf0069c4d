//! The regulations domain's scopes and the roles that get them.

use tdc_kernel::auth::Scope;

/// Read regulations and the standards catalogue beyond what is public.
pub const REGULATIONS_READ: &str = "regulations:read";
/// Record standards and regulations the caller's agency leads.
pub const REGULATIONS_WRITE: &str = "regulations:write";

/// Every scope of the domain, with what it allows and who gets it.
pub const ALL: &[Scope] = &[
    Scope { name: REGULATIONS_READ, description: "Read regulations and standards", roles: Scope::EVERYONE },
    Scope { name: REGULATIONS_WRITE, description: "Record standards and regulations", roles: Scope::WRITERS },
];
