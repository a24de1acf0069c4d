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

/// Who reads: the caller behind a request, and the [`Reader`] it is. Its scopes were checked where
/// the operation is routed, from the operation's annotation (`crate::routing::access`).
pub trait Caller: Sized + 'static {
    /// The caller of `req` (401 when its token is needed and missing or invalid).
    fn of(req: HttpRequest) -> Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;
    /// The reader it is.
    fn reader(&self) -> Reader;
}

impl Caller for Principal {
    fn of(req: HttpRequest) -> Pin<Box<dyn Future<Output = Result<Self, ApiError>>>> {
        Box::pin(async move { Principal::extract(&req).await })
    }
    fn reader(&self) -> Reader {
        Reader::of(self)
    }
}

impl Caller for MaybePrincipal {
    fn of(req: HttpRequest) -> Pin<Box<dyn Future<Output = Result<Self, ApiError>>>> {
        Box::pin(async move { MaybePrincipal::extract(&req).await })
    }
    fn reader(&self) -> Reader {
        Reader::of_maybe(self)
    }
}

impl Caller for Nobody {
    fn of(_: HttpRequest) -> Pin<Box<dyn Future<Output = Result<Self, ApiError>>>> {
        Box::pin(std::future::ready(Ok(Nobody)))
    }
    fn reader(&self) -> Reader {
        Reader::Public
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
    /// The reader the caller is (a [`PublicCall`] reads as the public).
    pub fn reader(&self) -> Reader {
        self.principal.reader()
    }

    /// Answers one record that `load` reads in a read transaction, with its `ETag` (or 304).
    pub async fn read<T, F>(&self, load: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        let reader = self.reader();
        let record = db::read_point(&self.pool, move |c| load(c, &reader)).await?;
        Ok(crate::versions::versioned_response(&self.req, record.version(), &record))
    }

    /// Answers a keyset page (by [`Record::cursor`]) of what `load(conn, reader, after, limit)`
    /// finds; see [`paging::serve_page`].
    pub async fn page<T, B, F>(&self, paging: PageQuery, load: F, body: fn(Vec<T>, Option<String>) -> B) -> Reply
    where
        T: Record,
        B: Serialize,
        F: FnOnce(&mut AnyConnection, &Reader, Option<String>, i64) -> Result<Vec<T>, ApiError> + Send + 'static,
    {
        let reader = self.reader();
        let load = move |c: &mut AnyConnection, after, limit| load(c, &reader, after, limit);
        paging::serve_page(&self.req, &self.pool, paging, load, |r: &T| r.cursor(), body).await
    }

    /// Answers a page of the lifecycle moves of record `id` of `entity`, once `check` finds the
    /// record visible to the caller (its 404 otherwise).
    pub async fn moves<T, F>(&self, entity: &'static str, id: String, paging: PageQuery, check: F) -> Reply
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        self.visible(check).await?;
        transitions_page(&self.req, &self.pool, entity, id, paging).await
    }

    /// What `check` finds with the caller's reader, in a read transaction (its 404 when the
    /// record is not one the caller may see).
    pub(super) async fn visible<T, F>(&self, check: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        let reader = self.reader();
        db::read(&self.pool, move |c| check(c, &reader)).await
    }
}
