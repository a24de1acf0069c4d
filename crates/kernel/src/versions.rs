//! Optimistic concurrency: `version` as a strong `ETag`, `If-Match` on writes (428 when
//! missing, 412 when stale) and `If-None-Match` on reads (304 when unchanged).

use actix_web::{HttpRequest, HttpResponse, http::header};
use serde::Serialize;

use crate::problem::ApiError;

/// The `ETag` of a version: `"<version>"`.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The version a write's `If-Match` names; 428 without one, 412 if it cannot match.
pub fn required_if_match(req: &HttpRequest) -> Result<i32, ApiError> {
    let raw = req.headers().get(header::IF_MATCH).ok_or_else(|| {
        ApiError::PreconditionRequired("send `If-Match` with the ETag of the version you read".into())
    })?;
    let text = raw.to_str().unwrap_or("").trim();
    text.trim_start_matches("W/")
        .trim_matches('"')
        .parse::<i32>()
        .map_err(|_| ApiError::PreconditionFailed(format!("If-Match `{text}` names no version of this record")))
}

/// The version an optional `If-Match` names (for upserts, where creating needs none).
pub fn optional_if_match(req: &HttpRequest) -> Result<Option<i32>, ApiError> {
    if req.headers().contains_key(header::IF_MATCH) { required_if_match(req).map(Some) } else { Ok(None) }
}

/// 412 unless `expected` is the current version.
pub fn check_version(expected: i32, current: i32) -> Result<(), ApiError> {
    if expected == current {
        Ok(())
    } else {
        Err(ApiError::PreconditionFailed(format!("the record is at version {current}, not {expected}; read it again")))
    }
}

/// When an upsert by natural key may replace an existing record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Only if this is the current version (`PUT` with `If-Match`).
    IfVersion(i32),
    /// Only if nothing would change (`PUT` without `If-Match`: a safe resend); else 428.
    IfIdentical,
    /// Always, when the caller leads it (a batch load from the agency's own system).
    Always,
}

impl Replace {
    /// The mode a `PUT` asks for: by its `If-Match`, or a safe resend without one.
    pub fn from_request(req: &HttpRequest) -> Result<Replace, ApiError> {
        Ok(optional_if_match(req)?.map(Replace::IfVersion).unwrap_or(Replace::IfIdentical))
    }

    /// Whether to write over a record at `current_version`: `false` when the new data is
    /// `identical` (nothing to do, no new version), `true` when allowed, else 428 or 412.
    pub fn allows(self, identical: bool, current_version: i32) -> Result<bool, ApiError> {
        match self {
            _ if identical => Ok(false),
            Replace::IfIdentical => Err(ApiError::PreconditionRequired(
                "this record exists and the data differs: send `If-Match` with the ETag you read".into(),
            )),
            Replace::IfVersion(v) => check_version(v, current_version).map(|_| true),
            Replace::Always => Ok(true),
        }
    }
}

/// 412 unless a conditional update (`UPDATE … WHERE version = <the version read>`) changed its
/// row: another writer got there first.
pub fn check_updated(changed: usize) -> Result<(), ApiError> {
    if changed == 0 {
        Err(ApiError::PreconditionFailed("the record changed meanwhile; read it again".into()))
    } else {
        Ok(())
    }
}

/// Answers a single record with its `ETag`, or 304 if `If-None-Match` already names it.
pub fn versioned_response<B: Serialize>(req: &HttpRequest, version: i32, body: &B) -> HttpResponse {
    let tag = etag(version);
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim().trim_start_matches("W/") == tag || t.trim() == "*"));
    if unchanged {
        return HttpResponse::NotModified().insert_header((header::ETAG, tag)).finish();
    }
    HttpResponse::Ok().insert_header((header::ETAG, tag)).json(body)
}

/// Answers a newly created record: 201, `Location` and `ETag`.
pub fn created_response<B: Serialize>(location: &str, version: i32, body: &B) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::LOCATION, location.to_owned()))
        .insert_header((header::ETAG, etag(version)))
        .json(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn if_match_rules() {
        let req = TestRequest::default().to_http_request();
        assert!(matches!(required_if_match(&req), Err(ApiError::PreconditionRequired(_))));
        let req = TestRequest::default().insert_header((header::IF_MATCH, "\"3\"")).to_http_request();
        assert_eq!(required_if_match(&req).unwrap(), 3);
        assert!(check_version(3, 4).is_err());
        let req = TestRequest::default().insert_header((header::IF_MATCH, "junk")).to_http_request();
        assert!(matches!(required_if_match(&req), Err(ApiError::PreconditionFailed(_))));
    }

    #[test]
    fn a_conditional_update_that_changed_nothing_is_412() {
        assert!(check_updated(1).is_ok());
        assert!(matches!(check_updated(0), Err(ApiError::PreconditionFailed(_))));
    }

    #[test]
    fn replace_decisions() {
        assert!(!Replace::IfIdentical.allows(true, 3).unwrap());
        assert!(matches!(Replace::IfIdentical.allows(false, 3), Err(ApiError::PreconditionRequired(_))));
        assert!(Replace::IfVersion(3).allows(false, 3).unwrap());
        assert!(matches!(Replace::IfVersion(2).allows(false, 3), Err(ApiError::PreconditionFailed(_))));
        assert!(Replace::Always.allows(false, 9).unwrap());
    }

    #[test]
    fn if_none_match_gives_304() {
        let req = TestRequest::default().insert_header((header::IF_NONE_MATCH, "\"2\"")).to_http_request();
        assert_eq!(versioned_response(&req, 2, &1).status(), 304);
        assert_eq!(versioned_response(&req, 3, &1).status(), 200);
    }
}
