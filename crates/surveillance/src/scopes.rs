//! The surveillance domain's scopes and the roles that get them.

use tdc_kernel::auth::Scope;

/// Read warnings before publication, their reactions, recall scopes and figures; surveys,
/// instruments, and the complaints an agency handles or coordinates.
pub const SURVEILLANCE_READ: &str = "surveillance:read";
/// Record warnings, surveys, instruments and complaints, and move them through their lifecycles.
pub const SURVEILLANCE_WRITE: &str = "surveillance:write";

/// Read a complaint's sealed identity — the handling agency's own clients only, each reading
/// recorded.
pub const SURVEILLANCE_IDENTITY: &str = "surveillance:identity";

/// Every scope of the domain, with what it allows and who gets it.
pub const ALL: &[Scope] = &[
    Scope {
        name: SURVEILLANCE_READ,
        description: "Read warnings, their reactions and recall scopes",
        roles: Scope::EVERYONE,
    },
    Scope {
        name: SURVEILLANCE_WRITE,
        description: "Record warnings, surveys, instruments, complaints",
        roles: Scope::WRITERS,
    },
    Scope {
        name: SURVEILLANCE_IDENTITY,
        description: "Read a complaint's sealed identity (handling agency only; recorded)",
        roles: Scope::WRITERS,
    },
];
