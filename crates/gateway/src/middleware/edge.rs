//! Gives every request an id (echoing `X-Request-Id` when the client sent a sane one), turns
//! every refusal — ours or actix's own (unknown route, wrong method, body too large) — into
//! `application/problem+json` carrying that id, hides the cause of a 500, and logs each request.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse};
use tdc_kernel::problem::{PROBLEM_JSON, problem_for_status};

/// The header that carries the request id both ways.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The id of the request being handled, in the request's extensions.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

fn incoming_id(req: &ServiceRequest) -> Option<String> {
    let v = req.headers().get(&REQUEST_ID)?.to_str().ok()?.trim();
    let sane = !v.is_empty() && v.len() <= 128 && v.chars().all(|c| c.is_ascii_graphic());
    sane.then(|| v.to_owned())
}

/// The middleware function (wrap with `actix_web::middleware::from_fn(edge)`).
pub async fn edge(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let id = incoming_id(&req).unwrap_or_else(tdc_kernel::ids::new_id);
    req.extensions_mut().insert(RequestId(id.clone()));
    let started = Instant::now();
    // Handlers' and extractors' errors arrive here as responses; only a failing middleware
    // returns `Err`, which actix then renders itself.
    let refusal = match tdc_kernel::text::control_in_path(req.path()) {
        Some(c) => Some(control_in_path(c)),
        None => headers_too_large(&req),
    };
    let res = match refusal {
        Some(refusal) => req.into_response(actix_web::ResponseError::error_response(&refusal)),
        None => next.call(req).await?.map_into_boxed_body(),
    };
    let cause = res.response().error().map(|e| e.to_string());
    // An HTML error page a handler made for a browser (the Digital Link resolver's 404) stays as
    // it is; every other refusal becomes a problem.
    let for_browser = (400..500).contains(&res.status().as_u16()) && content_type(&res) == "text/html";
    let mut res = if res.status().as_u16() >= 400 && !for_browser { as_problem(res, &id).await } else { res };
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    log(&res, &id, started, cause.unwrap_or_default());
    Ok(res)
}

/// The most bytes of header fields the hub reads (names, values and their separators); a larger
/// head is refused with 431 and a problem (beyond 128 KiB actix refuses it first, with a bare 431).
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

fn headers_too_large(req: &ServiceRequest) -> Option<tdc_kernel::ApiError> {
    let bytes: usize = req.headers().iter().map(|(name, value)| name.as_str().len() + value.len() + 4).sum();
    (bytes > MAX_HEADER_BYTES).then(|| {
        tdc_kernel::ApiError::HeadersTooLarge(format!(
            "the request's header fields take {bytes} bytes; the hub reads at most {MAX_HEADER_BYTES}"
        ))
    })
}

/// A path that holds a control character once decoded (`%00`, `%0B`…) is refused before routing.
fn control_in_path(c: char) -> tdc_kernel::ApiError {
    let message = format!("the path holds the control character U+{:04X}, which the hub does not accept", u32::from(c));
    tdc_kernel::ApiError::Malformed {
        detail: message.clone(),
        errors: vec![tdc_kernel::FieldError::new("/path", "control_character", message)],
    }
}

fn log(res: &ServiceResponse<BoxBody>, id: &str, started: Instant, cause: String) {
    let status = res.status().as_u16();
    let method = res.request().method().as_str().to_owned();
    let path = res.request().path().to_owned();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    // Who called, once the token was verified (the principal the extractor keeps): never the token.
    let (client, agency) = match res.request().extensions().get::<tdc_kernel::auth::Principal>() {
        Some(p) => (p.client_id.clone(), p.agency_code.clone()),
        None => (String::new(), String::new()),
    };
    if status >= 500 {
        tracing::error!(request_id = %id, %method, %path, status, latency_ms = ms, %client, %agency, %cause, "request failed");
    } else {
        tracing::info!(request_id = %id, %method, %path, status, latency_ms = ms, %client, %agency, "request");
    }
}

async fn as_problem(res: ServiceResponse<BoxBody>, id: &str) -> ServiceResponse<BoxBody> {
    let status = res.status();
    let essence = content_type(&res);
    let (req, response) = res.into_parts();
    let (head, body) = response.into_parts();
    let bytes = to_bytes(body).await.unwrap_or_default();
    let json_like = essence == PROBLEM_JSON || essence == "application/json";
    // A 500 says nothing of its cause; a 503 keeps its explanation (it names no secret).
    let opaque = status.as_u16() >= 500 && status.as_u16() != 503;
    let mut value = match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(v) if json_like && v.is_object() && !opaque => v,
        _ => serde_json::to_value(problem_for_status(status, status_detail(status, &bytes))).unwrap_or_default(),
    };
    value["request_id"] = serde_json::Value::String(id.to_owned());
    let ct = if essence == "application/json" && !opaque { "application/json" } else { PROBLEM_JSON };
    let mut out = head.set_body(serde_json::to_vec(&value).unwrap_or_default());
    out.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    out.headers_mut().remove(header::CONTENT_LENGTH);
    let out: HttpResponse = out.map_into_boxed_body();
    ServiceResponse::new(req, out)
}

/// A short explanation of actix's own refusals, never of a 500's cause.
fn status_detail(status: actix_web::http::StatusCode, body: &[u8]) -> Option<String> {
    match status.as_u16() {
        404 => Some("no such resource; see /api/v1/openapi.json for the routes".into()),
        405 => Some("this resource does not accept that method".into()),
        413 => Some("the request body is larger than this server accepts".into()),
        s if s >= 500 => None,
        _ => {
            std::str::from_utf8(body).ok().map(str::trim).filter(|t| !t.is_empty() && t.len() < 300).map(str::to_owned)
        }
    }
}

fn content_type(res: &ServiceResponse<BoxBody>) -> String {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use actix_web::middleware::from_fn;
    use actix_web::{App, HttpResponse, test, web};
    use tdc_kernel::ApiError;

    use super::*;

    async fn fails() -> Result<HttpResponse, ApiError> {
        Err(ApiError::Internal("connection to db-7.internal refused, password=hunter2".into()))
    }

    async fn plain_text_refusal() -> HttpResponse {
        HttpResponse::BadRequest().body("nope")
    }

    #[actix_web::test]
    async fn a_500_reveals_nothing_of_its_cause() {
        let app = test::init_service(App::new().wrap(from_fn(edge)).route("/boom", web::get().to(fails))).await;
        let res = test::call_service(
            &app,
            test::TestRequest::get().uri("/boom").insert_header(("X-Request-Id", "r-1")).to_request(),
        )
        .await;
        assert_eq!(res.status(), 500);
        assert_eq!(res.headers().get("x-request-id").unwrap(), "r-1");
        assert_eq!(res.headers().get("content-type").unwrap(), PROBLEM_JSON);
        let body = test::read_body(res).await;
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert!(!text.contains("hunter2") && !text.contains("db-7"), "{text}");
        let problem: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!((problem["code"].as_str(), problem["request_id"].as_str()), (Some("internal_error"), Some("r-1")));
    }

    #[actix_web::test]
    async fn any_other_refusal_becomes_a_problem() {
        let app =
            test::init_service(App::new().wrap(from_fn(edge)).route("/bad", web::get().to(plain_text_refusal))).await;
        let res = test::call_service(&app, test::TestRequest::get().uri("/bad").to_request()).await;
        assert_eq!(res.status(), 400);
        let problem: serde_json::Value = test::read_body_json(res).await;
        assert_eq!((problem["code"].as_str(), problem["detail"].as_str()), (Some("malformed_request"), Some("nope")));
        assert!(problem["request_id"].is_string());
    }
}
