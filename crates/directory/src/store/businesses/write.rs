//! Writing businesses: one by `POST` or `PUT`, or a batch set-wise — one plan per item
//! ([`plan`]), stored by [`rows::write_planned`] either way.

use diesel::prelude::*;
use tdc_kernel::ApiError;
use tdc_kernel::access::{self, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::resource::{Kept, Planned, Saved, rows};
use tdc_kernel::versions::Replace;

use super::checks::Known;
use super::{BusinessRow, find_by_tax_code};
use crate::model::{Business, BusinessInput};
use crate::schema::businesses;

fn fresh(tax_code: &str) -> BusinessRow {
    BusinessRow { tax_code: tax_code.to_owned(), ..rows::fresh() }
}

fn duplicate(tax_code: &str) -> String {
    format!("a business with tax code {tax_code} exists")
}

/// Records a new business; 409 on a known tax code, 422 on an unknown agency.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    tax_code: &str,
    input: &BusinessInput,
    base: &str,
) -> Result<Business, ApiError> {
    let lead = access::lead_for(writer, input.lead_agency.as_deref())?;
    Known::load(conn, &[input])?.check(tax_code, input, &lead, base)?;
    let mut row = fresh(tax_code);
    row.fill(input, &lead);
    let row = rows::create(conn, actor, row, &format!("{base}/tax_code"), duplicate(tax_code))?;
    Ok(row.to_api(writer))
}

/// The lead agency of a business after an upsert: the named one, else the stored one's, else
/// the writer's. Only the lead (or an administrator) changes a stored business; one the writer
/// may not see is a duplicate to it.
fn lead_after(writer: &Reader, existing: Option<&BusinessRow>, input: &BusinessInput) -> Result<String, ApiError> {
    let Some(row) = existing else { return access::lead_for(writer, input.lead_agency.as_deref()) };
    if !writer.may_read(&row.access()) {
        return Err(ApiError::duplicate("/tax_code", duplicate(&row.tax_code)));
    }
    access::require_lead(writer, &row.access())?;
    match &input.lead_agency {
        Some(named) if *named != row.lead_agency => access::lead_for(writer, Some(named)),
        _ => Ok(row.lead_agency.clone()),
    }
}

/// What upserting `input` under `tax_code` would store, over `existing` if any, once the writer
/// may and the checks pass.
fn plan(
    writer: &Reader,
    known: &Known,
    tax_code: &str,
    input: &BusinessInput,
    existing: Option<BusinessRow>,
) -> Result<Planned<BusinessRow>, ApiError> {
    let lead = lead_after(writer, existing.as_ref(), input)?;
    known.check(tax_code, input, &lead, "")?;
    let mut row = existing.clone().unwrap_or_else(|| fresh(tax_code));
    row.fill(input, &lead);
    Ok(Planned { existing, row })
}

/// Creates or replaces a business by tax code, as `replace` allows. Returns the business and
/// whether it was created; an unchanged resend makes no new version.
pub fn upsert(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    tax_code: &str,
    input: &BusinessInput,
    replace: Replace,
) -> Result<(Business, bool), ApiError> {
    let existing = find_by_tax_code(conn, tax_code)?;
    let planned = plan(writer, &Known::load(conn, &[input])?, tax_code, input, existing)?;
    let (row, created) = rows::write_one(conn, actor, planned, &replace)?;
    Ok((row.to_api(writer), created))
}

/// Upserts a batch of businesses set-wise, each replacing what its tax code holds (a batch is the
/// agency's own system stating its data): the stored rows and all the items name are read in
/// three queries, then written together. Declines (`None`) a batch naming a tax code twice —
/// item by item, the second sees the first.
pub fn upsert_many(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    inputs: &[&BusinessInput],
) -> Result<Option<Vec<Saved<Kept>>>, ApiError> {
    let Some(keys) = rows::batch_keys(inputs.iter().map(|i| i.required_tax_code()).collect()) else { return Ok(None) };
    let wanted: Vec<&str> = keys.iter().filter_map(|k| k.as_deref().ok()).collect();
    let found: Vec<BusinessRow> =
        businesses::table.filter(businesses::tax_code.eq_any(&wanted)).select(BusinessRow::as_select()).load(conn)?;
    let stored = found.into_iter().map(|r| (r.tax_code.clone(), r)).collect();
    let known = Known::load(conn, inputs)?;
    let plan =
        |_: &mut AnyConnection, input: &BusinessInput, key: &str, existing| plan(writer, &known, key, input, existing);
    rows::write_batch(conn, actor, inputs, keys, stored, plan).map(Some)
}
