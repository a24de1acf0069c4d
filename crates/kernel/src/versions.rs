//! Optimistic concurrency: `version` as a strong `ETag`, `If-Match` on writes (428 when
//! missing, 412 when stale) and `If-None-Match` on reads (304 when unchanged).

use actix_web::{HttpRequest, HttpResponse, http::header};
use serde::Serialize;

use crate::problem::ApiError;

/// The `ETag` of a version: `"<version>"`.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// What a write's `If-Match` accepts as the current version (RFC 9110 §13.1.1): `*`, any version
/// there is; else the versions its strong entity tags name. A weak tag (`W/"3"`) never matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// `If-Match: *`: whatever version the record is at.
    Any,
    /// `If-Match: "3"` (or a list, `"3", "4"`): one of these versions.
    OneOf(Vec<i32>),
}

impl Expected {
    /// Exactly this version (what a caller that read version `v` sends).
    pub fn version(v: i32) -> Expected {
        Expected::OneOf(vec![v])
    }

    /// Parses an `If-Match` value; 412 when no tag in it can match (only weak or unknown tags).
    pub fn parse(text: &str) -> Result<Expected, ApiError> {
        let text = text.trim();
        if text == "*" {
            return Ok(Expected::Any);
        }
        let strong = text.split(',').map(str::trim).filter(|t| !t.starts_with("W/"));
        let versions: Vec<i32> = strong.filter_map(|t| t.strip_prefix('"')?.strip_suffix('"')?.parse().ok()).collect();
        if versions.is_empty() {
            let why = if text.contains("W/") { " (a weak tag never matches `If-Match`)" } else { "" };
            return Err(ApiError::PreconditionFailed(format!(
                "If-Match `{text}` names no version of this record{why}"
            )));
        }
        Ok(Expected::OneOf(versions))
    }

    /// Whether the record at `current` may be written.
    pub fn allows(&self, current: i32) -> bool {
        match self {
            Expected::Any => true,
            Expected::OneOf(versions) => versions.contains(&current),
        }
    }
}

impl std::fmt::Display for Expected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expected::Any => f.write_str("*"),
            Expected::OneOf(v) => f.write_str(&v.iter().map(|v| etag(*v)).collect::<Vec<_>>().join(", ")),
        }
    }
}

/// What a write's `If-Match` accepts; 428 without one, 412 if it cannot match.
pub fn required_if_match(req: &HttpRequest) -> Result<Expected, ApiError> {
    let raw = req.headers().get(header::IF_MATCH).ok_or_else(|| {
        ApiError::PreconditionRequired("send `If-Match` with the ETag of the version you read".into())
    })?;
    Expected::parse(raw.to_str().unwrap_or(""))
}

/// What an optional `If-Match` accepts (for upserts, where creating needs none).
pub fn optional_if_match(req: &HttpRequest) -> Result<Option<Expected>, ApiError> {
    if req.headers().contains_key(header::IF_MATCH) { required_if_match(req).map(Some) } else { Ok(None) }
}

/// 412 unless `expected` accepts the current version.
pub fn check_version(expected: &Expected, current: i32) -> Result<(), ApiError> {
    if expected.allows(current) {
        Ok(())
    } else {
        Err(ApiError::PreconditionFailed(format!("the record is at version {current}, not {expected}; read it again")))
    }
}

/// When an upsert by natural key may replace an existing record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replace {
    /// Only if `If-Match` accepts the current version (`PUT` with `If-Match`).
    IfVersion(Expected),
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
    pub fn allows(&self, identical: bool, current_version: i32) -> Result<bool, ApiError> {
        match self {
            _ if identical => Ok(false),
            Replace::IfIdentical => Err(ApiError::PreconditionRequired(
                "this record exists and the data differs: send `If-Match` with the ETag you read".into(),
            )),
            Replace::IfVersion(expected) => check_version(expected, current_version).map(|_| true),
            Replace::Always => Ok(true),
        }
    }
}

/// Runs an upsert by natural key so that identical ones racing on PostgreSQL all succeed: when its
/// creation loses to a concurrent one on the unique key (409 `duplicate_key`), the work is undone
/// to a savepoint and runs again, and then finds the record the other created.
pub fn racing<T>(
    conn: &mut crate::db::AnyConnection,
    attempt: impl Fn(&mut crate::db::AnyConnection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    if conn.backend() == crate::db::Backend::Sqlite {
        return attempt(conn); // SQLite runs one writer at a time: nothing races.
    }
    match crate::db::savepoint(conn, &attempt, Result::is_ok)? {
        Err(ApiError::Conflict { code: "duplicate_key", .. }) => attempt(conn),
        other => other,
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
        assert_eq!(required_if_match(&req).unwrap(), Expected::version(3));
        assert!(check_version(&Expected::version(3), 4).is_err());
        let req = TestRequest::default().insert_header((header::IF_MATCH, "junk")).to_http_request();
        assert!(matches!(required_if_match(&req), Err(ApiError::PreconditionFailed(_))));
    }

    #[test]
    fn if_match_follows_rfc_9110() {
        assert!(matches!(Expected::parse("W/\"3\""), Err(ApiError::PreconditionFailed(m)) if m.contains("weak")));
        assert!(Expected::parse("*").unwrap().allows(17));
        let listed = Expected::parse("\"2\", W/\"3\", \"4\"").unwrap();
        assert!(listed.allows(2) && listed.allows(4) && !listed.allows(3));
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
        assert!(Replace::IfVersion(Expected::version(3)).allows(false, 3).unwrap());
        let stale = Replace::IfVersion(Expected::version(2)).allows(false, 3);
        assert!(matches!(stale, Err(ApiError::PreconditionFailed(_))));
        assert!(Replace::Always.allows(false, 9).unwrap());
    }

    #[test]
    fn if_none_match_gives_304() {
        let req = TestRequest::default().insert_header((header::IF_NONE_MATCH, "\"2\"")).to_http_request();
        assert_eq!(versioned_response(&req, 2, &1).status(), 304);
        assert_eq!(versioned_response(&req, 3, &1).status(), 200);
    }
}
