//! A plan's items: checked against what they name, replaced with the plan's content, paged.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;
use tdc_directory::api::{business_access, category_risk_class, unit_exists};
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::text::clean_opt;
use tdc_kernel::{ApiError, FieldError};

use crate::model::{PlanItem, PlanItemInput};
use crate::schema::inspection_plan_items as items;

/// An item as stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = items, treat_none_as_default_value = false)]
pub(crate) struct ItemRow {
    pub id: String,
    pub plan_id: String,
    pub position: i32,
    pub kind: String,
    pub tax_code: Option<String>,
    pub category_code: Option<String>,
    pub commune_code: Option<String>,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub note: Option<String>,
}

impl ItemRow {
    fn to_api(&self, version: i32) -> PlanItem {
        PlanItem {
            id: self.id.clone(),
            plan_id: self.plan_id.clone(),
            position: self.position,
            kind: stored(&self.kind),
            tax_code: self.tax_code.clone(),
            category_code: self.category_code.clone(),
            commune_code: self.commune_code.clone(),
            period_from: self.period_from,
            period_to: self.period_to,
            note: self.note.clone(),
            version,
        }
    }

    /// The business and period an open overlap case holds this item to.
    fn pinned(&self) -> (Option<&str>, NaiveDate, NaiveDate) {
        (self.tax_code.as_deref(), self.period_from, self.period_to)
    }
}

/// The items of plan `plan_id`, in order.
pub(crate) fn of_plan(conn: &mut AnyConnection, plan_id: &str) -> Result<Vec<ItemRow>, ApiError> {
    let query = items::table.filter(items::plan_id.eq(plan_id)).order(items::position.asc());
    Ok(query.select(ItemRow::as_select()).load(conn)?)
}

/// One item, if it exists.
pub(crate) fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<ItemRow>, ApiError> {
    Ok(items::table.find(id).select(ItemRow::as_select()).first(conn).optional()?)
}

/// Moves one item to another period.
pub(crate) fn move_to(conn: &mut AnyConnection, id: &str, from: NaiveDate, to: NaiveDate) -> Result<(), ApiError> {
    diesel::update(items::table.find(id)).set((items::period_from.eq(from), items::period_to.eq(to))).execute(conn)?;
    Ok(())
}

/// The plan's lead agency, as SQL over an item row (its plan keeps seeing what it lists).
const PLAN_LEAD: &str = "(SELECT p.lead_agency FROM inspection_plans p WHERE p.id = inspection_plan_items.plan_id)";

/// A page of a plan's items after position `after` — those naming a business `reader` may not
/// see left out; fetches `limit + 1` rows.
pub(crate) fn page(
    conn: &mut AnyConnection,
    reader: &tdc_kernel::access::Reader,
    plan_id: &str,
    version: i32,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<PlanItem>, ApiError> {
    let after = match after {
        None => 0,
        Some(a) => a.parse::<i32>().map_err(|_| {
            ApiError::invalid_field("/query/cursor", "invalid_parameter", "the cursor is not one this server issued")
        })?,
    };
    let mut query = items::table.filter(items::plan_id.eq(plan_id)).filter(items::position.gt(after)).into_boxed();
    if let Some(condition) = tdc_directory::api::business_visible(reader, "inspection_plan_items.tax_code", PLAN_LEAD) {
        query = query.filter(condition);
    }
    let rows: Vec<ItemRow> =
        query.order(items::position.asc()).limit(limit + 1).select(ItemRow::as_select()).load(conn)?;
    Ok(rows.iter().map(|r| r.to_api(version)).collect())
}

/// Checks a plan's items (each names a recorded business or product group and, if given, a
/// recorded commune; its period lies in the plan's `year`; a kept id is one of the plan's items)
/// and answers them as rows of plan `plan_id`. `held`: the items open overlap cases pin (their
/// business and period must stay).
pub(crate) fn checked(
    conn: &mut AnyConnection,
    plan_id: &str,
    year: i32,
    inputs: &[PlanItemInput],
    held: &HashMap<String, ItemRow>,
) -> Result<Vec<ItemRow>, ApiError> {
    let stored_ids: HashSet<String> = of_plan(conn, plan_id)?.into_iter().map(|r| r.id).collect();
    let mut errors = Vec::new();
    let mut rows = Vec::with_capacity(inputs.len());
    let mut seen = HashSet::new();
    for (i, input) in inputs.iter().enumerate() {
        let at = |field: &str| format!("/items/{i}/{field}");
        let id = match &input.id {
            Some(id) if !stored_ids.contains(id) || !seen.insert(id.clone()) => {
                errors.push(FieldError::new(at("id"), "unknown_item", "not an item of this plan (or sent twice)"));
                id.clone()
            }
            Some(id) => id.clone(),
            None => tdc_kernel::ids::new_id(),
        };
        check_names(conn, input, &at, &mut errors)?;
        check_period(input, year, &at, &mut errors);
        let position = i32::try_from(i + 1).unwrap_or(i32::MAX);
        rows.push(row_of(input, id, plan_id, position));
    }
    for (id, pinned) in held {
        if !rows.iter().any(|r| r.id == *id && r.pinned() == pinned.pinned()) {
            let detail = format!(
                "item {id} is in an open overlap case: keep its id, business and period until the inspectorate resolves it"
            );
            return Err(ApiError::conflict("item_in_open_overlap", detail));
        }
    }
    if errors.is_empty() { Ok(rows) } else { Err(ApiError::Invalid(errors)) }
}

fn check_names(
    conn: &mut AnyConnection,
    input: &PlanItemInput,
    at: &dyn Fn(&str) -> String,
    errors: &mut Vec<FieldError>,
) -> Result<(), ApiError> {
    if input.tax_code.is_none() && input.category_code.is_none() {
        errors.push(FieldError::new(
            at("tax_code"),
            "required",
            "name a business (tax_code) or a product group (category_code)",
        ));
    }
    if let Some(tax_code) = &input.tax_code
        && business_access(conn, tax_code)?.is_none()
    {
        let message = format!("no business with tax code {tax_code} is in the hub; record it first");
        errors.push(FieldError::new(at("tax_code"), "unknown_business", message));
    }
    if let Some(code) = &input.category_code
        && category_risk_class(conn, code)?.is_none()
    {
        errors.push(FieldError::new(
            at("category_code"),
            "unknown_category",
            format!("no product category has the code {code}"),
        ));
    }
    if let Some(code) = &input.commune_code
        && !unit_exists(conn, code)?
    {
        errors.push(FieldError::new(
            at("commune_code"),
            "unknown_unit",
            format!("no administrative unit has the code {code}"),
        ));
    }
    Ok(())
}

fn check_period(input: &PlanItemInput, year: i32, at: &dyn Fn(&str) -> String, errors: &mut Vec<FieldError>) {
    use chrono::Datelike;
    if input.period_to < input.period_from {
        errors.push(FieldError::new(at("period_to"), "period_reversed", "the last day is before the first"));
    }
    for (field, day) in [("period_from", input.period_from), ("period_to", input.period_to)] {
        if day.year() != year {
            errors.push(FieldError::new(at(field), "outside_plan_year", format!("the plan covers {year}")));
        }
    }
}

fn row_of(input: &PlanItemInput, id: String, plan_id: &str, position: i32) -> ItemRow {
    ItemRow {
        id,
        plan_id: plan_id.to_owned(),
        position,
        kind: name_of(input.kind),
        tax_code: input.tax_code.clone(),
        category_code: input.category_code.clone(),
        commune_code: input.commune_code.clone(),
        period_from: input.period_from,
        period_to: input.period_to,
        note: clean_opt(input.note.as_deref()),
    }
}

/// Replaces plan `plan_id`'s items with `rows` (answers how many it holds now).
pub(crate) fn replace(conn: &mut AnyConnection, plan_id: &str, rows: &[ItemRow]) -> Result<i32, ApiError> {
    diesel::delete(items::table.filter(items::plan_id.eq(plan_id))).execute(conn)?;
    tdc_kernel::insert_many!(conn, items::table, rows)?;
    Ok(i32::try_from(rows.len()).unwrap_or(i32::MAX))
}
