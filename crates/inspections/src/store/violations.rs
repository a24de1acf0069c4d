//! Violations in the database: recorded by the agency that found them, moved through their
//! lifecycle (`violation_moves`), shared with every agency.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::parsed;
use tdc_directory::api::business_access;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::{RecordMeta, rows};
use tdc_kernel::{ApiError, FieldError};

use super::{import_lots, inspections, provisions};
use crate::model::{Violation, ViolationInput, ViolationListQuery};
use crate::rules::VIOLATION_LIFECYCLE;
use crate::schema::{legal_provisions, violations};

/// The entity name of violations in history, transitions and the change feed.
pub const ENTITY: &str = "violation";

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = violations, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(crate) struct ViolationRow {
    pub id: String,
    pub inspection_id: Option<String>,
    pub import_lot_id: Option<String>,
    pub tax_code: String,
    pub offender: String,
    pub product_name: Option<String>,
    pub gtin: Option<String>,
    pub committed_on: NaiveDate,
    pub description: String,
    pub provision_code: String,
    pub state: String,
    pub sanction: Option<String>,
    pub fine_vnd: Option<i64>,
    pub final_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub paid_vnd: Option<i64>,
    pub transfers: String,
    pub certificate_id: Option<String>,
    pub lead_agency: String,
    pub coordinating: String,
    pub sharing: String,
    pub version: i32,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

impl ViolationRow {
    pub(crate) fn access(&self) -> Access {
        Access::from_columns(&self.lead_agency, &self.sharing, &self.coordinating)
    }

    pub(crate) fn to_api(&self) -> Violation {
        Violation {
            record: RecordMeta::of(&self.id, self.access(), self.version, self.created_at, self.updated_at),
            inspection_id: self.inspection_id.clone(),
            import_lot_id: self.import_lot_id.clone(),
            tax_code: self.tax_code.clone(),
            offender: stored(&self.offender),
            product_name: self.product_name.clone(),
            gtin: self.gtin.clone(),
            committed_on: self.committed_on,
            description: self.description.clone(),
            provision_code: self.provision_code.clone(),
            state: stored(&self.state),
            next_actions: VIOLATION_LIFECYCLE.actions_from(&self.state),
            sanction: self.sanction.as_deref().map(parsed),
            final_on: self.final_on,
            paid_on: self.paid_on,
            paid_vnd: self.paid_vnd,
            transfers: parsed(&self.transfers),
            certificate_id: self.certificate_id.clone(),
        }
    }
}

/// Records a violation, `recorded`, led by the caller's agency and shared with every agency —
/// never more visible than the business (a restricted business's violations are restricted to its
/// readers).
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &ViolationInput,
) -> Result<Violation, ApiError> {
    let lead = access::lead_for(writer, input.lead_agency.as_deref())?;
    check(conn, writer, input)?;
    let business = business_access(conn, &input.tax_code)?.unwrap_or_else(|| Access::shared_by(&lead));
    let access = Access::shared_by(&lead).within(&business);
    let row = ViolationRow {
        inspection_id: input.inspection_id.clone(),
        import_lot_id: input.import_lot_id.clone(),
        tax_code: input.tax_code.clone(),
        offender: name_of(input.offender),
        product_name: tdc_kernel::text::clean_opt(input.product_name.as_deref()),
        gtin: input.gtin.clone(),
        committed_on: input.committed_on,
        description: tdc_kernel::text::clean(&input.description),
        provision_code: input.provision_code.clone(),
        state: "recorded".into(),
        transfers: "[]".into(),
        lead_agency: lead,
        coordinating: Access::coordinating_column(&access.coordinating),
        sharing: access.sharing.as_str().into(),
        ..rows::fresh()
    };
    let mut row = row;
    load_past(conn, &mut row, input)?;
    let row = rows::create(conn, actor, row, "", "this violation is recorded")?;
    Ok(row.to_api())
}

/// A past violation loaded with its sanction: `sanctioned`, or `final` with `final_on`, paid with
/// `paid_on` (each checked as its move is).
fn load_past(conn: &mut AnyConnection, row: &mut ViolationRow, input: &ViolationInput) -> Result<(), ApiError> {
    let Some(decided) = &input.sanction else {
        if input.final_on.is_some() || input.paid_on.is_some() {
            return Err(ApiError::invalid_field("/sanction", "required", "a final or paid violation has its sanction"));
        }
        return Ok(());
    };
    if decided.decision.date < row.committed_on {
        let message = "the decision predates the violation";
        return Err(ApiError::invalid_field("/sanction/decision/date", "decided_before_violation", message));
    }
    super::violation_moves::check_fine(conn, row, decided)?;
    if input.final_on.is_some_and(|on| on < decided.decision.date) {
        return Err(ApiError::invalid_field(
            "/final_on",
            "before_decision",
            "a decision becomes final after it is made",
        ));
    }
    if input.paid_on.is_some() != input.paid_vnd.is_some() {
        return Err(ApiError::invalid_field("/paid_vnd", "required", "give paid_on and paid_vnd together"));
    }
    row.sanction = serde_json::to_string(decided).ok();
    row.fine_vnd = Some(decided.fine_vnd);
    (row.final_on, row.paid_on, row.paid_vnd) = (input.final_on, input.paid_on, input.paid_vnd);
    row.state = if input.final_on.is_some() { "final" } else { "sanctioned" }.into();
    Ok(())
}

/// Checks what a violation names: the business, an inspection its writer reads, a provision in
/// force on the day it was committed.
fn check(conn: &mut AnyConnection, writer: &Reader, input: &ViolationInput) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if business_access(conn, &input.tax_code)?.is_none() {
        let message = format!("no business with tax code {} is in the hub; record it first", input.tax_code);
        errors.push(FieldError::new("/tax_code", "unknown_business", message));
    }
    if let Some(inspection) = &input.inspection_id
        && inspections::get(conn, writer, inspection).is_err()
    {
        errors.push(FieldError::new(
            "/inspection_id",
            "unknown_inspection",
            format!("no inspection {inspection} you may see"),
        ));
    }
    if let Some(lot) = &input.import_lot_id
        && !import_lots::exists(conn, lot)?
    {
        errors.push(FieldError::new("/import_lot_id", "unknown_import_lot", format!("no import lot {lot}")));
    }
    match provisions::find(conn, &input.provision_code)? {
        None => {
            let message = format!("no provision {} is catalogued", input.provision_code);
            errors.push(FieldError::new("/provision_code", "unknown_provision", message));
        }
        Some(p) if !p.in_force_on(input.committed_on) => {
            let message = format!(
                "{} did not apply on {}; cite the provision in force that day",
                input.provision_code, input.committed_on
            );
            errors.push(FieldError::new("/provision_code", "provision_not_in_force", message));
        }
        Some(_) => {}
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Invalid(errors)) }
}

fn readable(reader: &Reader) -> Option<access::Condition<violations::table>> {
    access::visible(reader, access::Coordinated::Record(ENTITY, "violations.id"))
}

/// Violation `id` if `reader` may see it, or 404.
pub(crate) fn load(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<ViolationRow, ApiError> {
    let mut query = violations::table.find(id).select(ViolationRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<ViolationRow> = query.first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no violation {id}")))
}

/// One violation the reader may see.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<Violation, ApiError> {
    load(conn, reader, id).map(|r| r.to_api())
}

/// A page of the violations the reader may see, by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &ViolationListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Violation>, ApiError> {
    let mut query = violations::table.select(ViolationRow::as_select()).order(violations::id.asc()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let Some(tax_code) = &filter.tax_code {
        query = query.filter(violations::tax_code.eq(tax_code.clone()));
    }
    if let Some(gtin) = &filter.gtin {
        query = query.filter(violations::gtin.eq(gtin.clone()));
    }
    if let Some(state) = filter.state {
        query = query.filter(violations::state.eq(name_of(state)));
    }
    if let Some(agency) = &filter.agency {
        query = query.filter(violations::lead_agency.eq(agency.clone()));
    }
    if let Some(inspection) = &filter.inspection_id {
        query = query.filter(violations::inspection_id.eq(inspection.clone()));
    }
    if let Some(lot) = &filter.import_lot_id {
        query = query.filter(violations::import_lot_id.eq(lot.clone()));
    }
    if let Some(from) = filter.from {
        query = query.filter(violations::committed_on.ge(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(violations::committed_on.le(to));
    }
    if let Some(decree) = &filter.decree {
        let of_decree = legal_provisions::table.filter(legal_provisions::decree.eq(decree.clone()));
        query = query.filter(violations::provision_code.eq_any(of_decree.select(legal_provisions::code)));
    }
    if let Some(after) = after {
        query = query.filter(violations::id.gt(after));
    }
    let rows: Vec<ViolationRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(ViolationRow::to_api).collect())
}

tdc_kernel::recorded!(ViolationRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(ViolationRow, violations);
