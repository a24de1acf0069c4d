//! Roles, and the scopes domains grant them. A token carries the scopes of its client's roles.
//!
//! The roles are the hub's; each domain declares its own scopes and the roles that get each
//! (its `scopes::ALL`, in its `domain()`), and [`Grants`] gathers them when the hub starts.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
}

/// A scope a domain defines: its name, what it allows, and the roles that get it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The scope as tokens carry it, e.g. `businesses:read`.
    pub name: &'static str,
    /// What it allows (the OAuth2 scheme's description of it).
    pub description: &'static str,
    /// The roles that get it.
    pub roles: &'static [Role],
}

impl Scope {
    /// Every role: for reading what is shared.
    pub const EVERYONE: &'static [Role] = &Role::ALL;
    /// An agency's system and DOST's administrators: for recording an agency's own records.
    pub const WRITERS: &'static [Role] = &[Role::Admin, Role::AgencyOfficer];
    /// DOST's administrators only.
    pub const ADMINS: &'static [Role] = &[Role::Admin];
}

static INSTALLED: std::sync::OnceLock<Grants> = std::sync::OnceLock::new();

/// Every scope of the hub's domains, and which roles get them.
#[derive(Debug, Clone, Default)]
pub struct Grants {
    scopes: Vec<Scope>,
}

impl Grants {
    /// The grants of these scopes (each domain's `scopes::ALL`, gathered).
    pub fn new<'a>(scopes: impl IntoIterator<Item = &'a Scope>) -> Grants {
        Grants { scopes: scopes.into_iter().copied().collect() }
    }

    /// Makes these the hub's grants, as the gateway does once from its list of domains (the
    /// domains are compiled in, so every later call installs the same and is ignored).
    pub fn install(grants: Grants) {
        let _ = INSTALLED.set(grants);
    }

    /// The hub's grants (none before [`Grants::install`]: every token would carry no scope).
    pub fn installed() -> &'static Grants {
        static NONE: Grants = Grants { scopes: Vec::new() };
        INSTALLED.get().unwrap_or(&NONE)
    }

    /// Every scope, with what it allows.
    pub fn all(&self) -> &[Scope] {
        &self.scopes
    }

    /// The scopes these roles get, sorted and without repeats.
    pub fn for_roles(&self, roles: &[Role]) -> Vec<&'static str> {
        let mut granted: Vec<&'static str> =
            self.scopes.iter().filter(|s| s.roles.iter().any(|r| roles.contains(r))).map(|s| s.name).collect();
        granted.sort_unstable();
        granted.dedup();
        granted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCOPES: &[Scope] = &[
        Scope { name: "things:read", description: "Read things", roles: Scope::EVERYONE },
        Scope { name: "things:write", description: "Record things", roles: Scope::WRITERS },
        Scope { name: "keys:write", description: "Change keys", roles: Scope::ADMINS },
    ];

    #[test]
    fn roles_get_the_scopes_domains_grant_them() {
        let grants = Grants::new(SCOPES);
        assert_eq!(grants.for_roles(&[Role::Admin]), ["keys:write", "things:read", "things:write"]);
        assert_eq!(grants.for_roles(&[Role::AgencyOfficer]), ["things:read", "things:write"]);
        assert_eq!(grants.for_roles(&[Role::Viewer, Role::Connector]), ["things:read"]);
        assert!(grants.for_roles(&[]).is_empty());
    }

    #[test]
    fn role_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
    }
}
