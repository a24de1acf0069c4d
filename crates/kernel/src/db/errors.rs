//! How database errors become API errors.

use diesel::result::{DatabaseErrorKind, Error};

use crate::problem::ApiError;

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::NotFound => ApiError::NotFound("no such record".into()),
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                ApiError::Unavailable(info.message().to_owned())
            }
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => ApiError::Unavailable(
                "a concurrent write touched the same records; nothing was written, send the request again".into(),
            ),
            Error::DatabaseError(_, info) if info.message().contains("deadlock detected") => ApiError::Unavailable(
                "a concurrent write touched the same records; nothing was written, send the request again".into(),
            ),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => ApiError::Conflict {
                code: "duplicate_key",
                detail: "a record with the same unique key already exists".into(),
                errors: vec![],
                allowed_actions: vec![],
            },
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// The result of a write, a unique-key violation turned into 409 `duplicate_key` naming the field
/// at `pointer`: `unique(diesel::insert_into(t).values(&row).execute(conn), "/tax_code", "…")?`.
pub fn unique<T>(result: Result<T, Error>, pointer: &str, message: impl Into<String>) -> Result<T, crate::ApiError> {
    match result {
        Err(e) if is_unique_violation(&e) => Err(crate::ApiError::duplicate(pointer, message)),
        other => other.map_err(Into::into),
    }
}

/// Whether a diesel error is a unique-key violation (so the caller can name the field).
pub fn is_unique_violation(e: &Error) -> bool {
    matches!(e, Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _))
}
