//! The traceability domain's request and response types: the EPCIS binding's (the documents
//! themselves are JSON-LD as the standard defines them), and the hub's own — traces, locations
//! and lots.

mod deployment;
mod epcis;
mod location;
mod lot;
mod trace;

pub use deployment::*;
pub use epcis::*;
pub use location::*;
pub use lot::*;
pub use trace::*;
