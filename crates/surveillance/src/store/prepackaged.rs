//! Checks of prepackaged quantities in the database (Circular 21/2014/TT-BKHCN), shared with every
//! agency.

use chrono::NaiveDate;
use diesel::prelude::*;

use tdc_kernel::access::{self, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::text::{clean, clean_opt};
use tdc_kernel::{ApiError, FieldError};

use crate::model::{PrepackagedCheck, PrepackagedCheckInput, PrepackagedCheckQuery, QuantityResult};
use crate::schema::prepackaged_checks as checks;

/// The entity name of the checks in history and the change feed.
pub const ENTITY: &str = "prepackaged_check";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = checks, treat_none_as_null = true, treat_none_as_default_value = false)]
    struct CheckRow {
        id: String,
        checked_on: NaiveDate,
        product_name: String,
        gtin: Option<String>,
        lot: Option<String>,
        tax_code: Option<String>,
        commune_code: Option<String>,
        nominal_quantity: f64,
        unit: String,
        sample_size: i32,
        mean_quantity: f64,
        packages_short: i32,
        result: String,
        note: Option<String>,
    }
}

impl CheckRow {
    fn to_api(&self) -> PrepackagedCheck {
        PrepackagedCheck {
            record: self.meta(),
            checked_on: self.checked_on,
            product_name: self.product_name.clone(),
            gtin: self.gtin.clone(),
            lot: self.lot.clone(),
            tax_code: self.tax_code.clone(),
            commune_code: self.commune_code.clone(),
            nominal_quantity: self.nominal_quantity,
            unit: self.unit.clone(),
            sample_size: self.sample_size,
            mean_quantity: self.mean_quantity,
            packages_short: self.packages_short,
            result: stored(&self.result),
            note: self.note.clone(),
        }
    }
}

/// Records a check by the caller's agency: a verdict of `conforming` is refused when the sample's
/// mean is below the nominal quantity (422 `contradicts_mean`).
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &PrepackagedCheckInput,
) -> Result<PrepackagedCheck, ApiError> {
    let lead = access::lead_for(writer, None)?;
    let mut errors = Vec::new();
    if input.result == QuantityResult::Conforming && input.mean_quantity < input.nominal_quantity {
        let message = "the sample's mean is below the nominal quantity: the lot does not conform";
        errors.push(FieldError::new("/result", "contradicts_mean", message));
    }
    if input.packages_short > input.sample_size {
        errors.push(FieldError::new("/packages_short", "more_than_sampled", "more packages short than sampled"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let row = CheckRow {
        checked_on: input.checked_on,
        product_name: clean(&input.product_name),
        gtin: input.gtin.as_deref().map(tdc_directory::rules::gtin14_stored),
        lot: clean_opt(input.lot.as_deref()),
        tax_code: input.tax_code.clone(),
        commune_code: input.commune_code.clone(),
        nominal_quantity: input.nominal_quantity,
        unit: clean(&input.unit),
        sample_size: input.sample_size,
        mean_quantity: input.mean_quantity,
        packages_short: input.packages_short,
        result: name_of(input.result),
        note: clean_opt(input.note.as_deref()),
        lead_agency: lead,
        coordinating: "[]".into(),
        sharing: "shared".into(),
        ..rows::fresh()
    };
    Ok(rows::create(conn, actor, row, "/product_name", "this check is recorded already")?.to_api())
}

/// One check.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<PrepackagedCheck, ApiError> {
    let row: Option<CheckRow> = checks::table.find(id).select(CheckRow::as_select()).first(conn).optional()?;
    row.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no prepackaged check {id}")))
}

/// A page of checks by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &PrepackagedCheckQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<PrepackagedCheck>, ApiError> {
    let mut query = checks::table.select(CheckRow::as_select()).order(checks::id.asc()).into_boxed();
    if let Some(tax) = &filter.tax_code {
        query = query.filter(checks::tax_code.eq(tax.clone()));
    }
    if let Some(result) = filter.result {
        query = query.filter(checks::result.eq(name_of(result)));
    }
    if let Some(after) = after {
        query = query.filter(checks::id.gt(after));
    }
    let rows: Vec<CheckRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(CheckRow::to_api).collect())
}

tdc_kernel::recorded!(CheckRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(CheckRow, checks);
