//! `GET /api/v1/changes`: the change feed, and the shared handler of `…/{id}/history`.

use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{ChangePage, FeedQuery, HistoryPage};
use crate::access::Reader;
use crate::auth::MaybePrincipal;
use crate::db::{self, DbPool};
use crate::extract::Query;
use crate::paging::{PageQuery, serve_page};
use crate::problem::{ApiError, FieldError};

/// Follows every committed change in commit order, deletions included.
///
/// Without a token, only changes to public records are listed. Sequence numbers are gapless
/// and in commit order, so a follower that stores `next_after` and asks again never misses an
/// event nor sees one that was rolled back. With `wait`, a follower that is up to date is answered
/// when the next event is committed instead of at once (a long poll): it need not spin. The hub's
/// operator may cap the wait lower (`TDC_FEED_MAX_WAIT`), so an empty page may come sooner.
#[utoipa::path(
    get, path = "/api/v1/changes", tag = "Change feed", operation_id = "list_changes",
    params(FeedQuery),
    responses(
        (status = 200, description = "Events after `after`, in sequence order; `Link: <…>; rel=\"next\"` when the page is full.", body = ChangePage),
    ),
    security((), ("bearer" = [super::CHANGES_READ]))
)]
pub async fn list(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<FeedQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.0;
    let after = q.after.unwrap_or(0);
    if after < 0 {
        return Err(bad_after());
    }
    let limit = PageQuery { limit: q.limit, cursor: None }.limit()?;
    let known = req.app_data::<web::Data<super::FeedEntities>>();
    if let (Some(entity), Some(known)) = (&q.entity, known)
        && !known.knows(entity)
    {
        let message = format!("no kind of record `{entity}` is written to the feed; see `ChangeEvent.entity`");
        return Err(ApiError::Malformed {
            detail: message.clone(),
            errors: vec![FieldError::new("/query/entity", "unknown_entity", message)],
        });
    }
    let cap = req.app_data::<web::Data<super::FeedMaxWait>>().map(|m| m.0).unwrap_or_default();
    let wait = wait_of(q.wait)?.min(cap);
    if let Some(follower) = &p.0 {
        use actix_web::HttpMessage;
        req.extensions_mut().insert(FeedRead { client_id: follower.client_id.clone(), position: after });
    }
    let reader = Reader::of_maybe(&p);
    let deadline = std::time::Instant::now() + wait;
    let items = loop {
        let commit = super::notify::next_commit();
        let (reader, entity) = (reader.clone(), q.entity.clone());
        let items = db::read(&pool, move |c| super::feed(c, &reader, after, limit + 1, entity.as_deref())).await?;
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if !items.is_empty() || left.is_zero() {
            break items;
        }
        let _ = tokio::time::timeout(left.min(super::notify::LOOK_AGAIN), commit).await;
    };
    let mut items = items;
    let more = i64::try_from(items.len()).unwrap_or(i64::MAX) > limit;
    items.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_after = items.last().map(|e| e.seq).unwrap_or(after);
    let mut res = HttpResponse::Ok();
    if more {
        res.insert_header(("Link", format!("<{}>; rel=\"next\"", next_link(&req, next_after))));
    }
    Ok(res.json(ChangePage { items, next_after, more }))
}

/// A head of the audit trail kept elsewhere earlier, to check it is still in the log.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// The number of the change a kept head names.
    pub head_seq: Option<i64>,
    /// Its hash.
    pub head_hash: Option<String>,
}

/// Walks the whole change log and checks that every change is chained by hash to the change
/// before it and to its record's previous change: an edited or deleted row breaks the chain where
/// it happened, and a head kept elsewhere (`head_seq`, `head_hash`; `tdc-hub audit head`) catches
/// the removal of the newest rows. DOST's administrators.
#[utoipa::path(
    get, path = "/api/v1/audit/verify", tag = "Change feed", operation_id = "verify_audit_trail",
    params(AuditQuery),
    responses((status = 200, description = "The report: `intact`, the head to keep, and every break with its record.", body = super::AuditReport)),
    security(("bearer" = [super::AUDIT_READ]))
)]
pub async fn verify(call: crate::resource::Call, q: Query<AuditQuery>) -> Result<HttpResponse, ApiError> {
    let heads: Vec<(i64, String)> = q.0.head_seq.zip(q.0.head_hash).into_iter().collect();
    let report = db::read(&call.pool, move |c| super::verify(c, &heads)).await?;
    Ok(HttpResponse::Ok().json(report))
}

/// How long a long poll may wait (400 beyond 30 seconds).
fn wait_of(seconds: Option<u32>) -> Result<std::time::Duration, ApiError> {
    match seconds.unwrap_or(0) {
        n @ 0..=30 => Ok(std::time::Duration::from_secs(u64::from(n))),
        _ => {
            let message = "wait is 0 to 30 seconds";
            Err(ApiError::Malformed {
                detail: message.into(),
                errors: vec![FieldError::new("/query/wait", "invalid_parameter", message)],
            })
        }
    }
}

fn bad_after() -> ApiError {
    let message = "after must be 0 or more";
    ApiError::Malformed {
        detail: message.into(),
        errors: vec![FieldError::new("/query/after", "invalid_parameter", message)],
    }
}

fn next_link(req: &HttpRequest, after: i64) -> String {
    let kept = form_urlencoded::parse(req.query_string().as_bytes()).filter(|(k, _)| k != "after");
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in kept {
        query.append_pair(&k, &v);
    }
    query.append_pair("after", &after.to_string());
    format!("{}?{}", req.path(), query.finish())
}

/// Answers a page of one record's history; domain handlers call this after checking the record
/// exists and is visible to the caller.
pub async fn history_page(
    req: &HttpRequest,
    pool: &DbPool,
    reader: Reader,
    entity: &'static str,
    entity_id: String,
    paging: PageQuery,
) -> Result<HttpResponse, ApiError> {
    let load = move |c: &mut _, after: Option<i64>, limit| {
        super::history(c, &reader, entity, &entity_id, after.unwrap_or(0), limit + 1)
    };
    serve_page(
        req,
        pool,
        paging,
        load,
        |h: &super::HistoryEntry| h.seq,
        |items, next_cursor| HistoryPage { items, next_cursor },
    )
    .await
}

/// How far a client has read the feed: left in a request's extensions for the metrics (each
/// follower's lag behind the newest change).
#[derive(Debug, Clone)]
pub struct FeedRead {
    /// The client reading.
    pub client_id: String,
    /// The `after` it asked from: every change up to it is read.
    pub position: i64,
}
