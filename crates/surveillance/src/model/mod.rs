//! The surveillance domain's request and response types: warnings, reactions, recall scopes and
//! figures.

mod reaction;
mod recall;
mod warning;

pub use reaction::*;
pub use recall::*;
pub use warning::*;
