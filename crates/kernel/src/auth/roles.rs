//! Roles and the scopes they grant. A token carries the scopes of its client's roles.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The scopes, per domain and verb.
pub mod scopes {
    /// Read agencies.
    pub const AGENCIES_READ: &str = "agencies:read";
    /// Create and change agencies (DOST's administrators).
    pub const AGENCIES_WRITE: &str = "agencies:write";
    /// Read API clients.
    pub const CLIENTS_READ: &str = "clients:read";
    /// Create, disable and re-key API clients.
    pub const CLIENTS_WRITE: &str = "clients:write";

    /// Read businesses (the public reads public ones without a token).
    pub const BUSINESSES_READ: &str = "businesses:read";
    /// Record and change businesses (those the caller's agency leads).
    pub const BUSINESSES_WRITE: &str = "businesses:write";
    /// Read products (the public reads public ones without a token).
    pub const PRODUCTS_READ: &str = "products:read";
    /// Record and change products (those the caller's agency leads).
    pub const PRODUCTS_WRITE: &str = "products:write";
    /// Change reference data: product categories, administrative units (DOST's administrators).
    pub const REFERENCE_WRITE: &str = "reference:write";
    /// Read regulations and the standards catalogue beyond what is public.
    pub const REGULATIONS_READ: &str = "regulations:read";
    /// Record standards and regulations the caller's agency leads.
    pub const REGULATIONS_WRITE: &str = "regulations:write";
    /// Read the conformity registry beyond what is public.
    pub const CONFORMITY_READ: &str = "conformity:read";
    /// Record conformity bodies, certificates, designations and declarations the caller's agency manages.
    pub const CONFORMITY_WRITE: &str = "conformity:write";
    /// Follow the change feed.
    pub const CHANGES_READ: &str = "changes:read";

    /// Every scope the hub knows, with what it allows (for the OpenAPI security scheme).
    pub const ALL: &[(&str, &str)] = &[
        (AGENCIES_READ, "Read agencies"),
        (AGENCIES_WRITE, "Create and change agencies"),
        (CLIENTS_READ, "Read API clients"),
        (CLIENTS_WRITE, "Create, disable and re-key API clients"),
        (BUSINESSES_READ, "Read businesses"),
        (BUSINESSES_WRITE, "Record and change businesses"),
        (PRODUCTS_READ, "Read products"),
        (PRODUCTS_WRITE, "Record and change products"),
        (REFERENCE_WRITE, "Change reference data: product categories, administrative units"),
        (REGULATIONS_READ, "Read regulations and standards"),
        (REGULATIONS_WRITE, "Record standards and regulations"),
        (CONFORMITY_READ, "Read the conformity registry"),
        (CONFORMITY_WRITE, "Record conformity bodies, certificates, designations and declarations"),
        (CHANGES_READ, "Follow the change feed"),
    ];
}

/// What an API client is for; each role grants a set of scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// DOST's administrators: manage agencies and clients, change any record.
    Admin,
    /// An agency's system: reads what is shared, writes its own agency's records.
    AgencyOfficer,
    /// A connector (national database, another province): reads and follows the change feed.
    Connector,
    /// Reads what is shared.
    Viewer,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 4] = [Role::Admin, Role::AgencyOfficer, Role::Connector, Role::Viewer];

    /// The role's name as it appears in tokens and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::AgencyOfficer => "agency_officer",
            Role::Connector => "connector",
            Role::Viewer => "viewer",
        }
    }

    /// Parses a role name.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// The scopes this role grants.
    pub fn scopes(self) -> &'static [&'static str] {
        use scopes::*;
        match self {
            Role::Admin => &[
                AGENCIES_READ,
                AGENCIES_WRITE,
                CLIENTS_READ,
                CLIENTS_WRITE,
                BUSINESSES_READ,
                BUSINESSES_WRITE,
                PRODUCTS_READ,
                PRODUCTS_WRITE,
                REFERENCE_WRITE,
                REGULATIONS_READ,
                REGULATIONS_WRITE,
                CONFORMITY_READ,
                CONFORMITY_WRITE,
                CHANGES_READ,
            ],
            Role::AgencyOfficer => &[
                AGENCIES_READ,
                BUSINESSES_READ,
                BUSINESSES_WRITE,
                PRODUCTS_READ,
                PRODUCTS_WRITE,
                REGULATIONS_READ,
                REGULATIONS_WRITE,
                CONFORMITY_READ,
                CONFORMITY_WRITE,
                CHANGES_READ,
            ],
            Role::Connector | Role::Viewer => {
                &[AGENCIES_READ, BUSINESSES_READ, PRODUCTS_READ, REGULATIONS_READ, CONFORMITY_READ, CHANGES_READ]
            }
        }
    }
}

/// The union of the roles' scopes, sorted and without repeats.
pub fn scopes_for_roles(roles: &[Role]) -> Vec<&'static str> {
    let mut all: Vec<&'static str> = roles.iter().flat_map(|r| r.scopes().iter().copied()).collect();
    all.sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_has_every_scope() {
        let granted = scopes_for_roles(&[Role::Admin]);
        for (scope, _) in scopes::ALL {
            assert!(granted.contains(scope), "admin lacks {scope}");
        }
    }

    #[test]
    fn viewer_cannot_write() {
        let granted = scopes_for_roles(&[Role::Viewer, Role::Connector]);
        let reads = [
            scopes::AGENCIES_READ,
            scopes::BUSINESSES_READ,
            scopes::CHANGES_READ,
            scopes::CONFORMITY_READ,
            scopes::PRODUCTS_READ,
            scopes::REGULATIONS_READ,
        ];
        assert_eq!(granted, reads);
        assert!(granted.iter().all(|s| s.ends_with(":read")));
    }

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
    }
}
