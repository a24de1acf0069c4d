//! GS1 EPCIS 2.0 in JSON-LD: documents, their events, the checks the standard asks of them and the
//! CBV event hash. Pure functions; the store and the HTTP binding use them.

pub mod amounts;
pub mod dl;
pub mod document;
pub mod hash;
pub mod index;
pub mod json;
pub mod keys;
pub mod validate;
pub mod vocab;
