//! Small batches (`POST /api/v1/<things>/batch`, at most 1000 items): each item is parsed (once,
//! from its own bytes),
//! validated and applied on its own inside a savepoint, with a result per item; with
//! `atomic=true` one failure undoes the whole batch and the answer is a 422 naming every bad
//! item's fields.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::access::Reader;
use crate::changes::Actor;
use crate::db::AnyConnection;
use crate::problem::{ApiError, FieldError, Problem};
use crate::resource::{Record, Saved};

/// The most items one batch may hold.
pub const MAX_ITEMS: usize = 1000;

/// Parameters of every batch endpoint.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BatchQuery {
    /// `true`: all items are stored or none is (default `false`: each item on its own).
    pub atomic: Option<bool>,
}

/// How many items of a batch were stored and refused: left in the request's extensions for the
/// metrics.
#[derive(Debug, Clone, Copy)]
pub struct BatchTally {
    /// Items stored.
    pub accepted: usize,
    /// Items refused.
    pub rejected: usize,
}

/// The outcome of one item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ItemResult {
    /// The item's position in the request array, from 0.
    pub index: usize,
    /// The HTTP status the item would have had alone: 201 created, 200 updated or unchanged,
    /// 4xx refused.
    pub status: u16,
    /// The record's id, when the item was stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Why the item was refused; pointers start at the item (`/3/tax_code`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
}

/// The answer to a batch.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BatchResult {
    /// One result per item, in request order.
    pub results: Vec<ItemResult>,
    /// How many items were stored (created, updated or found unchanged).
    pub succeeded: usize,
    /// How many items were refused.
    pub failed: usize,
}

/// Splits a batch body into its items (400 unless a JSON array; 413 over [`MAX_ITEMS`]). What an
/// item holds is judged with the item ([`item`]), so one bad item does not sink the batch.
pub fn parse_items(body: &[u8]) -> Result<Vec<Box<RawValue>>, ApiError> {
    let items: Vec<Box<RawValue>> = serde_json::from_slice(body)
        .map_err(|_| ApiError::Malformed { detail: "a batch is a JSON array of items".into(), errors: vec![] })?;
    if items.len() > MAX_ITEMS {
        return Err(ApiError::PayloadTooLarge(format!("a batch holds at most {MAX_ITEMS} items, not {}", items.len())));
    }
    Ok(items)
}

/// Deserializes and validates one item ([`run`] puts its pointers under `/<index>`).
pub fn item<T: DeserializeOwned + Validate>(value: &RawValue) -> Result<T, ApiError> {
    let parsed: T = crate::extract::parse_json(value.get().as_bytes())?;
    parsed.validate()?;
    Ok(parsed)
}

/// Moves an error's pointers under `/<index>`.
pub fn prefix(index: usize, e: ApiError) -> ApiError {
    let re = |errors: Vec<FieldError>| -> Vec<FieldError> {
        errors.into_iter().map(|f| FieldError { pointer: format!("/{index}{}", f.pointer), ..f }).collect()
    };
    match e {
        ApiError::Invalid(errors) => ApiError::Invalid(re(errors)),
        ApiError::Malformed { detail, errors } => ApiError::Malformed { detail, errors: re(errors) },
        ApiError::Conflict { code, detail, errors, allowed_actions } => {
            ApiError::Conflict { code, detail, errors: re(errors), allowed_actions }
        }
        other => other,
    }
}

/// An item's outcome as `apply` answers it: its status and the record's id, or why it was refused.
pub type Outcome = Result<(u16, String), ApiError>;

/// How a resource stores a batch of items (`atomic` or each on its own) in the caller's
/// transaction, as `actor`, answering each with what `writer` may read: what its batch endpoint
/// runs on a request's items and an import job on each chunk of a file (`crate::imports`).
pub type Apply = fn(&mut AnyConnection, &Author, Items, bool) -> Result<BatchResult, ApiError>;

/// A batch's items, each kept as its own JSON text until it is parsed as the resource's input.
pub type Items = Vec<Box<RawValue>>;

/// Who stores a batch: the author of its changes, the reader its answers are for, and the
/// province the hub serves.
pub struct Author<'a> {
    /// The author of the changes.
    pub actor: &'a Actor,
    /// The reader the answers are for.
    pub writer: &'a Reader,
    /// The province the hub serves.
    pub home: &'a crate::HomeProvince,
}

/// Stores items one by one ([`run`]): each is parsed and validated as `I`, then `store`d.
pub fn each<I, T, F>(
    conn: &mut AnyConnection,
    author: &Author,
    values: Items,
    atomic: bool,
    mut store: F,
) -> Result<BatchResult, ApiError>
where
    I: DeserializeOwned + Validate,
    T: Record,
    F: FnMut(&mut AnyConnection, &Actor, &Reader, I) -> Saved<T>,
{
    let (actor, writer) = (author.actor, author.writer);
    run(conn, values, atomic, |c, value| stored(store(c, actor, writer, item(&value)?)))
}

/// Stores items set-wise ([`run_set`]): the items that parse go to `all` together, which stores
/// them in a handful of statements and answers each one's record and whether it was created; when
/// it declines or loses a race, `one` stores them one by one.
pub fn set<I, T, U, A, F>(
    conn: &mut AnyConnection,
    author: &Author,
    values: Items,
    atomic: bool,
    all: A,
    mut one: F,
) -> Result<BatchResult, ApiError>
where
    I: DeserializeOwned + Validate,
    T: Record,
    U: Record,
    A: FnOnce(&mut AnyConnection, &Actor, &Reader, &[&I]) -> Result<Option<Vec<Saved<T>>>, ApiError>,
    F: FnMut(&mut AnyConnection, &Actor, &Reader, I) -> Saved<U>,
{
    let (actor, writer) = (author.actor, author.writer);
    let items: Vec<Result<I, ApiError>> = values.iter().map(|v| item(v)).collect();
    let all = |c: &mut AnyConnection, parsed: &[&I]| {
        Ok(all(c, actor, writer, parsed)?.map(|saved| saved.into_iter().map(stored).collect()))
    };
    run_set(conn, items, atomic, all, |c, item| stored(one(c, actor, writer, item)))
}

/// An item's outcome from how it was saved: 201 created, 200 otherwise.
fn stored<T: Record>(saved: Saved<T>) -> Outcome {
    let (record, created) = saved?;
    Ok((if created { 201 } else { 200 }, record.id().to_owned()))
}

/// Applies each item in its own savepoint inside the caller's transaction. `apply` answers the
/// item's status and id. A server-side failure (5xx) aborts the batch; with `atomic`, any
/// refusal does, as one 422 listing every refused item's fields.
pub fn run<X, F>(conn: &mut AnyConnection, items: Vec<X>, atomic: bool, mut apply: F) -> Result<BatchResult, ApiError>
where
    F: FnMut(&mut AnyConnection, X) -> Outcome,
{
    let mut outcomes = Vec::with_capacity(items.len());
    for value in items {
        let outcome = crate::db::savepoint(conn, |c| apply(c, value), Result::is_ok)?;
        let aborts = matches!(&outcome, Err(e) if actix_web::ResponseError::status_code(e).is_server_error());
        outcomes.push(outcome);
        if aborts {
            break;
        }
    }
    finish(outcomes, atomic)
}

/// Applies a batch set-wise in a savepoint: `all` gets the items that parsed and answers each
/// one's outcome in a handful of statements. When it declines (`None`: a shape it does not
/// handle, such as one key twice) or loses a race to a concurrent writer (409 `duplicate_key`,
/// 412), the savepoint is undone and the items run one by one through `one` — the same outcomes,
/// item by item.
pub fn run_set<I, A, F>(
    conn: &mut AnyConnection,
    items: Vec<Result<I, ApiError>>,
    atomic: bool,
    all: A,
    mut one: F,
) -> Result<BatchResult, ApiError>
where
    A: FnOnce(&mut AnyConnection, &[&I]) -> Result<Option<Vec<Outcome>>, ApiError>,
    F: FnMut(&mut AnyConnection, I) -> Outcome,
{
    let parsed: Vec<&I> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
    let set = crate::db::savepoint(conn, |c| all(c, &parsed), |set| matches!(set, Ok(Some(_))))?;
    match set {
        Ok(Some(outcomes)) => {
            let mut outcomes = outcomes.into_iter();
            let merged = items.into_iter().map(|item| item.and_then(|_| outcomes.next().unwrap_or_else(missing)));
            return finish(merged.collect(), atomic);
        }
        Ok(None) | Err(ApiError::Conflict { code: "duplicate_key", .. } | ApiError::PreconditionFailed(_)) => {}
        Err(e) => return Err(e),
    }
    run(conn, items, atomic, |c, item| item.and_then(|i| one(c, i)))
}

fn missing() -> Outcome {
    Err(ApiError::Internal("a set-wise batch answered fewer outcomes than items".into()))
}

/// The batch's answer from its items' outcomes: a server-side failure (5xx) aborts it; with
/// `atomic`, any refusal does, as one 422 listing every refused item's fields.
fn finish(outcomes: Vec<Outcome>, atomic: bool) -> Result<BatchResult, ApiError> {
    let mut results = Vec::with_capacity(outcomes.len());
    for (index, outcome) in outcomes.into_iter().enumerate() {
        match outcome {
            Ok((status, id)) => results.push(ItemResult { index, status, id: Some(id), problem: None }),
            Err(e) => {
                let problem = prefix(index, e).to_problem();
                if problem.status >= 500 {
                    return Err(ApiError::Internal(format!("batch item {index} failed: {:?}", problem.detail)));
                }
                results.push(ItemResult { index, status: problem.status, id: None, problem: Some(problem) });
            }
        }
    }
    let failed = results.iter().filter(|r| r.problem.is_some()).count();
    if atomic && failed > 0 {
        return Err(atomic_failure(&results));
    }
    Ok(BatchResult { succeeded: results.len() - failed, failed, results })
}

/// Serves a batch endpoint: checks the media type, splits the items and hands them to `apply`
/// (with whether the batch is atomic) in one write transaction — [`run`] or [`run_set`] — and
/// answers the per-item results.
pub async fn serve<F>(
    req: &actix_web::HttpRequest,
    pool: &crate::db::DbPool,
    query: BatchQuery,
    body: &[u8],
    apply: F,
) -> Result<actix_web::HttpResponse, ApiError>
where
    F: FnOnce(&mut AnyConnection, Vec<Box<RawValue>>, bool) -> Result<BatchResult, ApiError> + Send + 'static,
{
    crate::extract::check_json_media_type(req)?;
    let items = parse_items(body)?;
    let atomic = query.atomic.unwrap_or(false);
    let result = crate::db::write(pool, move |c| apply(c, items, atomic)).await?;
    use actix_web::HttpMessage;
    req.extensions_mut().insert(BatchTally { accepted: result.succeeded, rejected: result.failed });
    Ok(actix_web::HttpResponse::Ok().json(result))
}

fn atomic_failure(results: &[ItemResult]) -> ApiError {
    let errors = results
        .iter()
        .filter_map(|r| r.problem.as_ref().map(|p| (r.index, p)))
        .flat_map(|(index, p)| {
            if p.errors.is_empty() {
                let message = p.detail.clone().unwrap_or_else(|| p.title.clone());
                vec![FieldError::new(format!("/{index}"), p.code.clone(), message)]
            } else {
                p.errors.clone()
            }
        })
        .collect();
    ApiError::Invalid(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_moves_pointers_under_the_item() {
        let e = prefix(3, ApiError::invalid_field("/tax_code", "tax_code_checksum", "bad"));
        match e {
            ApiError::Invalid(errors) => assert_eq!(errors[0].pointer, "/3/tax_code"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn oversized_and_non_array_batches_are_refused() {
        let big = serde_json::to_vec(&vec![serde_json::json!({}); MAX_ITEMS + 1]).unwrap();
        assert!(matches!(parse_items(&big), Err(ApiError::PayloadTooLarge(_))));
        assert!(matches!(parse_items(b"{}"), Err(ApiError::Malformed { .. })));
    }
}
