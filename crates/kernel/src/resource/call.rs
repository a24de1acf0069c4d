//! What a handler is given: the caller, the request and the pool, in one extractor — and the
//! common ways to answer (one record, a page, a creation, an upsert, a history, a batch).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::access::Reader;
use crate::auth::{MaybePrincipal, Principal};
use crate::batch::{self, BatchQuery};
use crate::changes::Actor;
use crate::db::{self, AnyConnection, DbPool};
use crate::lifecycle::http::transitions_page;
use crate::paging::{self, PageQuery};
use crate::problem::ApiError;
use crate::routing::Locator;
use crate::versions::{Expected, Replace, created_response, versioned_response};

use super::Record;

/// What every handler answers.
pub type Reply = Result<HttpResponse, ApiError>;

/// A call with a verified bearer token (401 without one).
pub struct Call {
    /// The caller.
    pub principal: Principal,
    /// The request.
    pub req: HttpRequest,
    /// The database pool.
    pub pool: web::Data<DbPool>,
}

/// A call the public may make too: a sent token must still be valid (401 otherwise).
pub struct AnyCall {
    /// The caller, if a token was sent.
    pub principal: MaybePrincipal,
    /// The request.
    pub req: HttpRequest,
    /// The database pool.
    pub pool: web::Data<DbPool>,
}

/// A call to public reference data: no token is looked at.
pub struct PublicCall {
    /// The request.
    pub req: HttpRequest,
    /// The database pool.
    pub pool: web::Data<DbPool>,
}

type Extracting<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

fn pool_of(req: &HttpRequest) -> Result<web::Data<DbPool>, ApiError> {
    req.app_data::<web::Data<DbPool>>().cloned().ok_or_else(|| ApiError::Internal("no DbPool registered".into()))
}

impl FromRequest for Call {
    type Error = ApiError;
    type Future = Extracting<Call>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let principal = Principal::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move { Ok(Call { principal: principal.await?, pool: pool_of(&req)?, req }) })
    }
}

impl FromRequest for AnyCall {
    type Error = ApiError;
    type Future = Extracting<AnyCall>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let principal = MaybePrincipal::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move { Ok(AnyCall { principal: principal.await?, pool: pool_of(&req)?, req }) })
    }
}

impl FromRequest for PublicCall {
    type Error = ApiError;
    type Future = std::future::Ready<Result<PublicCall, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(pool_of(req).map(|pool| PublicCall { req: req.clone(), pool }))
    }
}

impl PublicCall {
    /// Answers one record that `load` reads in a read transaction, with its `ETag` (or 304).
    pub async fn read<T, F>(&self, load: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        read(&self.req, &self.pool, Reader::Public, move |c, _| load(c)).await
    }

    /// Answers a keyset page (by [`Record::cursor`]) of what `load(conn, after, limit)` finds.
    pub async fn page<T, B, F>(&self, paging: PageQuery, load: F, body: fn(Vec<T>, Option<String>) -> B) -> Reply
    where
        T: Record,
        B: Serialize,
        F: FnOnce(&mut AnyConnection, Option<String>, i64) -> Result<Vec<T>, ApiError> + Send + 'static,
    {
        page(&self.req, &self.pool, Reader::Public, paging, move |c, _, after, limit| load(c, after, limit), body).await
    }
}

impl AnyCall {
    /// The reader, once a sent token is found to carry `scope` (403 `insufficient_scope`).
    pub fn reader(&self, scope: &str) -> Result<Reader, ApiError> {
        Reader::with_scope(&self.principal, scope)
    }

    /// Answers one record that `load` reads in a read transaction, with its `ETag` (or 304).
    pub async fn read<T, F>(&self, scope: &str, load: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        read(&self.req, &self.pool, self.reader(scope)?, load).await
    }

    /// Answers a page of the lifecycle moves of record `id` of `entity`, once `check` finds the
    /// record visible to the caller (its 404 otherwise).
    pub async fn moves<T, F>(&self, scope: &str, entity: &'static str, id: String, paging: PageQuery, check: F) -> Reply
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        visible(&self.pool, self.reader(scope)?, check).await?;
        transitions_page(&self.req, &self.pool, entity, id, paging).await
    }

    /// Answers a keyset page (by [`Record::cursor`]) of what `load(conn, reader, after, limit)` finds; see
    /// [`paging::serve_page`].
    pub async fn page<T, B, F>(
        &self,
        scope: &str,
        paging: PageQuery,
        load: F,
        body: fn(Vec<T>, Option<String>) -> B,
    ) -> Reply
    where
        T: Record,
        B: Serialize,
        F: FnOnce(&mut AnyConnection, &Reader, Option<String>, i64) -> Result<Vec<T>, ApiError> + Send + 'static,
    {
        page(&self.req, &self.pool, self.reader(scope)?, paging, load, body).await
    }
}

impl Call {
    /// The caller as a reader, once its token is found to carry `scope`.
    pub fn reader(&self, scope: &str) -> Result<Reader, ApiError> {
        self.principal.require(scope)?;
        Ok(Reader::of(&self.principal))
    }

    /// The caller as the author of a change and as the reader of its answer, once its token is
    /// found to carry `scope`.
    pub fn writer(&self, scope: &str) -> Result<(Actor, Reader), ApiError> {
        self.principal.require(scope)?;
        Ok((Actor::from(&self.principal), Reader::of(&self.principal)))
    }

    /// Answers one record that `load` reads in a read transaction, with its `ETag` (or 304).
    pub async fn read<T, F>(&self, scope: &str, load: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        read(&self.req, &self.pool, self.reader(scope)?, load).await
    }

    /// Answers a keyset page (by [`Record::cursor`]) of what `load(conn, reader, after, limit)` finds.
    pub async fn page<T, B, F>(
        &self,
        scope: &str,
        paging: PageQuery,
        load: F,
        body: fn(Vec<T>, Option<String>) -> B,
    ) -> Reply
    where
        T: Record,
        B: Serialize,
        F: FnOnce(&mut AnyConnection, &Reader, Option<String>, i64) -> Result<Vec<T>, ApiError> + Send + 'static,
    {
        page(&self.req, &self.pool, self.reader(scope)?, paging, load, body).await
    }

    /// Runs `work` in a write transaction and answers its result with its `ETag`.
    pub async fn write<T, F>(&self, scope: &str, work: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection, &Actor, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        let (actor, writer) = self.writer(scope)?;
        let record = db::write(&self.pool, move |c| work(c, &actor, &writer)).await?;
        Ok(versioned_response(&self.req, record.version(), &record))
    }

    /// Moves a record through its lifecycle: `work` gets the version `If-Match` names, if sent.
    pub async fn transition<T, F>(&self, scope: &str, work: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection, &Actor, &Reader, Option<Expected>) -> Result<T, ApiError> + Send + 'static,
    {
        let expected = crate::versions::optional_if_match(&self.req)?;
        self.write(scope, move |c, actor, writer| work(c, actor, writer, expected)).await
    }

    /// Changes a record under `If-Match` (428 without it): `work` gets the version it names.
    pub async fn update<T, F>(&self, scope: &str, work: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection, &Actor, &Reader, Expected) -> Result<T, ApiError> + Send + 'static,
    {
        let expected = crate::versions::required_if_match(&self.req)?;
        self.write(scope, move |c, actor, writer| work(c, actor, writer, expected)).await
    }

    /// Runs `work` in a write transaction and answers the new record: 201, `Location` (its read
    /// operation, filled with its id) and `ETag`.
    pub async fn create<T, F>(&self, scope: &str, locate: Locator, work: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection, &Actor, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        let (actor, writer) = self.writer(scope)?;
        let record = db::write(&self.pool, move |c| work(c, &actor, &writer)).await?;
        Ok(created_response(&locate(&[record.key()]), record.version(), &record))
    }

    /// Creates or replaces a record by its natural key as `If-Match` allows ([`Replace`]): 201
    /// with `Location` when `work` created it, else 200 with its `ETag`. Identical upserts racing
    /// each other all succeed ([`racing`](crate::versions::racing)).
    pub async fn upsert<T, F>(&self, scope: &str, locate: Locator, work: F) -> Reply
    where
        T: Record,
        F: Fn(&mut AnyConnection, &Actor, &Reader, Replace) -> Result<(T, bool), ApiError> + Send + 'static,
    {
        let (actor, writer) = self.writer(scope)?;
        let replace = Replace::from_request(&self.req)?;
        let upsert =
            move |c: &mut AnyConnection| crate::versions::racing(c, |c| work(c, &actor, &writer, replace.clone()));
        let (record, created) = db::write(&self.pool, upsert).await?;
        if created {
            return Ok(created_response(&locate(&[record.key()]), record.version(), &record));
        }
        Ok(versioned_response(&self.req, record.version(), &record))
    }

    /// Answers a page of the history of record `id` of `entity`, once `check` finds the record
    /// visible to the caller (its 404 otherwise).
    pub async fn history<T, F>(
        &self,
        scope: &str,
        entity: &'static str,
        id: String,
        paging: PageQuery,
        check: F,
    ) -> Reply
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        let reader = self.reader(scope)?;
        visible(&self.pool, reader.clone(), check).await?;
        crate::changes::http::history_page(&self.req, &self.pool, reader, entity, id, paging).await
    }

    /// Answers a page of the lifecycle moves of record `id` of `entity`, once `check` finds the
    /// record visible to the caller (its 404 otherwise).
    pub async fn moves<T, F>(&self, scope: &str, entity: &'static str, id: String, paging: PageQuery, check: F) -> Reply
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        visible(&self.pool, self.reader(scope)?, check).await?;
        transitions_page(&self.req, &self.pool, entity, id, paging).await
    }

    /// Serves a batch: each item of the body's array is parsed as `I` (its refusal points at the
    /// item) and stored by `apply`, which answers whether it created the record.
    pub async fn batch<I, T, F>(&self, scope: &str, query: BatchQuery, body: &[u8], mut apply: F) -> Reply
    where
        I: DeserializeOwned + validator::Validate,
        T: Record,
        F: FnMut(&mut AnyConnection, &Actor, &Reader, I) -> Result<(T, bool), ApiError> + Send + 'static,
    {
        let (actor, writer) = self.writer(scope)?;
        batch::serve(&self.req, &self.pool, query, body, move |c, value| {
            let (record, created) = apply(c, &actor, &writer, batch::item(value)?)?;
            Ok((if created { 201 } else { 200 }, record.id().to_owned()))
        })
        .await
    }
}

async fn visible<T, F>(pool: &DbPool, reader: Reader, check: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
{
    db::read(pool, move |c| check(c, &reader)).await
}

async fn read<T, F>(req: &HttpRequest, pool: &DbPool, reader: Reader, load: F) -> Reply
where
    T: Record,
    F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
{
    let record = db::read(pool, move |c| load(c, &reader)).await?;
    Ok(versioned_response(req, record.version(), &record))
}

async fn page<T, B, F>(
    req: &HttpRequest,
    pool: &DbPool,
    reader: Reader,
    paging: PageQuery,
    load: F,
    body: fn(Vec<T>, Option<String>) -> B,
) -> Reply
where
    T: Record,
    B: Serialize,
    F: FnOnce(&mut AnyConnection, &Reader, Option<String>, i64) -> Result<Vec<T>, ApiError> + Send + 'static,
{
    let load = move |c: &mut AnyConnection, after, limit| load(c, &reader, after, limit);
    paging::serve_page(req, pool, paging, load, |r: &T| r.cursor(), body).await
}
