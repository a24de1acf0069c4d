//! The traceability domain's door for the gateway and other domains: the portal worker and its
//! settings. Its `store` and `http` modules are private.

pub use crate::portal::{PortalSettings, worker as portal_worker};
