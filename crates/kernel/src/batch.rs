//! Small batches (`POST /api/v1/<things>/batch`, at most 1000 items): each item is parsed,
//! validated and applied on its own inside a savepoint, with a result per item; with
//! `atomic=true` one failure undoes the whole batch and the answer is a 422 naming every bad
//! item's fields.

use diesel::RunQueryDsl;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::db::AnyConnection;
use crate::problem::{ApiError, FieldError, Problem};

/// The most items one batch may hold.
pub const MAX_ITEMS: usize = 1000;

/// Parameters of every batch endpoint.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BatchQuery {
    /// `true`: all items are stored or none is (default `false`: each item on its own).
    pub atomic: Option<bool>,
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
pub fn parse_items(body: &[u8]) -> Result<Vec<serde_json::Value>, ApiError> {
    let items: Vec<serde_json::Value> = serde_json::from_slice(body)
        .map_err(|_| ApiError::Malformed { detail: "a batch is a JSON array of items".into(), errors: vec![] })?;
    if items.len() > MAX_ITEMS {
        return Err(ApiError::PayloadTooLarge(format!("a batch holds at most {MAX_ITEMS} items, not {}", items.len())));
    }
    Ok(items)
}

/// Deserializes and validates one item ([`run`] puts its pointers under `/<index>`).
pub fn item<T: DeserializeOwned + Validate>(value: serde_json::Value) -> Result<T, ApiError> {
    let parsed: T = crate::extract::parse_json(value.to_string().as_bytes())?;
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

/// Applies each item in its own savepoint inside the caller's transaction. `apply` answers the
/// item's status and id. A server-side failure (5xx) aborts the batch; with `atomic`, any
/// refusal does, as one 422 listing every refused item's fields.
pub fn run<F>(
    conn: &mut AnyConnection,
    items: Vec<serde_json::Value>,
    atomic: bool,
    mut apply: F,
) -> Result<BatchResult, ApiError>
where
    F: FnMut(&mut AnyConnection, serde_json::Value) -> Result<(u16, String), ApiError>,
{
    let mut results = Vec::with_capacity(items.len());
    for (index, value) in items.into_iter().enumerate() {
        diesel::sql_query("SAVEPOINT batch_item").execute(conn)?;
        match apply(conn, value) {
            Ok((status, id)) => {
                diesel::sql_query("RELEASE SAVEPOINT batch_item").execute(conn)?;
                results.push(ItemResult { index, status, id: Some(id), problem: None });
            }
            Err(e) => {
                diesel::sql_query("ROLLBACK TO SAVEPOINT batch_item").execute(conn)?;
                diesel::sql_query("RELEASE SAVEPOINT batch_item").execute(conn)?;
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

/// Serves a batch endpoint: checks the media type, splits the items, runs them with `apply`
/// in one write transaction (see [`run`]) and answers the per-item results.
pub async fn serve<F>(
    req: &actix_web::HttpRequest,
    pool: &crate::db::DbPool,
    query: BatchQuery,
    body: &[u8],
    apply: F,
) -> Result<actix_web::HttpResponse, ApiError>
where
    F: FnMut(&mut AnyConnection, serde_json::Value) -> Result<(u16, String), ApiError> + Send + 'static,
{
    crate::extract::check_json_media_type(req)?;
    let items = parse_items(body)?;
    let atomic = query.atomic.unwrap_or(false);
    let result = crate::db::write(pool, move |c| run(c, items, atomic, apply)).await?;
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
