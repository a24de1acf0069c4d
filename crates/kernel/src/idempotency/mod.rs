//! `Idempotency-Key` on any `POST` (API.md): the first answer is kept for 24 hours and replayed
//! for the same key and the same request; the same key with another request is 422; the same
//! key while the first request still runs waits for its answer (up to 5 s), then is 409. Keys belong to the API client, so two clients
//! may use the same key. A server failure (5xx) is not kept, so the retry runs again; neither is
//! a refusal of the caller (401, 403, 429), nor an answer marked `Cache-Control: no-store` (it
//! carries a secret), whose retry meets the record's natural key instead.

mod store;

use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse, web};
use sha2::{Digest, Sha256};

pub use store::RETENTION_HOURS;
use store::{Claim, Stored};

use crate::db::{self, DbPool};
use crate::problem::{ApiError, FieldError};

/// The request header.
pub const HEADER: &str = "idempotency-key";
/// The response header that marks a replayed answer.
pub const REPLAYED: &str = "idempotent-replayed";
const KEPT_HEADERS: [header::HeaderName; 3] = [header::LOCATION, header::ETAG, header::CONTENT_TYPE];
/// Refusals that happen before the request is processed (who may call, how often): a retry
/// after fixing them must run, not replay them.
const NOT_KEPT: [u16; 3] = [401, 403, 429];

/// The middleware function (wrap with `actix_web::middleware::from_fn(idempotency)`).
pub async fn idempotency(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // An import's file is streamed, never held: its handler keeps the key with the job.
    let streamed = || req.path() == <crate::imports::http::__path_create as utoipa::Path>::path();
    if req.method() != Method::POST || !req.headers().contains_key(HEADER) || streamed() {
        return next.call(req).await.map(ServiceResponse::map_into_boxed_body);
    }
    let key = match valid_key(req.headers()) {
        Ok(k) => k,
        Err(e) => return Ok(req.error_response(e)),
    };
    let client = crate::auth::caller(req.request()).await.ok().flatten().map(|p| p.client_id);
    let (Some(client), Some(pool)) = (client, req.app_data::<web::Data<DbPool>>().cloned()) else {
        // No valid token (or the client's budget is spent): the route refuses it; nothing to keep.
        // A caller verified here is kept in the request, so the route does not verify it again.
        return next.call(req).await.map(ServiceResponse::map_into_boxed_body);
    };
    let body = match req.extract::<crate::extract::Body>().await {
        Ok(b) => b.0,
        Err(e) => return Ok(req.error_response(e)),
    };
    let hash = request_hash(&req, &body);
    let claim = claim_waiting(&pool, &client, &key, &hash).await;
    match claim {
        Err(e) => Ok(req.error_response(e)),
        Ok(Claim::InProgress) => Ok(req.error_response(in_progress())),
        Ok(Claim::Mismatch) => Ok(req.error_response(mismatch())),
        Ok(Claim::Replay(stored)) => Ok(req.into_response(replay(&stored))),
        Ok(Claim::Fresh) => {
            let (_, mut payload) = actix_http::h1::Payload::create(true);
            payload.unread_data(body);
            req.set_payload(payload.into());
            let beat = heartbeat(pool.clone(), client.clone(), key.clone());
            let res = next.call(req).await;
            beat.abort();
            keep(res?.map_into_boxed_body(), &pool, client, key).await
        }
    }
}

/// How long a resend waits for the first request with its key to finish, to replay its answer,
/// before it is told 409 `idempotency_in_progress`.
const WAIT_FOR_FIRST: std::time::Duration = std::time::Duration::from_secs(5);

/// Claims the key; while the first request with it still runs, waits for its answer (checking
/// every 100 ms, up to [`WAIT_FOR_FIRST`]), so identical resends sent at once all get it.
async fn claim_waiting(pool: &DbPool, client: &str, key: &str, hash: &str) -> Result<Claim, ApiError> {
    let started = std::time::Instant::now();
    loop {
        let (c, k, h) = (client.to_owned(), key.to_owned(), hash.to_owned());
        let claim = db::write(pool, move |conn| store::claim(conn, &c, &k, &h)).await?;
        if !matches!(claim, Claim::InProgress) || started.elapsed() >= WAIT_FOR_FIRST {
            return Ok(claim);
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// While a request runs, its key's claim is renewed every [`store::HEARTBEAT_SECONDS`]: a claim
/// not renewed for longer (its instance died mid-request) is abandoned, and a retry runs.
fn heartbeat(pool: web::Data<DbPool>, client: String, key: String) -> actix_web::rt::task::JoinHandle<()> {
    actix_web::rt::spawn(async move {
        loop {
            actix_web::rt::time::sleep(std::time::Duration::from_secs(store::HEARTBEAT_SECONDS)).await;
            let (c, k) = (client.clone(), key.clone());
            if let Err(e) = db::write(&pool, move |conn| store::renew(conn, &c, &k)).await {
                tracing::warn!(error = %e, "could not renew an idempotency key's claim");
            }
        }
    })
}

/// The `Idempotency-Key` header's value, checked (400 `invalid_header` when it is not 1 to 255
/// visible ASCII characters).
pub(crate) fn valid_key(headers: &header::HeaderMap) -> Result<String, ApiError> {
    let raw = headers.get(HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
    if (1..=255).contains(&raw.len()) && raw.chars().all(|c| c.is_ascii_graphic()) {
        return Ok(raw.to_owned());
    }
    let message = "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)";
    Err(ApiError::Malformed {
        detail: message.into(),
        errors: vec![FieldError::new("/header/Idempotency-Key", "invalid_header", message)],
    })
}

fn request_hash(req: &ServiceRequest, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(req.path().as_bytes());
    h.update(b"?");
    h.update(req.query_string().as_bytes());
    h.update(b"\n");
    h.update(body);
    crate::text::hex(&h.finalize())
}

pub(crate) fn in_progress() -> ApiError {
    ApiError::Conflict {
        code: "idempotency_in_progress",
        detail: "a request with this Idempotency-Key is still being processed; retry shortly".into(),
        errors: vec![],
        allowed_actions: vec![],
    }
}

pub(crate) fn mismatch() -> ApiError {
    let message = "this Idempotency-Key was used with a different request; use a new key for a new request";
    ApiError::Unprocessable {
        code: "idempotency_key_reused",
        detail: message.into(),
        errors: vec![FieldError::new("/header/Idempotency-Key", "idempotency_key_reused", message)],
    }
}

fn replay(stored: &Stored) -> HttpResponse {
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
    let mut res = HttpResponse::build(status);
    for (name, value) in &stored.headers {
        res.insert_header((name.as_str(), value.as_str()));
    }
    res.insert_header((REPLAYED, "true"));
    res.body(stored.body.clone())
}

async fn keep(
    res: ServiceResponse<BoxBody>,
    pool: &DbPool,
    client: String,
    key: String,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let (req, response) = res.into_parts();
    let status = response.status();
    let no_store = response.headers().get(header::CACHE_CONTROL).is_some_and(|v| v.as_bytes() == b"no-store");
    let headers: Vec<(String, String)> = KEPT_HEADERS
        .iter()
        .filter_map(|n| response.headers().get(n).and_then(|v| v.to_str().ok()).map(|v| (n.to_string(), v.to_owned())))
        .collect();
    let (head, body) = response.into_parts();
    let bytes = to_bytes(body).await.unwrap_or_default();
    let stored = Stored { status: status.as_u16(), headers, body: String::from_utf8_lossy(&bytes).into_owned() };
    let outcome = if status.is_server_error() || no_store || NOT_KEPT.contains(&status.as_u16()) {
        db::write(pool, move |c| store::release(c, &client, &key)).await
    } else {
        db::write(pool, move |c| store::complete(c, &client, &key, &stored)).await
    };
    if let Err(e) = outcome {
        tracing::warn!(error = %e, "could not keep the idempotent answer; a retry will run the request again");
    }
    Ok(ServiceResponse::new(req, head.set_body(bytes).map_into_boxed_body()))
}
