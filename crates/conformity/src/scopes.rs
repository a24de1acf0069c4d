//! The conformity registry's scopes and the roles that get them.

use tdc_kernel::auth::Scope;

/// Read the conformity registry beyond what is public.
pub const CONFORMITY_READ: &str = "conformity:read";
/// Record conformity bodies, certificates, designations and declarations the caller's agency manages.
pub const CONFORMITY_WRITE: &str = "conformity:write";

/// Every scope of the domain, with what it allows and who gets it.
pub const ALL: &[Scope] = &[
    Scope { name: CONFORMITY_READ, description: "Read the conformity registry", roles: Scope::EVERYONE },
    Scope {
        name: CONFORMITY_WRITE,
        description: "Record conformity bodies, certificates, designations and declarations",
        roles: Scope::WRITERS,
    },
];
