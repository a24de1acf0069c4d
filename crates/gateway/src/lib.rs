//! The TĐC Hub gateway: the one actix-web server (binary `tdc-hub`), its configuration,
//! start-up, middleware, OpenAPI assembly and command line.

pub mod cli;
pub mod config;
pub mod domains;
pub mod http;
mod imports;
pub mod logging;
pub mod middleware;
pub mod openapi;
mod openapi_access;
mod openapi_unions;
mod outbound;
pub mod routes;
pub mod server;

/// The memory allocator of every program that links the gateway (the hub, its benchmark, its
/// tests): mimalloc, which keeps a request's many small allocations cheaper than the system's and
/// returns freed memory instead of keeping an arena per thread.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
