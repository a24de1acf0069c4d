//! Request extractors whose refusals name the failing field: a JSON body that is parsed, then
//! validated, and a typed query string.

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header, web};
use serde::de::DeserializeOwned;
use validator::Validate;

use crate::problem::{ApiError, FieldError};

/// A JSON request body, deserialized and then checked with its `validator` rules.
///
/// Refusals: 415 unless the media type is JSON, 413 over the body limit, 400 for broken JSON,
/// 422 with a JSON Pointer for a value of the wrong type or one that breaks a rule.
pub struct ValidJson<T>(pub T);

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let media = check_json_media_type(req);
        let body = Body::from_request(req, payload);
        Box::pin(async move {
            media?;
            let Body(bytes) = body.await?;
            let value: T = parse_json(&bytes)?;
            value.validate()?;
            Ok(ValidJson(value))
        })
    }
}

/// How long a request's body may take to arrive once its head has (408 `request_timeout` after).
#[derive(Debug, Clone, Copy)]
pub struct BodyDeadline(pub std::time::Duration);

impl Default for BodyDeadline {
    fn default() -> BodyDeadline {
        BodyDeadline(std::time::Duration::from_secs(30))
    }
}

/// The largest body the hub reads, in bytes (`TDC_BODY_LIMIT`), for operations that advertise it.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// A request's body as bytes, read within the [`BodyDeadline`]: a client that stalls does not
/// hold its connection (and a worker's attention) longer.
pub struct Body(pub web::Bytes);

impl FromRequest for Body {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let deadline = req.app_data::<web::Data<BodyDeadline>>().map(|d| *d.get_ref()).unwrap_or_default();
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            match actix_web::rt::time::timeout(deadline.0, body).await {
                Ok(read) => read.map(Body).map_err(body_error),
                Err(_) => Err(ApiError::RequestTimeout(format!(
                    "the body did not arrive within {} s",
                    deadline.0.as_secs_f64()
                ))),
            }
        })
    }
}

/// Refuses (415) a body whose `Content-Type` is not `application/json` or `…+json`, or names a
/// charset other than UTF-8 (JSON is UTF-8: RFC 8259 §8.1).
pub fn check_json_media_type(req: &HttpRequest) -> Result<(), ApiError> {
    let ct = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mut parts = ct.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    if essence != "application/json" && !essence.ends_with("+json") {
        return Err(ApiError::UnsupportedMediaType(format!("send the body as application/json (got `{ct}`)")));
    }
    let charset = parts.filter_map(|p| p.split_once('=')).find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"));
    match charset.map(|(_, v)| v.trim().trim_matches('"').to_ascii_lowercase()) {
        Some(c) if c != "utf-8" && c != "utf8" => {
            Err(ApiError::UnsupportedMediaType(format!("JSON is UTF-8; the charset `{c}` is not accepted")))
        }
        _ => Ok(()),
    }
}

/// Turns a failure to read the body into a problem (413 over the limit, else 400).
pub fn body_error(e: actix_web::Error) -> ApiError {
    let status = e.as_response_error().status_code();
    if status == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge("the request body is larger than this server accepts".into())
    } else {
        ApiError::Malformed { detail: format!("could not read the request body: {e}"), errors: vec![] }
    }
}

/// Parses JSON; a syntax error is 400, a value of the wrong shape is 422 pointing at it, and text
/// holding a control character (see [`crate::text`]) is 422 `control_character` pointing at it.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if crate::text::json_may_hold_refused(bytes) {
        refuse_control_characters(bytes)?;
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let pointer = pointer_of(e.path());
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => ApiError::Invalid(vec![shape_error(pointer, &inner.to_string())]),
            _ => ApiError::Malformed { detail: format!("the body is not valid JSON: {inner}"), errors: vec![] },
        }
    })
}

fn refuse_control_characters(bytes: &[u8]) -> Result<(), ApiError> {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else { return Ok(()) };
    match crate::text::refused_in_json(&value) {
        None => Ok(()),
        Some((pointer, c)) => Err(ApiError::invalid_field(
            &pointer,
            "control_character",
            format!("the text holds the control character U+{:04X}, which the hub does not accept", u32::from(c)),
        )),
    }
}

/// The field error of a value of the wrong shape. serde names a missing or unknown field in its
/// message; the path points at the object holding a missing one (the pointer then names the field
/// itself) and already at an unknown one.
fn shape_error(pointer: String, message: &str) -> FieldError {
    let message = strip_position(message);
    let named = |prefix: &str| message.strip_prefix(prefix).and_then(|rest| rest.split('`').next()).map(str::to_owned);
    if let Some(field) = named("missing field `") {
        return FieldError::new(format!("{pointer}/{field}"), "required", message);
    }
    if let Some(field) = named("unknown field `") {
        let at = if pointer.ends_with(&format!("/{field}")) { pointer } else { format!("{pointer}/{field}") };
        return FieldError::new(at, "unknown_field", message);
    }
    FieldError::new(pointer, "invalid_value", message)
}

/// A typed query string. A parameter of the wrong type is a 400 naming `/query/<name>`.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Query))
    }
}

/// Parses a query string into `T`, naming the parameter that fails; a value holding a control
/// character or longer than [`crate::text::MAX_PARAMETER_CHARS`] is refused first.
pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    parse_query_within(query, crate::text::MAX_PARAMETER_CHARS)
}

/// [`parse_query`] for parameters that may be longer (a standard's lists of identifiers, e.g.
/// EPCIS's pipe-separated `MATCH_epc`): a value of at most `max_chars` characters.
pub fn parse_query_within<T: DeserializeOwned>(query: &str, max_chars: usize) -> Result<T, ApiError> {
    check_parameters(query, max_chars)?;
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let name = e.path().to_string();
        let name = if name == "." { String::new() } else { name };
        let message = e.into_inner().to_string();
        ApiError::Malformed {
            detail: format!("query parameter `{name}` is invalid: {message}"),
            errors: vec![FieldError::new(format!("/query/{name}"), "invalid_parameter", message)],
        }
    })
}

fn check_parameters(query: &str, max_chars: usize) -> Result<(), ApiError> {
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        let refuse = |code: &str, message: String| ApiError::Malformed {
            detail: format!("query parameter `{name}` is invalid: {message}"),
            errors: vec![FieldError::new(format!("/query/{name}"), code, message)],
        };
        if let Some(c) = value.chars().chain(name.chars()).find(|c| c.is_control()) {
            let message = format!("holds the control character U+{:04X}", u32::from(c));
            return Err(refuse("control_character", message));
        }
        if value.chars().count() > max_chars {
            let message = format!("is longer than {max_chars} characters");
            return Err(refuse("parameter_too_long", message));
        }
    }
    Ok(())
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out.push_str(&format!("/{}", key.replace('~', "~0").replace('/', "~1"))),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Item {
        n: u32,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Batch {
        items: Vec<Item>,
    }

    #[test]
    fn wrong_type_points_at_the_field() {
        let err = parse_json::<Batch>(br#"{"items":[{"n":1},{"n":"x"}]}"#).unwrap_err();
        match err {
            ApiError::Invalid(errors) => assert_eq!(errors[0].pointer, "/items/1/n"),
            other => panic!("expected 422, got {other:?}"),
        }
    }

    #[test]
    fn broken_json_is_malformed() {
        assert!(matches!(parse_json::<Batch>(b"{\"items\":"), Err(ApiError::Malformed { .. })));
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Q {
        limit: Option<u32>,
    }

    #[test]
    fn bad_query_names_the_parameter() {
        match parse_query::<Q>("limit=abc") {
            Err(ApiError::Malformed { errors, .. }) => assert_eq!(errors[0].pointer, "/query/limit"),
            other => panic!("expected 400, got {other:?}"),
        }
        assert_eq!(parse_query::<Q>("limit=5").unwrap().limit, Some(5));
    }
}
