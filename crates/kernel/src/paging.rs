//! Cursor pagination (keyset underneath): `limit` and an opaque `cursor` in, `items` and
//! `next_cursor` out, with the same link in a `Link: <…>; rel="next"` header.

use actix_web::{HttpRequest, HttpResponse, http::header};
use base64::Engine;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use utoipa::IntoParams;

use crate::db::{AnyConnection, DbPool};
use crate::problem::ApiError;

/// Items per page when `limit` is not given.
pub const DEFAULT_LIMIT: u32 = 50;
/// The most items a page holds.
pub const MAX_LIMIT: u32 = 1000;

/// Declares a page of a list: `page!(BusinessPage of Business, "A page of businesses.", "The
/// businesses on this page, oldest first.")` — its items and the cursor of the next page.
#[macro_export]
macro_rules! page {
    ($name:ident of $item:ty, $doc:literal, $items:literal) => {
        #[doc = $doc]
        #[derive(Debug, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        pub struct $name {
            #[doc = $items]
            pub items: Vec<$item>,
            /// Cursor of the next page; absent on the last page.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub next_cursor: Option<String>,
        }
    };
}

/// The paging parameters every list accepts.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 1000 (default 50). The server may return fewer.
    #[param(minimum = 1, maximum = 1000, example = 50)]
    pub limit: Option<u32>,
    /// Opaque cursor from the previous page's `next_cursor`; absent for the first page.
    pub cursor: Option<String>,
}

impl PageQuery {
    /// The page size, or 400 naming `/query/limit` when out of range.
    pub fn limit(&self) -> Result<i64, ApiError> {
        match self.limit.unwrap_or(DEFAULT_LIMIT) {
            n @ 1..=MAX_LIMIT => Ok(i64::from(n)),
            _ => Err(bad_param("limit", "limit must be between 1 and 1000")),
        }
    }

    /// The key the previous page ended at, decoded from the cursor.
    pub fn after<K: DeserializeOwned>(&self) -> Result<Option<K>, ApiError> {
        let Some(raw) = self.cursor.as_deref() else { return Ok(None) };
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(raw)
            .map_err(|_| bad_param("cursor", "the cursor is not one this server issued"))?;
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|_| bad_param("cursor", "the cursor is not one this server issued"))
    }
}

fn bad_param(name: &str, message: &str) -> ApiError {
    ApiError::Malformed {
        detail: message.into(),
        errors: vec![crate::problem::FieldError::new(format!("/query/{name}"), "invalid_parameter", message)],
    }
}

/// Encodes a keyset position as an opaque cursor.
pub fn encode_cursor<K: Serialize>(key: &K) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

/// Trims rows fetched with `limit + 1` to one page; returns the page and the next cursor.
pub fn split_page<T, K: Serialize>(mut rows: Vec<T>, limit: i64, key: impl Fn(&T) -> K) -> (Vec<T>, Option<String>) {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    if rows.len() <= limit {
        return (rows, None);
    }
    rows.truncate(limit);
    let next = rows.last().map(|last| encode_cursor(&key(last)));
    (rows, next)
}

/// Serves one keyset page: decodes `limit` and `cursor`, runs `load(conn, after, limit)` (which
/// fetches up to `limit + 1` rows after the key `after`) in a read transaction, and answers the
/// page that `body(items, next_cursor)` builds, with the `Link` header when there is more.
pub async fn serve_page<T, K, B, F>(
    req: &HttpRequest,
    pool: &DbPool,
    paging: PageQuery,
    load: F,
    key: impl Fn(&T) -> K,
    body: impl FnOnce(Vec<T>, Option<String>) -> B,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(&mut AnyConnection, Option<K>, i64) -> Result<Vec<T>, ApiError> + Send + 'static,
    T: Send + 'static,
    K: Serialize + DeserializeOwned + Send + 'static,
    B: Serialize,
{
    let limit = paging.limit()?;
    let after = paging.after::<K>()?;
    let rows = crate::db::read(pool, move |c| load(c, after, limit)).await?;
    let (items, next_cursor) = split_page(rows, limit, key);
    let link = next_cursor.clone();
    Ok(page_response(req, &body(items, next_cursor), link.as_deref()))
}

/// Answers a page with 200 and, when there is a next page, the `Link` header.
pub fn page_response<B: Serialize>(req: &HttpRequest, body: &B, next_cursor: Option<&str>) -> HttpResponse {
    let mut res = HttpResponse::Ok();
    if let Some(next) = next_cursor {
        res.insert_header((header::LINK, format!("<{}>; rel=\"next\"", next_url(req, next))));
    }
    res.json(body)
}

fn next_url(req: &HttpRequest, cursor: &str) -> String {
    let kept = form_urlencoded::parse(req.query_string().as_bytes()).filter(|(k, _)| k != "cursor");
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in kept {
        query.append_pair(&k, &v);
    }
    query.append_pair("cursor", cursor);
    format!("{}?{}", req.path(), query.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_page_emits_cursor_only_when_more() {
        let (page, next) = split_page(vec![1, 2, 3], 2, |n| *n);
        assert_eq!(page, vec![1, 2]);
        let q = PageQuery { limit: None, cursor: next };
        assert_eq!(q.after::<i32>().unwrap(), Some(2));
        let (page, next) = split_page(vec![1, 2], 2, |n| *n);
        assert_eq!((page.len(), next), (2, None));
    }

    #[test]
    fn limits_are_checked() {
        assert!(PageQuery { limit: Some(0), cursor: None }.limit().is_err());
        assert!(PageQuery { limit: Some(1001), cursor: None }.limit().is_err());
        assert_eq!(PageQuery::default().limit().unwrap(), 50);
        assert!(PageQuery { limit: None, cursor: Some("%%".into()) }.after::<String>().is_err());
    }
}
