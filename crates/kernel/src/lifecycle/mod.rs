//! Lifecycles as explicit state machines: a table of moves (action, from-states, to-state, who
//! may make it), the log of transitions each record went through, and the shared handler of
//! `GET …/{id}/transitions`.
//!
//! A domain declares its [`Machine`], asks it for the next state ([`Machine::step`]: 409
//! `illegal_transition` naming the allowed actions, or 403 naming who may), applies the move to
//! its record and calls [`record`] in the same transaction.

pub mod http;
mod machine;
mod model;
mod store;

pub use machine::{Machine, Move, Mover, Who};
pub use model::{Transition, TransitionPage};
pub use store::{Step, list, record};
