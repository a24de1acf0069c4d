//! The kernel of TĐC Hub: what every domain crate stands on.
//!
//! - [`problem`]: RFC 9457 errors, the one error type of every handler;
//! - [`db`]: one code path over SQLite and PostgreSQL, migrations, transactions;
//! - [`auth`]: signed tokens, roles, scopes and the calling principal;
//! - [`extract`]: body and query extractors whose refusals name the field;
//! - [`paging`] and [`versions`]: cursor pages, ETags and `If-Match`;
//! - [`ids`], [`text`], [`validation`]: identifiers, text normalization, field errors.

pub mod auth;
pub mod db;
pub mod extract;
pub mod ids;
pub mod paging;
pub mod problem;
pub mod text;
pub mod validation;
pub mod versions;

pub use problem::{ApiError, FieldError, Problem};
