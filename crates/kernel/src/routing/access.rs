//! The scopes an operation's annotation requires are checked where it is routed, before its path,
//! query or body is read: a caller without them learns nothing about what it sent (403
//! `insufficient_scope`, or 401 without a token where one is needed).

use std::collections::HashMap;
use std::sync::Arc;

use actix_web::Error;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;

use utoipa::openapi::security::SecurityRequirement;

use crate::problem::ApiError;

/// What one operation asks of its caller.
#[derive(Debug, Clone, Default)]
pub struct Rule {
    /// The scopes a bearer token must carry.
    scopes: Vec<String>,
    /// Whether it may be called without a token.
    anonymous: bool,
}

/// Whether a security requirement is the empty one (`{}`: no token needed).
pub fn is_anonymous(requirement: &SecurityRequirement) -> bool {
    serde_json::to_value(requirement).is_ok_and(|v| v.as_object().is_some_and(|o| o.is_empty()))
}

/// The scopes a security requirement asks of a `bearer` token, if it names that scheme.
pub fn bearer_scopes(requirement: &SecurityRequirement) -> Option<Vec<String>> {
    let value = serde_json::to_value(requirement).ok()?;
    serde_json::from_value(value.get("bearer")?.clone()).ok()
}

impl Rule {
    /// The rule an operation's `security` states: its `bearer` scopes, and whether `{}` (no
    /// token) is among its requirements. No `security` at all: anyone, any token unchecked.
    pub fn of(operation: &utoipa::openapi::path::Operation) -> Rule {
        let Some(requirements) = &operation.security else { return Rule { scopes: vec![], anonymous: true } };
        let anonymous = requirements.iter().any(is_anonymous);
        let scopes = requirements.iter().find_map(bearer_scopes).unwrap_or_default();
        Rule { scopes, anonymous }
    }

    async fn check(&self, req: &actix_web::HttpRequest) -> Result<(), ApiError> {
        if self.scopes.is_empty() && self.anonymous {
            return Ok(());
        }
        match crate::auth::caller(req).await? {
            Some(principal) => self.scopes.iter().try_for_each(|s| principal.require(s)),
            None if self.anonymous => Ok(()),
            None => Err(ApiError::Unauthorized("a bearer token is required".into())),
        }
    }
}

/// The rules of one path's methods.
#[derive(Debug, Clone, Default)]
pub struct Rules(Arc<HashMap<Method, Rule>>);

impl Rules {
    /// Adds the rule of one method.
    pub fn add(&mut self, method: Method, rule: Rule) {
        Arc::make_mut(&mut self.0).insert(method, rule);
    }
}

/// The resource-level middleware: refuses a call its method's rule does not allow.
pub async fn enforce<B: MessageBody + 'static>(
    rules: Rules,
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, Error> {
    if let Some(rule) = rules.0.get(req.method())
        && let Err(refusal) = rule.check(req.request()).await
    {
        return Ok(req.error_response(refusal).map_into_right_body());
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}
