//! The directory's scopes and the roles that get them.

use tdc_kernel::auth::Scope;

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

/// Every scope of the directory, with what it allows and who gets it.
pub const ALL: &[Scope] = &[
    Scope { name: AGENCIES_READ, description: "Read agencies", roles: Scope::EVERYONE },
    Scope { name: AGENCIES_WRITE, description: "Create and change agencies", roles: Scope::ADMINS },
    Scope { name: CLIENTS_READ, description: "Read API clients", roles: Scope::ADMINS },
    Scope { name: CLIENTS_WRITE, description: "Create, disable and re-key API clients", roles: Scope::ADMINS },
    Scope { name: BUSINESSES_READ, description: "Read businesses", roles: Scope::EVERYONE },
    Scope { name: BUSINESSES_WRITE, description: "Record and change businesses", roles: Scope::WRITERS },
    Scope { name: PRODUCTS_READ, description: "Read products", roles: Scope::EVERYONE },
    Scope { name: PRODUCTS_WRITE, description: "Record and change products", roles: Scope::WRITERS },
    Scope {
        name: REFERENCE_WRITE,
        description: "Change reference data: product categories, administrative units",
        roles: Scope::ADMINS,
    },
];
