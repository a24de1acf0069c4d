//! `/epcis/v2/queries`: named queries — a view on the events defined once in the EPCIS query
//! language and run by its name (subscriptions are not offered yet).

use actix_web::{HttpResponse, web};
use tdc_kernel::extract::{Body, check_json_media_type};
use tdc_kernel::resource::Call;
use tdc_kernel::{ApiError, FieldError, Problem, db};

use super::events::{answer_query, path_value};
use super::resources::{next_page, per_page_and_after};
use super::{EpcisError, TAG, check_versions, versions};
use crate::model::{EpcisDocument, NamedQuery};
use crate::scopes::TRACEABILITY_READ;
use crate::store::captures::Capturer;
use crate::store::named;

fn valid_name(name: &str) -> bool {
    (1..=100).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Defines a named query: `201`, its address in `Location`. The query is checked as the standard
/// query checks its parameters (`epcisException:QueryParameterException`); a name in use is `409`
/// (`epcisException:ResourceAlreadyExistsException`).
#[utoipa::path(post, path = "/epcis/v2/queries", tag = TAG, operation_id = "epcis_create_query",
    request_body = NamedQuery, security(("bearer" = [TRACEABILITY_READ])),
    responses(
        (status = 201, description = "Defined.", body = NamedQuery, headers(("Location" = String, description = "`/epcis/v2/queries/{queryName}`."))),
        (status = 400, description = "A malformed body or name, or a query the hub cannot run (`epcisException:QueryParameterException`).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The name is taken (`epcisException:ResourceAlreadyExistsException`).", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON.", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(call: Call, body: Body) -> Result<HttpResponse, EpcisError> {
    check_versions(&call.req)?;
    check_json_media_type(&call.req)?;
    let definition: NamedQuery = serde_json::from_slice(&body.0)
        .map_err(|e| ApiError::Malformed { detail: format!("not a query definition: {e}"), errors: vec![] })?;
    if !valid_name(&definition.name) {
        return Err(EpcisError::query(vec![FieldError::new(
            "/name",
            "name_format",
            "1 to 100 letters, digits, - and _",
        )]));
    }
    named::check(&definition.query).map_err(EpcisError::query)?;
    let creator = Capturer::of(&call.principal);
    let created = db::write(&call.pool, move |c| named::create(c, &creator, &definition)).await?;
    let mut res = HttpResponse::Created();
    versions(&mut res);
    Ok(res.insert_header(("Location", format!("/epcis/v2/queries/{}", created.name))).json(created))
}

/// Lists the named queries by name (`perPage`, `nextPageToken`; the next page in `Link`).
#[utoipa::path(get, path = "/epcis/v2/queries", tag = TAG, operation_id = "epcis_list_queries",
    params(("perPage" = Option<u32>, Query, description = "Queries per page, 1 to 1000 (30)."),
        ("nextPageToken" = Option<String>, Query, description = "The token from the previous page's `Link`.")),
    security(("bearer" = [TRACEABILITY_READ])),
    responses(
        (status = 200, description = "A page of query definitions.", body = Vec<NamedQuery>, headers(("Link" = String, description = "The next page, while there is one."))),
        (status = 400, description = "A parameter other than perPage and nextPageToken (`epcisException:QueryParameterException`).", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(call: Call) -> Result<HttpResponse, EpcisError> {
    check_versions(&call.req)?;
    let (per_page, after) = per_page_and_after(&call)?;
    let mut found = db::read(&call.pool, move |c| named::list(c, after.as_deref(), per_page)).await?;
    Ok(next_page(&call, &mut found, per_page, |q: &NamedQuery| q.name.as_str()).json(found))
}

/// One named query's definition.
#[utoipa::path(get, path = "/epcis/v2/queries/{queryName}", tag = TAG, operation_id = "epcis_get_query",
    params(("queryName" = String, Path, description = "The query's name.")), security(("bearer" = [TRACEABILITY_READ])),
    responses(
        (status = 200, description = "The definition.", body = NamedQuery),
        (status = 404, description = "No such query (`epcisException:NoSuchResourceException`).", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get(call: Call, name: web::Path<String>) -> Result<HttpResponse, EpcisError> {
    check_versions(&call.req)?;
    let name = path_value(&name.into_inner());
    let found = db::read(&call.pool, move |c| named::get(c, &name)).await?;
    let mut res = HttpResponse::Ok();
    versions(&mut res);
    Ok(res.json(found))
}

/// Deletes a named query (the agency that defined it, or DOST's administrators): `204`.
#[utoipa::path(delete, path = "/epcis/v2/queries/{queryName}", tag = TAG, operation_id = "epcis_delete_query",
    params(("queryName" = String, Path, description = "The query's name.")), security(("bearer" = [TRACEABILITY_READ])),
    responses(
        (status = 204, description = "Deleted."),
        (status = 403, description = "Another agency defined it (`epcisException:SecurityException`).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such query (`epcisException:NoSuchResourceException`).", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete(call: Call, name: web::Path<String>) -> Result<HttpResponse, EpcisError> {
    check_versions(&call.req)?;
    let name = path_value(&name.into_inner());
    let (deleter, admin) = (Capturer::of(&call.principal), call.principal.is_admin());
    db::write(&call.pool, move |c| named::delete(c, &deleter, admin, &name)).await?;
    let mut res = HttpResponse::NoContent();
    versions(&mut res);
    Ok(res.finish())
}

/// Runs a named query: its events, paged as `GET /epcis/v2/events` pages them (`perPage`,
/// `nextPageToken`; a parameter of the request replaces the stored one of its name).
#[utoipa::path(get, path = "/epcis/v2/queries/{queryName}/events", tag = TAG, operation_id = "epcis_query_named",
    params(("queryName" = String, Path, description = "The query's name."),
        ("perPage" = Option<u32>, Query, description = "Events per page, 1 to 1000 (30)."),
        ("nextPageToken" = Option<String>, Query, description = "The token from the previous page's `Link`.")),
    security(("bearer" = [TRACEABILITY_READ])),
    responses(
        (status = 200, description = "One page of events.", body = EpcisDocument, content_type = "application/ld+json",
            headers(("Link" = String, description = "The next page, while more events match."))),
        (status = 400, description = "A parameter the query cannot take (`epcisException:QueryParameterException`).", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such query (`epcisException:NoSuchResourceException`).", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn events(call: Call, name: web::Path<String>) -> Result<HttpResponse, EpcisError> {
    let name = path_value(&name.into_inner());
    let stored = db::read(&call.pool, move |c| named::stored_query(c, &name)).await?;
    let own: Vec<(String, String)> = form_urlencoded::parse(call.req.query_string().as_bytes()).into_owned().collect();
    let kept: Vec<(String, String)> = form_urlencoded::parse(stored.as_bytes())
        .into_owned()
        .filter(|(k, _)| !own.iter().any(|(o, _)| o == k))
        .collect();
    let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(kept.into_iter().chain(own)).finish();
    answer_query(call, &query).await
}
