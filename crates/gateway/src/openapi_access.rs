//! What the document says of each operation beyond its annotation: who may call it (from its
//! `security` and the roles each scope is granted to) and whether it changes anything — so every
//! operation has a description an integrator reads — and the webhooks the hub pushes.

use std::collections::BTreeMap;

use tdc_kernel::routing::access::{bearer_scopes, is_anonymous};
use utoipa::openapi::path::{HttpMethod, Operation};

/// The roles each scope is granted to, by scope.
pub type Grants = BTreeMap<&'static str, Vec<&'static str>>;

/// The roles of every domain's scopes.
pub fn grants(domains: &[tdc_kernel::routing::Domain]) -> Grants {
    let scopes = domains.iter().flat_map(|d| d.scopes.iter());
    scopes.map(|s| (s.name, s.roles.iter().map(|r| r.as_str()).collect())).collect()
}

/// Appends to the operation's description who may call it and, for a read, that it changes
/// nothing (the summary stands in for a description the annotation did not give).
pub fn describe(op: &mut Operation, method: &HttpMethod, grants: &Grants) {
    let told = op.description.clone().or_else(|| op.summary.clone()).unwrap_or_default();
    let mut text = format!("{told}\n\n**Who may call it:** {}", who(op, grants));
    if matches!(method, HttpMethod::Get | HttpMethod::Head | HttpMethod::Options) {
        text.push_str(" It changes nothing.");
    }
    op.description = Some(text.trim_start().to_owned());
}

fn who(op: &Operation, grants: &Grants) -> String {
    let requirements = op.security.as_deref().unwrap_or_default();
    let anonymous = requirements.is_empty() || requirements.iter().any(is_anonymous);
    let scopes = requirements.iter().find_map(bearer_scopes);
    match (anonymous, scopes) {
        (true, None) => "anyone; no token is needed.".to_owned(),
        (true, Some(scopes)) if !scopes.is_empty() => format!(
            "anyone without a token (public records only); a client whose token carries {} reads what its agency may see.",
            listed(&scopes, grants)
        ),
        (true, Some(_)) => "anyone; a token, when sent, must be valid.".to_owned(),
        (false, Some(scopes)) if !scopes.is_empty() => {
            format!("a client whose token carries {}.", listed(&scopes, grants))
        }
        (false, _) => "any client with a valid token; what it may see or change is its agency's.".to_owned(),
    }
}

/// `` `a` (roles admin, agency_officer) `` for each scope.
fn listed(scopes: &[String], grants: &Grants) -> String {
    let each = scopes.iter().map(|s| match grants.get(s.as_str()) {
        Some(roles) => format!("`{s}` (roles: {})", roles.join(", ")),
        None => format!("`{s}`"),
    });
    each.collect::<Vec<_>>().join(" and ")
}

/// The change the hub pushes to a webhook subscription's address (OpenAPI 3.1 `webhooks`), so
/// receivers generate the same type as feed followers.
pub fn webhooks(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::{OperationBuilder, PathItem};
    use utoipa::openapi::request_body::RequestBodyBuilder;
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let body = RequestBodyBuilder::new()
        .description(Some("One committed change, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`)."))
        .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("WebhookEvent"))).build())
        .required(Some(utoipa::openapi::Required::True))
        .build();
    let push = OperationBuilder::new()
        .operation_id(Some("receive_change"))
        .summary(Some("A change the subscription names, pushed to its address."))
        .description(Some("Answer 2xx once it is stored; anything else is retried with a growing delay. Deduplicate by `webhook-id` (the same on every retry and replay); order by `data.seq`.\n\n**Who may call it:** the hub, on your subscription (`POST /api/v1/webhooks`)."))
        .tag("Webhooks")
        .request_body(Some(body))
        // The hub signs each push; the receiver checks the signature, not a token.
        .securities(Some(Vec::<utoipa::openapi::security::SecurityRequirement>::new()))
        .response("200", ResponseBuilder::new().description("Received.").build())
        .build();
    let mut paths = utoipa::openapi::Paths::new();
    paths.paths.insert("change".to_owned(), PathItem::new(HttpMethod::Post, push));
    doc.webhooks = Some(paths);
}
