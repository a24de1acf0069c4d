//! What a handler is given: the caller, the request and the pool, in one extractor — and the
//! ways to answer a read (one record, a page, its moves). Writes are in `writes.rs`.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use serde::Serialize;

use crate::access::Reader;
use crate::auth::{MaybePrincipal, Principal};
use crate::db::{self, AnyConnection, DbPool};
use crate::lifecycle::http::transitions_page;
use crate::paging::{self, PageQuery};
use crate::problem::ApiError;

use super::Record;

/// What every handler answers.
pub type Reply = Result<HttpResponse, ApiError>;

/// A call: who makes it (`P`), the request and the pool.
pub struct CallOf<P> {
    /// The caller.
    pub principal: P,
    /// The request.
    pub req: HttpRequest,
    /// The database pool.
    pub pool: web::Data<DbPool>,
}

/// A call with a verified bearer token (401 without one).
pub type Call = CallOf<Principal>;

/// A call the public may make too: a sent token must still be valid (401 otherwise).
pub type AnyCall = CallOf<MaybePrincipal>;

/// A call to public reference data: no token is looked at.
pub type PublicCall = CallOf<Nobody>;

/// The caller of a [`PublicCall`]: nobody in particular.
pub struct Nobody;

/// Who reads: how a caller's token and a scope make a [`Reader`].
pub trait Caller: Sized + 'static {
    /// The caller of `req` (401 when its token is needed and missing or invalid).
    fn of(req: HttpRequest) -> Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;
    /// The reader, once the caller's token is found to carry `scope` (403 `insufficient_scope`).
    fn reader(&self, scope: &str) -> Result<Reader, ApiError>;
}

impl Caller for Principal {
    fn of(req: HttpRequest) -> Pin<Box<dyn Future<Output = Result<Self, ApiError>>>> {
        Box::pin(async move { Principal::extract(&req).await })
    }
    fn reader(&self, scope: &str) -> Result<Reader, ApiError> {
        self.require(scope)?;
        Ok(Reader::of(self))
    }
}

impl Caller for MaybePrincipal {
    fn of(req: HttpRequest) -> Pin<Box<dyn Future<Output = Result<Self, ApiError>>>> {
        Box::pin(async move { MaybePrincipal::extract(&req).await })
    }
    fn reader(&self, scope: &str) -> Result<Reader, ApiError> {
        Reader::with_scope(self, scope)
    }
}

impl Caller for Nobody {
    fn of(_: HttpRequest) -> Pin<Box<dyn Future<Output = Result<Self, ApiError>>>> {
        Box::pin(std::future::ready(Ok(Nobody)))
    }
    fn reader(&self, _: &str) -> Result<Reader, ApiError> {
        Ok(Reader::Public)
    }
}

fn pool_of(req: &HttpRequest) -> Result<web::Data<DbPool>, ApiError> {
    req.app_data::<web::Data<DbPool>>().cloned().ok_or_else(|| ApiError::Internal("no DbPool registered".into()))
}

impl<P: Caller> FromRequest for CallOf<P> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(CallOf { principal: P::of(req.clone()).await?, pool: pool_of(&req)?, req }) })
    }
}

impl<P: Caller> CallOf<P> {
    /// The reader, once the caller's token is found to carry `scope` (403 `insufficient_scope`;
    /// a [`PublicCall`] reads as the public whatever the scope).
    pub fn reader(&self, scope: &str) -> Result<Reader, ApiError> {
        self.principal.reader(scope)
    }

    /// Answers one record that `load` reads in a read transaction, with its `ETag` (or 304).
    pub async fn read<T, F>(&self, scope: &str, load: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        let reader = self.reader(scope)?;
        let record = db::read(&self.pool, move |c| load(c, &reader)).await?;
        Ok(crate::versions::versioned_response(&self.req, record.version(), &record))
    }

    /// Answers a keyset page (by [`Record::cursor`]) of what `load(conn, reader, after, limit)`
    /// finds; see [`paging::serve_page`].
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
        let reader = self.reader(scope)?;
        let load = move |c: &mut AnyConnection, after, limit| load(c, &reader, after, limit);
        paging::serve_page(&self.req, &self.pool, paging, load, |r: &T| r.cursor(), body).await
    }

    /// Answers a page of the lifecycle moves of record `id` of `entity`, once `check` finds the
    /// record visible to the caller (its 404 otherwise).
    pub async fn moves<T, F>(&self, scope: &str, entity: &'static str, id: String, paging: PageQuery, check: F) -> Reply
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        self.visible(scope, check).await?;
        transitions_page(&self.req, &self.pool, entity, id, paging).await
    }

    /// What `check` finds with the caller's reader, in a read transaction (its 404 when the
    /// record is not one the caller may see).
    pub(super) async fn visible<T, F>(&self, scope: &str, check: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        let reader = self.reader(scope)?;
        db::read(&self.pool, move |c| check(c, &reader)).await
    }
}
