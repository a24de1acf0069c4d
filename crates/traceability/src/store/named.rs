//! EPCIS named queries: a query in the EPCIS query language (the binding's JSON form), checked as
//! the standard query would check it, stored under its name, run by it.

use diesel::prelude::*;
use serde_json::Value;
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::{ApiError, FieldError};

use super::captures::Capturer;
use super::query;
use crate::model::{EventQuery, NamedQuery};
use crate::schema::epcis_queries as queries;

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = queries)]
struct QueryRow {
    name: String,
    query: String,
    agency_code: String,
    client_id: String,
    created_at: chrono::NaiveDateTime,
}

impl QueryRow {
    fn to_api(&self) -> NamedQuery {
        NamedQuery { name: self.name.clone(), query: serde_json::from_str(&self.query).unwrap_or(Value::Null) }
    }
}

/// The query string a query object stands for: lists joined with `|`, `@context` left out.
pub fn query_string(query: &Value) -> Result<String, Vec<FieldError>> {
    let Value::Object(members) = query else {
        return Err(vec![FieldError::new("/query", "invalid_parameter", "a query is a JSON object")]);
    };
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (name, value) in members.iter().filter(|(k, _)| k.as_str() != "@context") {
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Array(items) if items.iter().all(|i| i.is_string()) => {
                items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("|")
            }
            _ => {
                return Err(vec![FieldError::new(
                    format!("/query/{name}"),
                    "invalid_parameter",
                    "a string, a number or a list of strings",
                )]);
            }
        };
        out.append_pair(name, &text);
    }
    Ok(out.finish())
}

/// Checks a query object as the standard query checks its parameters.
pub fn check(query: &Value) -> Result<String, Vec<FieldError>> {
    let text = query_string(query)?;
    let q: EventQuery = query::parse(&text)?;
    query::filter(&q)?;
    Ok(text)
}

/// Stores `definition` under its name for `creator`; 409 when the name is taken.
pub fn create(conn: &mut AnyConnection, creator: &Capturer, definition: &NamedQuery) -> Result<NamedQuery, ApiError> {
    let row = QueryRow {
        name: definition.name.clone(),
        query: definition.query.to_string(),
        agency_code: creator.agency_code.clone(),
        client_id: creator.client_id.clone(),
        created_at: now(),
    };
    tdc_kernel::db::unique(
        diesel::insert_into(queries::table).values(&row).execute(conn),
        "/name",
        "a query with this name exists; choose another or delete it first",
    )?;
    Ok(row.to_api())
}

fn find(conn: &mut AnyConnection, name: &str) -> Result<QueryRow, ApiError> {
    let row = queries::table.find(name).select(QueryRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no named query {name}")))
}

/// One named query.
pub fn get(conn: &mut AnyConnection, name: &str) -> Result<NamedQuery, ApiError> {
    Ok(find(conn, name)?.to_api())
}

/// The stored query's string, to run it.
pub fn stored_query(conn: &mut AnyConnection, name: &str) -> Result<String, ApiError> {
    let row = find(conn, name)?;
    let query: Value = serde_json::from_str(&row.query).unwrap_or(Value::Null);
    query_string(&query).map_err(ApiError::Invalid)
}

/// Up to `per_page + 1` named queries after `after`, by name.
pub fn list(conn: &mut AnyConnection, after: Option<&str>, per_page: i64) -> Result<Vec<NamedQuery>, ApiError> {
    let query = queries::table.select(QueryRow::as_select()).filter(queries::name.gt(after.unwrap_or_default()));
    let rows: Vec<QueryRow> = query.order(queries::name.asc()).limit(per_page + 1).load(conn)?;
    Ok(rows.iter().map(QueryRow::to_api).collect())
}

/// Deletes a named query; only its creator's agency (or DOST's administrators) may.
pub fn delete(conn: &mut AnyConnection, deleter: &Capturer, admin: bool, name: &str) -> Result<(), ApiError> {
    let row = find(conn, name)?;
    if row.agency_code != deleter.agency_code && !admin {
        let detail = format!("only the agency that defined it ({}) deletes a named query", row.agency_code);
        return Err(ApiError::Forbidden { code: "not_owner", detail });
    }
    diesel::delete(queries::table.find(name)).execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_query_object_becomes_the_standard_parameters() {
        let q = json!({"@context": "x", "eventType": ["ObjectEvent", "AggregationEvent"], "EQ_bizStep": ["shipping"], "perPage": 5});
        assert_eq!(query_string(&q).unwrap(), "EQ_bizStep=shipping&eventType=ObjectEvent%7CAggregationEvent&perPage=5");
        assert!(check(&json!({"EQ_colour": ["red"]})).is_err());
        assert!(check(&json!({"GE_eventTime": "yesterday"})).is_err());
        assert!(check(&json!({"EQ_bizStep": [{"a": 1}]})).is_err());
        assert!(check(&json!({"MATCH_epcClass": ["urn:epc:class:lgtin:8934567.089012.LOT7"]})).is_ok());
    }
}
