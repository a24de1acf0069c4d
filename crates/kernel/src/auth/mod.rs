//! Authentication and authorization: signed bearer tokens, roles, scopes and the principal.

mod claims;
mod keys;
mod memo;
mod principal;
mod roles;

pub use claims::{Claims, TokenSettings};
pub use keys::{KeyInfo, KeySet};
pub use principal::{Authenticator, ClientChecks, MaybePrincipal, Principal, caller, forget_client};
pub use roles::{Grants, Role, Scope};
