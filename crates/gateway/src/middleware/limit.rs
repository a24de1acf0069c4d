//! Rate limits at the door: a request without a bearer token draws on its source address's
//! budget here (health and metrics probes are free); one with a token draws on its client's
//! budget when the token is verified (`tdc_kernel::auth`). Either way the answer carries the
//! `RateLimit-*` headers of the budget it drew on (`tdc_kernel::limits`).

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, ResponseError, web};
use tdc_kernel::limits::{Drawn, Limiter, source_of};

/// Paths probes call; they draw on no budget.
pub const FREE: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

fn has_bearer(req: &ServiceRequest) -> bool {
    let value = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("");
    value.len() > 7 && value[..7].eq_ignore_ascii_case("bearer ")
}

/// The middleware function (wrap with `actix_web::middleware::from_fn(limit)`).
pub async fn limit(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let limiter = req.app_data::<web::Data<Limiter>>().cloned();
    if let Some(limiter) = limiter.filter(|_| !has_bearer(&req) && !FREE.contains(&req.path())) {
        match limiter.anonymous(&source_of(req.request())) {
            Ok(drawn) => {
                req.extensions_mut().insert(drawn);
            }
            Err(refusal) => return Ok(req.into_response(refusal.error_response())),
        }
    }
    let mut res = next.call(req).await?.map_into_boxed_body();
    let drawn = res.request().extensions().get::<Drawn>().copied();
    if let Some(drawn) = drawn {
        let headers = res.headers_mut();
        for (name, value) in [
            ("ratelimit-limit", u64::from(drawn.limit)),
            ("ratelimit-remaining", u64::from(drawn.remaining)),
            ("ratelimit-reset", drawn.reset_seconds),
        ] {
            headers.insert(HeaderName::from_static(name), HeaderValue::from(value));
        }
    }
    Ok(res)
}
