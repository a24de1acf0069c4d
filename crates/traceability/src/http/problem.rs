//! Errors of the EPCIS binding: RFC 7807 problems whose `type` is the binding's
//! `epcisException:<Name>` (a field-level refusal keeps the hub's `code` and `errors` beside it).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use tdc_kernel::{ApiError, FieldError};

/// A refusal on `/epcis/v2`.
#[derive(Debug)]
pub struct EpcisError {
    status: StatusCode,
    exception: &'static str,
    cause: ApiError,
}

impl std::fmt::Display for EpcisError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}: {}", self.exception, self.cause)
    }
}

impl EpcisError {
    /// A query parameter the binding or the hub does not accept (400 `QueryParameterException`).
    pub fn query(errors: Vec<FieldError>) -> EpcisError {
        let detail = errors.iter().map(|e| format!("{}: {}", e.pointer, e.message)).collect::<Vec<_>>().join("; ");
        EpcisError {
            status: StatusCode::BAD_REQUEST,
            exception: "QueryParameterException",
            cause: ApiError::Malformed { detail, errors },
        }
    }

    /// A version the hub does not serve (406 `NotAcceptableException`).
    pub fn not_acceptable(detail: String) -> EpcisError {
        let cause = ApiError::Malformed { detail, errors: vec![] };
        EpcisError { status: StatusCode::NOT_ACCEPTABLE, exception: "NotAcceptableException", cause }
    }
}

impl From<ApiError> for EpcisError {
    fn from(cause: ApiError) -> EpcisError {
        let (status, exception) = match &cause {
            ApiError::Malformed { .. } | ApiError::Invalid(_) => (StatusCode::BAD_REQUEST, "ValidationException"),
            ApiError::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "SecurityException"),
            ApiError::Forbidden { .. } => (StatusCode::FORBIDDEN, "SecurityException"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "NoSuchResourceException"),
            ApiError::PayloadTooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "CaptureLimitExceededException"),
            ApiError::UnsupportedMediaType(_) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaTypeException"),
            ApiError::Conflict { .. } => (StatusCode::CONFLICT, "ResourceAlreadyExistsException"),
            other => (other.status_code(), "ImplementationException"),
        };
        EpcisError { status, exception, cause }
    }
}

impl ResponseError for EpcisError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut body = serde_json::to_value(self.cause.to_problem()).unwrap_or_default();
        body["type"] = format!("epcisException:{}", self.exception).into();
        body["status"] = self.status.as_u16().into();
        let mut res = HttpResponse::build(self.status);
        res.content_type("application/problem+json");
        super::versions(&mut res);
        if let Some(retry) = self.cause.error_response().headers().get(actix_web::http::header::RETRY_AFTER) {
            res.insert_header((actix_web::http::header::RETRY_AFTER, retry.clone()));
        }
        res.json(body)
    }
}
