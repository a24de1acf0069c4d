//! The ways a [`Call`] answers a write: a change, a move, an update, a creation, an upsert, a
//! history and a batch.

use crate::access::Reader;
use crate::batch::{self, BatchQuery};
use crate::changes::Actor;
use crate::db::{self, AnyConnection};
use crate::paging::PageQuery;
use crate::problem::ApiError;
use crate::routing::Locator;
use crate::versions::{Expected, Replace, created_response, versioned_response};

use super::{Call, Record, Reply};

impl Call {
    /// The caller as the author of a change and as the reader of its answer.
    pub fn writer(&self) -> (Actor, Reader) {
        (Actor::from(&self.principal), Reader::of(&self.principal))
    }

    /// Runs `work` in a write transaction and answers its result with its `ETag`.
    pub async fn write<T, F>(&self, work: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection, &Actor, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        let (actor, writer) = self.writer();
        let record = db::write(&self.pool, move |c| work(c, &actor, &writer)).await?;
        Ok(versioned_response(&self.req, record.version(), &record))
    }

    /// Moves a record through its lifecycle: `work` gets the version `If-Match` names, if sent.
    pub async fn transition<T, F>(&self, work: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection, &Actor, &Reader, Option<Expected>) -> Result<T, ApiError> + Send + 'static,
    {
        let expected = crate::versions::optional_if_match(&self.req)?;
        self.write(move |c, actor, writer| work(c, actor, writer, expected)).await
    }

    /// Changes a record under `If-Match` (428 without it): `work` gets the version it names.
    pub async fn update<T, F>(&self, work: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection, &Actor, &Reader, Expected) -> Result<T, ApiError> + Send + 'static,
    {
        let expected = crate::versions::required_if_match(&self.req)?;
        self.write(move |c, actor, writer| work(c, actor, writer, expected)).await
    }

    /// Runs `work` in a write transaction and answers the new record: 201, `Location` (its read
    /// operation, filled with its id) and `ETag`.
    pub async fn create<T, F>(&self, locate: Locator, work: F) -> Reply
    where
        T: Record,
        F: FnOnce(&mut AnyConnection, &Actor, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        let (actor, writer) = self.writer();
        let record = db::write(&self.pool, move |c| work(c, &actor, &writer)).await?;
        Ok(created_response(&locate(&[record.key()]), record.version(), &record))
    }

    /// Creates or replaces a record by its natural key as `If-Match` allows ([`Replace`]): 201
    /// with `Location` when `work` created it, else 200 with its `ETag`. Identical upserts racing
    /// each other all succeed ([`racing`](crate::versions::racing)).
    pub async fn upsert<T, F>(&self, locate: Locator, work: F) -> Reply
    where
        T: Record,
        F: Fn(&mut AnyConnection, &Actor, &Reader, Replace) -> Result<(T, bool), ApiError> + Send + 'static,
    {
        let (actor, writer) = self.writer();
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
    pub async fn history<T, F>(&self, entity: &'static str, id: String, paging: PageQuery, check: F) -> Reply
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection, &Reader) -> Result<T, ApiError> + Send + 'static,
    {
        self.visible(check).await?;
        let reader = self.reader();
        crate::changes::http::history_page(&self.req, &self.pool, reader, entity, id, paging).await
    }

    /// Serves a batch: the body's array of items stored by the resource's `apply` in one write
    /// transaction, with one result per item.
    pub async fn batch(&self, query: BatchQuery, body: &[u8], apply: batch::Apply) -> Reply {
        let (actor, writer) = self.writer();
        let home = self.req.app_data::<actix_web::web::Data<crate::HomeProvince>>().cloned();
        let home = home.ok_or_else(|| ApiError::Internal("no HomeProvince registered".into()))?;
        batch::serve(&self.req, &self.pool, query, body, move |c, items, atomic| {
            apply(c, &batch::Author { actor: &actor, writer: &writer, home: &home }, items, atomic)
        })
        .await
    }
}
