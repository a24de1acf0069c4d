//! The OpenAPI 3.1 document, assembled from the crates' parts, with the problem responses
//! every operation can give added in one place.

use utoipa::OpenApi;
use utoipa::openapi::RefOr;
use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::security::{ClientCredentials, Flow, HttpAuthScheme, HttpBuilder, OAuth2, Scopes, SecurityScheme};

use tdc_kernel::problem::{FieldError, PROBLEM_JSON, Problem};
use tdc_kernel::resource::responses::problem;
use tdc_kernel::routing::access::{bearer_scopes, is_anonymous};

/// The gateway's own part besides its paths: info, the shared schemas, the security schemes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "TDC Hub API",
        description = "TĐC Hub: the province's shared data system for standards, metrology and product quality (tiêu chuẩn, đo lường, chất lượng). Every agency's system writes to it and reads from it; the national TĐC database and other provinces connect to it.\n\nErrors are RFC 9457 `application/problem+json` with a stable `code`. Get a token with OAuth2 client credentials at `/api/v1/auth/token` and send it as `Authorization: Bearer <token>`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
        contact(name = "The province's Department of Science and Technology (Sở Khoa học và Công nghệ), which runs the hub"),
    ),
    components(schemas(Problem, FieldError)),
    tags((name = "Operations", description = "Health, readiness, metrics and the service description."))
)]
pub(crate) struct GatewayApi;

/// The bearer scheme, and the OAuth2 scheme with every scope the domains define.
fn security_schemes(doc: &mut utoipa::openapi::OpenApi, domains: &[tdc_kernel::routing::Domain]) {
    let components = doc.components.get_or_insert_with(Default::default);
    let bearer = HttpBuilder::new()
        .scheme(HttpAuthScheme::Bearer)
        .bearer_format("JWT")
        .description(Some("An access token from `POST /api/v1/auth/token`."))
        .build();
    components.add_security_scheme("bearer", SecurityScheme::Http(bearer));
    let all = domains.iter().flat_map(|d| d.scopes);
    let scopes = Scopes::from_iter(all.map(|s| (s.name.to_owned(), s.description.to_owned())));
    let flow = Flow::ClientCredentials(ClientCredentials::new("/api/v1/auth/token", scopes));
    let oauth = OAuth2::with_description([flow], "OAuth2 client credentials (RFC 6749 §4.4).");
    components.add_security_scheme("oauth2", SecurityScheme::OAuth2(oauth));
}

/// The whole document.
pub fn document() -> utoipa::openapi::OpenApi {
    document_of(&crate::domains::all())
}

/// The document of these domains.
pub fn document_of(domains: &[tdc_kernel::routing::Domain]) -> utoipa::openapi::OpenApi {
    let mut doc = utoipa::openapi::OpenApi::default();
    for domain in domains {
        doc.merge(domain.openapi.clone());
        tdc_kernel::routing::document(&mut doc, &domain.operations);
    }
    security_schemes(&mut doc, domains);
    let gateway = GatewayApi::openapi();
    doc.info = gateway.info;
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let mut here = utoipa::openapi::Server::new("/");
    here.description =
        Some("This hub: the document is served by the hub it describes, at `/api/v1/openapi.json`".into());
    doc.servers = Some(vec![here]);
    for (path, item) in doc.paths.paths.iter_mut() {
        if let Some(post) = item.post.as_mut().filter(|op| is_secured(op)) {
            add_idempotency(post);
        }
        let limited = !crate::middleware::limit::FREE.contains(&path.as_str());
        for op in operations(item) {
            // A public operation says so (`security: []`), for linters and generators that
            // otherwise assume a default.
            op.security.get_or_insert_with(Vec::new);
            problems_as_problem_json(op);
            oauth2_beside_bearer(op);
            add_problem_responses(op);
            if limited {
                let spent = "The client's or the address's requests are used for now (`rate_limited`); see `Retry-After` and the `RateLimit-*` headers.";
                op.responses.responses.entry("429".to_owned()).or_insert_with(|| problem(spent));
            }
        }
    }
    let grants = crate::openapi_access::grants(domains);
    for item in doc.paths.paths.values_mut() {
        for (method, op) in methods(item) {
            crate::openapi_access::describe(op, &method, &grants);
        }
    }
    crate::openapi_access::webhooks(&mut doc);
    crate::openapi_unions::discriminate(&mut doc);
    enumerate_entities(&mut doc, &feed_entities(domains).0);
    enumerate_imports(&mut doc, domains);
    doc
}

/// Every kind of record the domains write to the change feed, sorted.
pub fn feed_entities(domains: &[tdc_kernel::routing::Domain]) -> tdc_kernel::changes::FeedEntities {
    let mut all: Vec<&'static str> = domains.iter().flat_map(|d| d.entities.iter().copied()).collect();
    all.sort_unstable();
    all.dedup();
    tdc_kernel::changes::FeedEntities(all)
}

/// Lists the feed's kinds of record where the document names one: a change's `entity` and the
/// feed's `entity` filter, so feed followers and webhook receivers generate the same type.
fn enumerate_entities(doc: &mut utoipa::openapi::OpenApi, entities: &[&'static str]) {
    enumerate_property(doc, "ChangeEvent", "entity", entities);
    enumerate_parameter(doc, "/api/v1/changes", "entity", entities);
}

/// Lists the resources an import job takes, where the document names one.
fn enumerate_imports(doc: &mut utoipa::openapi::OpenApi, domains: &[tdc_kernel::routing::Domain]) {
    let importers = tdc_kernel::imports::Importers::of(domains.iter().flat_map(|d| d.imports.clone()));
    let names = importers.names();
    enumerate_property(doc, "ImportJob", "resource", &names);
    enumerate_parameter(doc, "/api/v1/import-jobs", "resource", &names);
}

/// Gives property `property` of schema `schema` the enumeration `values`.
fn enumerate_property(doc: &mut utoipa::openapi::OpenApi, schema: &str, property: &str, values: &[&str]) {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::Schema;
    if let Some(RefOr::T(Schema::Object(object))) = doc.components.as_mut().and_then(|c| c.schemas.get_mut(schema))
        && let Some(RefOr::T(Schema::Object(field))) = object.properties.get_mut(property)
    {
        field.enum_values = Some(values.iter().map(|v| serde_json::Value::from(*v)).collect());
    }
}

/// Gives parameter `name` of every operation of `path` the enumeration `values`.
fn enumerate_parameter(doc: &mut utoipa::openapi::OpenApi, path: &str, name: &str, values: &[&str]) {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::Schema;
    let Some(item) = doc.paths.paths.get_mut(path) else { return };
    for op in operations(item) {
        for param in op.parameters.iter_mut().flatten() {
            let RefOr::T(param) = param else { continue };
            if let (true, Some(RefOr::T(Schema::Object(schema)))) = (param.name == name, param.schema.as_mut()) {
                schema.enum_values = Some(values.iter().map(|v| serde_json::Value::from(*v)).collect());
            }
        }
    }
}

/// The document as the committed `openapi/openapi.json` holds it.
pub fn document_json() -> String {
    let mut text = document().to_pretty_json().expect("the document serializes");
    text.push('\n');
    text
}

fn operations(item: &mut utoipa::openapi::PathItem) -> impl Iterator<Item = &mut Operation> {
    methods(item).map(|(_, op)| op)
}

fn methods(item: &mut utoipa::openapi::PathItem) -> impl Iterator<Item = (HttpMethod, &mut Operation)> {
    [
        (HttpMethod::Get, &mut item.get),
        (HttpMethod::Post, &mut item.post),
        (HttpMethod::Put, &mut item.put),
        (HttpMethod::Patch, &mut item.patch),
        (HttpMethod::Delete, &mut item.delete),
        (HttpMethod::Options, &mut item.options),
        (HttpMethod::Head, &mut item.head),
    ]
    .into_iter()
    .filter_map(|(method, o)| o.as_mut().map(|o| (method, o)))
}

/// A handler names a refusal's body `Problem`; the document serves it as `application/problem+json`
/// (so annotations do not repeat the content type).
fn problems_as_problem_json(op: &mut Operation) {
    for response in op.responses.responses.values_mut() {
        let RefOr::T(response) = response else { continue };
        let Some(RefOr::T(json)) = response.content.get("application/json") else { continue };
        let is_problem = matches!(&json.schema, Some(RefOr::Ref(r)) if r.ref_location.ends_with("/Problem"));
        if is_problem && let Some(content) = response.content.shift_remove("application/json") {
            response.content.insert(PROBLEM_JSON.to_owned(), content);
        }
    }
}

/// A handler names the scopes once, as a `bearer` requirement; the document offers the same scopes
/// through the `oauth2` scheme right after it (so annotations do not repeat them).
fn oauth2_beside_bearer(op: &mut Operation) {
    use utoipa::openapi::security::SecurityRequirement;
    let Some(requirements) = op.security.take() else { return };
    let mut out = Vec::with_capacity(requirements.len() * 2);
    for requirement in requirements {
        let scopes = bearer_scopes(&requirement);
        out.push(requirement);
        if let Some(scopes) = scopes {
            out.push(SecurityRequirement::new("oauth2", scopes));
        }
    }
    op.security = Some(out);
}

fn is_secured(op: &Operation) -> bool {
    op.security.as_ref().is_some_and(|reqs| reqs.iter().any(|r| !is_anonymous(r)))
}

/// Every authenticated `POST` takes `Idempotency-Key`; the kernel's middleware does the work.
fn add_idempotency(op: &mut Operation) {
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    use utoipa::openapi::{ObjectBuilder, Required, Type};
    let schema = ObjectBuilder::new().schema_type(Type::String).min_length(Some(1)).max_length(Some(255)).build();
    let parameter = ParameterBuilder::new()
        .name("Idempotency-Key")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(
            "Makes the request safe to retry: the first answer is kept 24 hours and replayed (with \
             `Idempotent-Replayed: true`) for the same key and the same request. A UUID is a good key.",
        ))
        .schema(Some(schema))
        .build();
    op.parameters.get_or_insert_with(Vec::new).push(RefOr::T(parameter));
    let conflict = "The first request with this `Idempotency-Key` is still running (`idempotency_in_progress`).";
    op.responses.responses.entry("409".to_owned()).or_insert_with(|| problem(conflict));
    let reused = "Invalid content (`validation_failed`), or the `Idempotency-Key` was used with another request (`idempotency_key_reused`).";
    op.responses.responses.insert("422".to_owned(), problem(reused));
}

fn add_problem_responses(op: &mut Operation) {
    let secured = is_secured(op);
    // An operation that declares its own 400 (the OAuth2 token endpoint) answers in its own shape.
    let own_errors = op.responses.responses.contains_key("400");
    let has_body = op.request_body.is_some() && !own_errors;
    let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
    let mut wanted: Vec<(&str, &str)> = Vec::new();
    if (has_body || has_params) && !own_errors {
        wanted.push(("400", "Malformed body or parameter (`malformed_request`), with `errors[]` naming it."));
    }
    let token_optional = op.security.as_ref().is_some_and(|reqs| reqs.iter().any(is_anonymous));
    let (unauthorized, forbidden) = if token_optional {
        (
            "A token was sent but is invalid, expired or revoked (`unauthorized`); none is needed to read public records.",
            "The token lacks the operation's scope (`insufficient_scope`).",
        )
    } else {
        (
            "No token, or an invalid, expired or revoked one (`unauthorized`); `WWW-Authenticate: Bearer`.",
            "The token lacks the scope (`insufficient_scope`) or the agency lacks the right.",
        )
    };
    if secured {
        wanted.push(("401", unauthorized));
        wanted.push(("403", forbidden));
    }
    if has_body {
        wanted.push(("413", "The body is larger than the server accepts (`payload_too_large`)."));
        wanted.push(("415", "The body is not JSON (`unsupported_media_type`)."));
        wanted.push(("422", "Invalid content (`validation_failed`); `errors[]` points at each field."));
    }
    wanted.push(("500", "Unexpected failure (`internal_error`); quote `request_id` when reporting it."));
    if secured || has_body {
        wanted.push(("503", "The database is unavailable (`database_unavailable`); retry after `Retry-After`."));
    }
    for (status, description) in wanted {
        op.responses.responses.entry(status.to_owned()).or_insert_with(|| problem(description));
    }
}
