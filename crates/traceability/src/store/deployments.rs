//! The deployment registry: upserted by tax code (one, or a batch set-wise) by the agency that
//! keeps the entry; read by every agency; counted by sector or commune.

use std::collections::HashSet;

use diesel::prelude::*;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::resource::{Kept, Planned, Saved, rows};
use tdc_kernel::text::clean;
use tdc_kernel::versions::Replace;
use tdc_kernel::{ApiError, FieldError};

use crate::model::{Deployment, DeploymentInput, DeploymentListQuery, StampIssue};
use crate::schema::trace_deployments as deployments;

/// The entity name of deployments in history and the change feed.
pub const ENTITY: &str = "trace_deployment";

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = deployments, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(crate) struct DeploymentRow {
    id: String,
    pub tax_code: String,
    gs1_company_prefix: Option<String>,
    uses_barcodes: bool,
    traceability_solution: Option<String>,
    portal_connected_on: Option<chrono::NaiveDate>,
    products: String,
    stamp_issues: String,
    lead_agency: String,
    version: i32,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

impl DeploymentRow {
    pub(crate) fn to_api(&self) -> Deployment {
        Deployment {
            id: self.id.clone(),
            tax_code: self.tax_code.clone(),
            gs1_company_prefix: self.gs1_company_prefix.clone(),
            uses_barcodes: self.uses_barcodes,
            traceability_solution: self.traceability_solution.clone(),
            portal_connected_on: self.portal_connected_on,
            products: serde_json::from_str(&self.products).unwrap_or_default(),
            stamp_issues: serde_json::from_str(&self.stamp_issues).unwrap_or_default(),
            lead_agency: self.lead_agency.clone(),
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }

    fn fill(&mut self, tax_code: &str, input: &DeploymentInput, products: String) {
        self.tax_code = tax_code.to_owned();
        self.gs1_company_prefix = input.gs1_company_prefix.clone();
        self.uses_barcodes = input.uses_barcodes;
        self.traceability_solution = input.traceability_solution.as_deref().map(clean);
        self.portal_connected_on = input.portal_connected_on;
        self.products = products;
        self.stamp_issues = serde_json::to_string(&input.stamp_issues).unwrap_or_else(|_| "[]".into());
    }
}

/// A serial's prefix and number (`HY26-000123` → (`HY26-`, 123)).
fn numbered(serial: &str) -> Option<(&str, u64)> {
    let digits = serial.len() - serial.chars().rev().take_while(char::is_ascii_digit).count();
    let (prefix, number) = serial.split_at(digits);
    Some((prefix, number.parse().ok()?))
}

/// The refusals of one range of stamps, at `at`.
fn check_stamps(issue: &StampIssue, at: &str) -> Option<FieldError> {
    let (from, to) = (numbered(&issue.serial_from), numbered(&issue.serial_to));
    let message = match (from, to) {
        (Some((p, a)), Some((q, b))) if p == q && a <= b => {
            let length = (b - a + 1) as i64;
            if length == issue.quantity {
                return None;
            }
            format!("the range holds {length} stamps, not {}", issue.quantity)
        }
        _ => {
            "serial_from and serial_to must share a prefix and end in numbers, the first not above the last".to_owned()
        }
    };
    Some(FieldError::new(at, "stamp_range", message))
}

/// The input's refusals beyond its fields' own rules; its products' GTINs as 14 digits.
fn check(conn: &mut AnyConnection, input: &DeploymentInput) -> Result<String, ApiError> {
    let mut errors = Vec::new();
    if tdc_directory::api::business_identity(conn, input.tax_code.as_deref().unwrap_or_default())?.is_none() {
        errors.push(FieldError::new("/tax_code", "unknown_business", "no business is recorded with this tax code"));
    }
    if let Some(prefix) = &input.gs1_company_prefix
        && !((6..=12).contains(&prefix.len()) && prefix.chars().all(|c| c.is_ascii_digit()))
    {
        errors.push(FieldError::new("/gs1_company_prefix", "prefix_format", "a GS1 company prefix is 6 to 12 digits"));
    }
    let mut products = Vec::new();
    let mut seen = HashSet::new();
    for (i, p) in input.products.iter().enumerate() {
        match tdc_directory::rules::gtin14(&p.gtin) {
            Ok(gtin) if seen.insert(gtin.clone()) => products.push(crate::model::DeployedProduct { gtin, ..p.clone() }),
            Ok(_) => errors.push(FieldError::new(
                format!("/products/{i}/gtin"),
                "duplicate_gtin",
                "this GTIN is listed twice",
            )),
            Err(e) => {
                errors.push(FieldError::new(format!("/products/{i}/gtin"), e.code.to_string(), "not a valid GTIN"))
            }
        }
    }
    errors.extend(
        input
            .stamp_issues
            .iter()
            .enumerate()
            .filter_map(|(i, s)| check_stamps(s, &format!("/stamp_issues/{i}/quantity"))),
    );
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    Ok(serde_json::to_string(&products).unwrap_or_else(|_| "[]".into()))
}

fn plan(
    conn: &mut AnyConnection,
    writer: &Reader,
    tax_code: &str,
    input: &DeploymentInput,
    existing: Option<DeploymentRow>,
) -> Result<Planned<DeploymentRow>, ApiError> {
    if let Some(row) = &existing {
        access::require_lead(writer, &Access::shared_by(&row.lead_agency))?;
    }
    let input = DeploymentInput { tax_code: Some(tax_code.to_owned()), ..input.clone() };
    let products = check(conn, &input)?;
    let lead = access::lead_for(writer, None)?;
    let mut row = existing.clone().unwrap_or_else(|| DeploymentRow { lead_agency: lead, ..rows::fresh() });
    row.fill(tax_code, &input, products);
    Ok(Planned { existing, row })
}

fn by_tax_codes(conn: &mut AnyConnection, tax_codes: &[&str]) -> Result<Vec<DeploymentRow>, ApiError> {
    let query = deployments::table.filter(deployments::tax_code.eq_any(tax_codes));
    Ok(query.select(DeploymentRow::as_select()).load(conn)?)
}

/// Creates or replaces the deployment of `tax_code`, as `replace` allows; answers it and whether it was created.
pub fn upsert(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    tax_code: &str,
    input: &DeploymentInput,
    replace: Replace,
) -> Result<(Deployment, bool), ApiError> {
    let existing = by_tax_codes(conn, &[tax_code])?.pop();
    let planned = plan(conn, writer, tax_code, input, existing)?;
    let (row, created) = rows::write_one(conn, actor, planned, &replace)?;
    Ok((row.to_api(), created))
}

/// The tax code a batch item names (422 `required` without it).
pub fn tax_code_of(input: &DeploymentInput) -> Result<String, ApiError> {
    input
        .tax_code
        .clone()
        .ok_or_else(|| ApiError::invalid_field("/tax_code", "required", "tax_code is required in a batch"))
}

/// Upserts a batch set-wise by tax code; declines (`None`) a batch naming a tax code twice.
pub fn upsert_many(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    inputs: &[&DeploymentInput],
) -> Result<Option<Vec<Saved<Kept>>>, ApiError> {
    let Some(keys) = rows::batch_keys(inputs.iter().map(|i| tax_code_of(i)).collect()) else { return Ok(None) };
    let wanted: Vec<&str> = keys.iter().filter_map(|k| k.as_deref().ok()).collect();
    let mut stored = std::collections::HashMap::new();
    for chunk in wanted.chunks(tdc_kernel::db::INSERT_CHUNK) {
        stored.extend(by_tax_codes(conn, chunk)?.into_iter().map(|r| (r.tax_code.clone(), r)));
    }
    let plan =
        |c: &mut AnyConnection, input: &DeploymentInput, tax: &str, existing| plan(c, writer, tax, input, existing);
    rows::write_batch(conn, actor, inputs, keys, stored, plan).map(Some)
}

/// One deployment by id.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<Deployment, ApiError> {
    let row: Option<DeploymentRow> =
        deployments::table.find(id).select(DeploymentRow::as_select()).first(conn).optional()?;
    row.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no deployment {id}")))
}

/// One deployment by tax code.
pub fn get_by_tax_code(conn: &mut AnyConnection, tax_code: &str) -> Result<Deployment, ApiError> {
    let found = by_tax_codes(conn, &[tax_code])?.pop();
    found.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no deployment for tax code {tax_code}")))
}

/// A page of the registry by tax code; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &DeploymentListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Deployment>, ApiError> {
    let mut query =
        deployments::table.select(DeploymentRow::as_select()).order(deployments::tax_code.asc()).into_boxed();
    match filter.portal_connected {
        Some(true) => query = query.filter(deployments::portal_connected_on.is_not_null()),
        Some(false) => query = query.filter(deployments::portal_connected_on.is_null()),
        None => {}
    }
    if let Some(after) = after {
        query = query.filter(deployments::tax_code.gt(after));
    }
    let rows: Vec<DeploymentRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(DeploymentRow::to_api).collect())
}

/// Every deployment (for the statistics), by tax code.
pub fn all(conn: &mut AnyConnection) -> Result<Vec<Deployment>, ApiError> {
    let rows: Vec<DeploymentRow> =
        deployments::table.select(DeploymentRow::as_select()).order(deployments::tax_code.asc()).load(conn)?;
    Ok(rows.iter().map(DeploymentRow::to_api).collect())
}

tdc_kernel::recorded!(DeploymentRow, ENTITY, |row| row.to_api(), access = |row| Access::shared_by(&row.lead_agency));
tdc_kernel::stored!(DeploymentRow, deployments);

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(from: &str, to: &str, quantity: i64) -> StampIssue {
        let on = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        StampIssue {
            serial_from: from.into(),
            serial_to: to.into(),
            quantity,
            issued_on: on,
            subsidy_vnd_per_stamp: 300,
            program: None,
        }
    }

    #[test]
    fn a_range_of_stamps_holds_its_quantity() {
        assert_eq!(check_stamps(&issue("HY26-000001", "HY26-001300", 1300), "/q"), None);
        assert_eq!(check_stamps(&issue("HY26-000001", "HY26-001300", 1000), "/q").unwrap().code, "stamp_range");
        assert_eq!(check_stamps(&issue("HY26-000010", "HY26-000001", 10), "/q").unwrap().code, "stamp_range");
        assert_eq!(check_stamps(&issue("A-1", "B-10", 10), "/q").unwrap().code, "stamp_range");
    }
}
