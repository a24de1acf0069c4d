//! RFC 9457 problem details: the one error type every handler returns, rendered as
//! `application/problem+json` at the edge.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";
/// Prefix of every problem `type` URI.
pub const PROBLEM_TYPE_BASE: &str = "/problems/";

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct FieldError {
    /// JSON Pointer (RFC 6901) to the offending value, e.g. `/items/3/tax_code`; for a
    /// query or path parameter, `/query/<name>` or `/path/<name>`.
    pub pointer: String,
    /// Stable machine-readable reason, e.g. `required`, `length`, `tax_code_checksum`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
}

impl FieldError {
    /// A field error at `pointer`.
    pub fn new(pointer: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError { pointer: pointer.into(), code: code.into(), message: message.into() }
    }
}

/// An error answer (RFC 9457). Clients branch on `code`, never on `title` or `detail`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation_failed",
    "title": "Invalid request", "status": 422, "detail": "1 field is invalid",
    "code": "validation_failed", "request_id": "0193a1c2-7d0e-7c53-9a51-3f1e2d4c5b6a",
    "errors": [{"pointer": "/code", "code": "required", "message": "code is required"}]
}))]
pub struct Problem {
    /// URI reference identifying the kind of problem: `/problems/<code>`, on the hub that answered
    /// (RFC 9457 §3.1.1): a page saying what it means and how to fix it.
    #[serde(rename = "type")]
    pub type_uri: String,
    /// Short summary of the kind of problem; the same for every occurrence of a `code`.
    pub title: String,
    /// The HTTP status code, repeated.
    pub status: u16,
    /// Explanation specific to this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable machine-readable code, e.g. `validation_failed`, `not_found`, `version_mismatch`.
    pub code: String,
    /// The request's id (also in the `X-Request-Id` header): quote it when reporting a problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The invalid fields, when the request's content was at fault.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For a refused state transition: the actions allowed from the current state.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_actions: Vec<String>,
}

/// Every refusal a handler can give. Unexpected failures are `Internal`: logged, never shown.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the body or a parameter could not be parsed at all.
    #[error("malformed request: {detail}")]
    Malformed {
        /// What could not be parsed.
        detail: String,
        /// Where, when known.
        errors: Vec<FieldError>,
    },
    /// 401: no token, or a token that does not verify.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// 403: authenticated, but the token lacks a scope or the agency lacks the right.
    #[error("forbidden: {detail}")]
    Forbidden {
        /// Stable code: `insufficient_scope` or `not_lead_agency` and the like.
        code: &'static str,
        /// Explanation.
        detail: String,
    },
    /// 404: no such resource (or not visible to the caller).
    #[error("not found: {0}")]
    NotFound(String),
    /// 409: a duplicate natural key or another conflict with the current state.
    #[error("conflict: {detail}")]
    Conflict {
        /// Stable code, e.g. `duplicate_key`, `illegal_transition`.
        code: &'static str,
        /// Explanation.
        detail: String,
        /// The field at fault, when one is.
        errors: Vec<FieldError>,
        /// For a refused transition, the actions allowed now.
        allowed_actions: Vec<String>,
    },
    /// 408: the body did not arrive within the deadline.
    #[error("request timeout: {0}")]
    RequestTimeout(String),
    /// 431: the request's header fields are larger than the hub reads.
    #[error("header fields too large: {0}")]
    HeadersTooLarge(String),
    /// 412: `If-Match` names a version that is no longer current.
    #[error("stale version: {0}")]
    PreconditionFailed(String),
    /// 413: the body is larger than the configured limit.
    #[error("payload too large: {0}")]
    PayloadTooLarge(String),
    /// 415: the body's media type is not one the operation accepts.
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    /// 422: well-formed but invalid content.
    #[error("invalid content")]
    Invalid(Vec<FieldError>),
    /// 422: a request refused as a whole for a reason with its own stable `code` (a reused
    /// `Idempotency-Key`: `idempotency_key_reused`), the field at fault named.
    #[error("unprocessable: {detail}")]
    Unprocessable {
        /// Stable code.
        code: &'static str,
        /// Explanation.
        detail: String,
        /// The field at fault.
        errors: Vec<FieldError>,
    },
    /// 428: a conditional header (`If-Match`) is required.
    #[error("precondition required: {0}")]
    PreconditionRequired(String),
    /// 429: too many requests of a kind; `Retry-After` says when to try again.
    #[error("too many requests: {detail}")]
    TooManyRequests {
        /// Stable code, e.g. `too_many_comments`.
        code: &'static str,
        /// Explanation.
        detail: String,
        /// Seconds until a retry may succeed.
        retry_after_seconds: u64,
    },
    /// 503: the database cannot be reached right now.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// 500: a bug or an unexpected failure; the cause is logged, not shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 422 for a single field.
    pub fn invalid_field(pointer: &str, code: &str, message: impl Into<String>) -> Self {
        ApiError::Invalid(vec![FieldError::new(pointer, code, message)])
    }

    /// A 400 for a single parameter that cannot be read at all.
    pub fn malformed_field(pointer: &str, code: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError::Malformed { detail: message.clone(), errors: vec![FieldError::new(pointer, code, message)] }
    }

    /// A 409 for a duplicate natural key at `pointer`.
    pub fn duplicate(pointer: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError::Conflict {
            code: "duplicate_key",
            detail: message.clone(),
            errors: vec![FieldError::new(pointer, "duplicate_key", message)],
            allowed_actions: vec![],
        }
    }

    /// A 409 for a conflict with the record's current state, with a stable `code`.
    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        ApiError::Conflict { code, detail: detail.into(), errors: vec![], allowed_actions: vec![] }
    }

    /// A 403 for a token that lacks `scope`.
    pub fn missing_scope(scope: &str) -> Self {
        ApiError::Forbidden { code: "insufficient_scope", detail: format!("this operation needs the scope `{scope}`") }
    }

    /// The problem body this error is answered with.
    pub fn to_problem(&self) -> Problem {
        let (code, title, detail, errors, allowed) = self.parts();
        Problem {
            type_uri: format!("{PROBLEM_TYPE_BASE}{code}"),
            title: title.to_owned(),
            status: self.status_code().as_u16(),
            detail,
            code: code.to_owned(),
            request_id: None,
            errors,
            allowed_actions: allowed,
        }
    }

    #[allow(clippy::type_complexity)]
    fn parts(&self) -> (&str, &str, Option<String>, Vec<FieldError>, Vec<String>) {
        match self {
            ApiError::Malformed { detail, errors } => {
                ("malformed_request", "Malformed request", Some(detail.clone()), errors.clone(), vec![])
            }
            ApiError::Unauthorized(d) => ("unauthorized", "Authentication required", Some(d.clone()), vec![], vec![]),
            ApiError::Forbidden { code, detail } => (code, "Not allowed", Some(detail.clone()), vec![], vec![]),
            ApiError::NotFound(d) => ("not_found", "Not found", Some(d.clone()), vec![], vec![]),
            ApiError::Conflict { code, detail, errors, allowed_actions } => {
                (code, "Conflict", Some(detail.clone()), errors.clone(), allowed_actions.clone())
            }
            ApiError::PreconditionFailed(d) => ("version_mismatch", "Stale version", Some(d.clone()), vec![], vec![]),
            ApiError::Invalid(errors) => {
                let n = errors.len();
                let detail = format!("{n} field{} invalid", if n == 1 { " is" } else { "s are" });
                ("validation_failed", "Invalid request", Some(detail), errors.clone(), vec![])
            }
            ApiError::Unprocessable { code, detail, errors } => {
                (code, "Unprocessable request", Some(detail.clone()), errors.clone(), vec![])
            }
            ApiError::HeadersTooLarge(d) => {
                ("headers_too_large", "Request header fields too large", Some(d.clone()), vec![], vec![])
            }
            ApiError::RequestTimeout(d) => ("request_timeout", "Request timeout", Some(d.clone()), vec![], vec![]),
            ApiError::PayloadTooLarge(d) => {
                ("payload_too_large", "Request body too large", Some(d.clone()), vec![], vec![])
            }
            ApiError::UnsupportedMediaType(d) => {
                ("unsupported_media_type", "Unsupported media type", Some(d.clone()), vec![], vec![])
            }
            ApiError::PreconditionRequired(d) => {
                ("precondition_required", "Precondition required", Some(d.clone()), vec![], vec![])
            }
            ApiError::TooManyRequests { code, detail, .. } => {
                (code, "Too many requests", Some(detail.clone()), vec![], vec![])
            }
            ApiError::Unavailable(_) => (
                "database_unavailable",
                "Service unavailable",
                Some("the database cannot be reached; retry later".into()),
                vec![],
                vec![],
            ),
            ApiError::Internal(_) => ("internal_error", "Internal error", None, vec![], vec![]),
        }
    }
}

/// Renders a problem body with the given status.
pub fn problem_response(status: StatusCode, problem: &Problem) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
        .body(serde_json::to_vec(problem).unwrap_or_default())
}

/// A problem for a bare HTTP status (404 route, 405 method, 413 size…) with no more specific cause.
pub fn problem_for_status(status: StatusCode, detail: Option<String>) -> Problem {
    let (code, title) = match status.as_u16() {
        400 => ("malformed_request", "Malformed request"),
        401 => ("unauthorized", "Authentication required"),
        403 => ("forbidden", "Not allowed"),
        404 => ("not_found", "Not found"),
        405 => ("method_not_allowed", "Method not allowed"),
        406 => ("not_acceptable", "Not acceptable"),
        408 => ("request_timeout", "Request timeout"),
        411 => ("length_required", "Length required"),
        413 => ("payload_too_large", "Request body too large"),
        414 => ("uri_too_long", "URI too long"),
        415 => ("unsupported_media_type", "Unsupported media type"),
        431 => ("headers_too_large", "Request header fields too large"),
        429 => ("rate_limited", "Too many requests"),
        503 => ("service_unavailable", "Service unavailable"),
        s if s >= 500 => ("internal_error", "Internal error"),
        _ => ("client_error", "Request refused"),
    };
    Problem {
        type_uri: format!("{PROBLEM_TYPE_BASE}{code}"),
        title: title.into(),
        status: status.as_u16(),
        detail,
        code: code.into(),
        request_id: None,
        errors: vec![],
        allowed_actions: vec![],
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Malformed { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::HeadersTooLarge(_) => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Invalid(_) | ApiError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = problem_response(self.status_code(), &self.to_problem());
        let headers = res.headers_mut();
        match self {
            ApiError::Unauthorized(_) => {
                headers.insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
            }
            ApiError::Forbidden { code: "insufficient_scope", .. } => {
                let value = r#"Bearer error="insufficient_scope""#;
                headers.insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static(value));
            }
            ApiError::Unavailable(_) => {
                headers.insert(header::RETRY_AFTER, header::HeaderValue::from_static("5"));
            }
            ApiError::TooManyRequests { retry_after_seconds, .. } => {
                headers.insert(header::RETRY_AFTER, header::HeaderValue::from(*retry_after_seconds));
            }
            _ => {}
        }
        res
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        ApiError::Invalid(crate::validation::field_errors("", &errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_counts_fields_in_detail() {
        let err = ApiError::Invalid(vec![FieldError::new("/a", "required", "a"), FieldError::new("/b", "x", "b")]);
        let p = err.to_problem();
        assert_eq!(p.status, 422);
        assert_eq!(p.code, "validation_failed");
        assert_eq!(p.detail.as_deref(), Some("2 fields are invalid"));
        assert_eq!(p.type_uri, "/problems/validation_failed");
    }

    #[test]
    fn internal_reveals_nothing() {
        let p = ApiError::Internal("db password wrong at host x".into()).to_problem();
        let body = serde_json::to_string(&p).unwrap();
        assert!(!body.contains("password"));
        assert_eq!(p.status, 500);
    }
}
