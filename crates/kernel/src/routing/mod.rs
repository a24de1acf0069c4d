//! A route is declared once: in the handler's `#[utoipa::path]` (path, method, tag, operation id,
//! scopes, responses). A domain lists its handlers with [`operation!`](crate::operation); the routes
//! actix serves and the paths of the OpenAPI document both come from that one list, so a handler
//! cannot be routed without being documented or documented without being routed.

pub mod access;

use std::cmp::Ordering;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::{FromRequest, Handler, Responder, Route, web};
use utoipa::openapi::path::HttpMethod;
use utoipa::openapi::schema::Schema;
use utoipa::openapi::{OpenApi, RefOr};

use crate::HomeProvince;
use crate::schedule::Job;

type Schemas = Vec<(String, RefOr<Schema>)>;

/// One HTTP operation: its handler, and what its `#[utoipa::path]` says of it.
#[derive(Clone)]
pub struct Operation {
    path: String,
    methods: Vec<HttpMethod>,
    operation: utoipa::openapi::path::Operation,
    schemas: fn(&mut Schemas),
    used: Schemas,
    route: Arc<dyn Fn() -> Route + Send + Sync>,
}

impl Operation {
    /// The operation of `handler`, documented by `P` (its `#[utoipa::path]`); use [`operation!`](crate::operation).
    pub fn of<P, F, Args>(handler: F) -> Operation
    where
        P: utoipa::Path + utoipa::__dev::SchemaReferences + utoipa::__dev::Tags<'static>,
        F: Handler<Args> + Send + Sync,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let (mut operation, used) = using_schemas(P::operation);
        let tags = P::tags();
        if !tags.is_empty() {
            operation.tags.get_or_insert_with(Vec::new).extend(tags.iter().map(|t| t.to_string()));
        }
        Operation {
            path: P::path(),
            methods: P::methods(),
            operation,
            schemas: P::schemas,
            used,
            route: Arc::new(move || web::route().to(handler.clone())),
        }
    }

    /// The path as documented, e.g. `/api/v1/businesses/{id}`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path as actix routes it: the value of a natural key (`…/by-designation/{designation}`)
    /// is the rest of the path, since it may hold `/` (`ISO/IEC 17025:2017`, `QCĐP 01:2023/TPHP`).
    fn route_path(&self) -> String {
        let mut segments: Vec<String> = self.path.split('/').map(str::to_owned).collect();
        let n = segments.len();
        if n >= 2 && segments[n - 2].starts_with("by-") && segments[n - 1].starts_with('{') {
            segments[n - 1] = segments[n - 1].replace('}', ":.*}");
        }
        segments.join("/")
    }
}

/// The operation of a handler: `operation!(http::businesses => list)` for the function `list` of
/// module `http::businesses` annotated with `#[utoipa::path]`.
#[macro_export]
macro_rules! operation {
    ($($module:ident)::+ => $handler:ident) => {
        $crate::__pastey::paste! {
            $crate::routing::Operation::of::<$($module::)+ [<__path_ $handler>], _, _>($($module::)+ $handler)
        }
    };
}

thread_local! {
    static USED: std::cell::RefCell<Option<Schemas>> = const { std::cell::RefCell::new(None) };
}

/// Builds an operation's description, collecting the schemas its response sets name through
/// [`uses_schema`] (utoipa collects those of bodies it sees, not those inside an `IntoResponses`).
fn using_schemas<T>(build: impl FnOnce() -> T) -> (T, Schemas) {
    USED.with(|u| *u.borrow_mut() = Some(Schemas::new()));
    let built = build();
    (built, USED.with(|u| u.borrow_mut().take().unwrap_or_default()))
}

/// Notes that the operation being described answers with `T` (a response set calls it), so the
/// document holds `T`'s schema and those it refers to.
pub fn uses_schema<T: utoipa::ToSchema>() {
    USED.with(|u| {
        if let Some(schemas) = u.borrow_mut().as_mut() {
            schemas.push((T::name().into_owned(), T::schema()));
            T::schemas(schemas);
        }
    });
}

/// The path of operation `P` with its parameters filled in order: a `Location` built from the
/// resource's own read operation; use [`location!`](crate::location).
pub fn path_of<P: utoipa::Path>(values: &[&str]) -> String {
    let mut values = values.iter();
    let segments: Vec<String> = P::path()
        .split('/')
        .map(|segment| match segment.starts_with('{') {
            true => values.next().map(|v| v.to_string()).unwrap_or_default(),
            false => segment.to_owned(),
        })
        .collect();
    segments.join("/")
}

/// Fills the path of a resource's read operation with its key: see [`location!`](crate::location).
pub type Locator = fn(&[&str]) -> String;

/// The `Location` of a resource: the path of its read operation, filled with its key —
/// `location!(get, business.id)` (a handler of this module) or `location!(http::certificates =>
/// get, certificate.id)`; `location!(get)` is the [`Locator`] that fills it later.
#[macro_export]
macro_rules! location {
    ($($module:ident)::+ => $handler:ident, $($value:expr),+ $(,)?) => {
        $crate::__pastey::paste! {
            $crate::routing::path_of::<$($module::)+ [<__path_ $handler>]>(&[$(::core::convert::AsRef::<str>::as_ref(&$value)),+])
        }
    };
    ($handler:ident, $($value:expr),+ $(,)?) => {
        $crate::__pastey::paste! {
            $crate::routing::path_of::<[<__path_ $handler>]>(&[$(::core::convert::AsRef::<str>::as_ref(&$value)),+])
        }
    };
    ($handler:ident) => {
        $crate::__pastey::paste! { $crate::routing::path_of::<[<__path_ $handler>]> as $crate::routing::Locator }
    };
}

/// Literal segments sort before parameters at the first place two paths differ, so actix, which
/// tries resources in order, never takes `…/export` for `…/{id}`.
fn by_specificity(a: &str, b: &str) -> Ordering {
    for (x, y) in a.split('/').zip(b.split('/')) {
        let order = match (x.starts_with('{'), y.starts_with('{')) {
            (false, true) => Ordering::Less,
            (true, false) => Ordering::Greater,
            _ => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    a.split('/').count().cmp(&b.split('/').count())
}

fn actix_method(method: &HttpMethod) -> Method {
    match method {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Patch => Method::PATCH,
        HttpMethod::Delete => Method::DELETE,
        HttpMethod::Head => Method::HEAD,
        HttpMethod::Options => Method::OPTIONS,
        HttpMethod::Trace => Method::TRACE,
    }
}

/// Registers the operations: one actix resource per path (so a method it lacks is 405 with
/// `Allow`), a route per method, each guarded by the scopes its annotation requires
/// ([`crate::routing::access`]) before anything of the request is read. The resources of a
/// collection (`/api/v1/<collection>…`) sit in one actix scope, so a request is matched against
/// its own collection's few patterns, not every pattern of the hub.
pub fn configure(cfg: &mut web::ServiceConfig, operations: &[Operation]) {
    let mut sorted: Vec<&Operation> = operations.iter().collect();
    sorted.sort_by(|a, b| by_specificity(&a.path, &b.path));
    for group in sorted.chunk_by(|a, b| collection_of(&a.path) == collection_of(&b.path)) {
        let by_path = group.chunk_by(|a, b| a.route_path() == b.route_path());
        match collection_of(&group[0].path) {
            Some(prefix) => {
                let mut scope = web::scope(prefix);
                for ops in by_path {
                    scope = scope.service(resource(&ops[0].route_path()[prefix.len()..], ops));
                }
                cfg.service(scope);
            }
            None => by_path.for_each(|ops| {
                cfg.service(resource(&ops[0].route_path(), ops));
            }),
        }
    }
}

/// The collection a path belongs to (`/api/v1/businesses` for `/api/v1/businesses/{id}`), if it
/// is under `/api/v1/`.
fn collection_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/api/v1/")?;
    let end = rest.find('/').map_or(path.len(), |n| "/api/v1/".len() + n);
    Some(&path[..end])
}

/// One actix resource at `path` with a route per method of `ops`, behind their scope checks.
fn resource(
    path: &str,
    ops: &[&Operation],
) -> actix_web::Resource<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody + use<>>,
        Error = actix_web::Error,
        InitError = (),
    > + use<>,
> {
    let mut resource = web::resource(path);
    let mut rules = access::Rules::default();
    for op in ops {
        for method in &op.methods {
            resource = resource.route((op.route)().method(actix_method(method)));
            rules.add(actix_method(method), access::Rule::of(&op.operation));
        }
    }
    resource.wrap(actix_web::middleware::from_fn(move |req, next| access::enforce(rules.clone(), req, next)))
}

/// Adds the operations' paths, and the schemas they use, to `doc`.
pub fn document(doc: &mut OpenApi, operations: &[Operation]) {
    let mut schemas = Schemas::new();
    for op in operations {
        doc.paths.add_path_operation(&op.path, op.methods.clone(), op.operation.clone());
        (op.schemas)(&mut schemas);
        schemas.extend(op.used.iter().cloned());
    }
    doc.components.get_or_insert_with(Default::default).schemas.extend(schemas);
}

/// What a domain crate brings to the hub; the gateway iterates a list of them.
pub struct Domain {
    /// Its operations (routes and OpenAPI paths).
    pub operations: Vec<Operation>,
    /// Its part of the OpenAPI document besides the paths: tags and extra schemas.
    pub openapi: OpenApi,
    /// The scopes it defines and the roles that get each.
    pub scopes: &'static [crate::auth::Scope],
    /// What it adds to the features listed by `GET /api/v1`.
    pub features: &'static [&'static str],
    /// The work it does by itself as days pass.
    pub jobs: fn(&HomeProvince) -> Vec<Job>,
    /// The public notices it holds about products (warnings), for other domains to show.
    pub notices: Option<crate::notices::NoticeSource>,
    /// The problem codes it answers beside the kernel's, each with what it means and how to fix
    /// it (served at `/problems/{code}`).
    pub problems: &'static [crate::problem_types::ProblemType],
    /// The kinds of record it writes to the change feed (`entity`), for the document's enumeration
    /// and the checks of feed filters and webhook subscriptions.
    pub entities: &'static [&'static str],
    /// The resources it lets agencies import from files, each through its batch endpoint's code
    /// (`crate::import!`).
    pub imports: Vec<crate::imports::Import>,
}

impl Domain {
    /// A domain with no scheduled work.
    pub fn no_jobs(_: &HomeProvince) -> Vec<Job> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_segments_come_first() {
        let mut paths = vec!["/a/{id}/history", "/a/{id}", "/a/export", "/a", "/a/by-code/{code}"];
        paths.sort_by(|a, b| by_specificity(a, b));
        assert_eq!(paths, ["/a", "/a/by-code/{code}", "/a/export", "/a/{id}", "/a/{id}/history"]);
    }
}
