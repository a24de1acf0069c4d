//! The traceability domain's scopes and the roles that get them.

use tdc_kernel::auth::{Role, Scope};

/// Read EPCIS events and capture jobs (shared with every agency).
pub const TRACEABILITY_READ: &str = "traceability:read";
/// Capture EPCIS events: agencies' officers and the connectors that relay businesses' systems.
pub const TRACEABILITY_CAPTURE: &str = "traceability:capture";

/// Every scope of the domain, with what it allows and who gets it.
pub const ALL: &[Scope] = &[
    Scope { name: TRACEABILITY_READ, description: "Read EPCIS events and capture jobs", roles: Scope::EVERYONE },
    Scope {
        name: TRACEABILITY_CAPTURE,
        description: "Capture EPCIS events",
        roles: &[Role::Admin, Role::AgencyOfficer, Role::Connector],
    },
];
