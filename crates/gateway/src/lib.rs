//! The TĐC Hub gateway: the one actix-web server (binary `tdc-hub`), its configuration,
//! start-up, middleware, OpenAPI assembly and command line.

pub mod cli;
pub mod config;
pub mod domains;
pub mod http;
pub mod logging;
pub mod middleware;
pub mod openapi;
mod openapi_unions;
pub mod routes;
pub mod server;
