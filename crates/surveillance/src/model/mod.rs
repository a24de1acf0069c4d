//! The surveillance domain's request and response types: warnings, reactions, recall scopes and
//! figures.

mod complaint;
mod instrument;
mod metrology;
mod reaction;
mod recall;
mod survey;
mod warning;

pub use complaint::*;
pub use instrument::*;
pub use metrology::*;
pub use reaction::*;
pub use recall::*;
pub use survey::*;
pub use warning::*;
