//! Reports of measurement fraud in the database: made by an agency to DOST (seed 000 Art. 12.2.b),
//! restricted to the two.

use chrono::NaiveDate;
use diesel::prelude::*;

use tdc_directory::model::AgencyKind;
use tdc_kernel::access::{self, Access, Coordinated, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::text::{clean, clean_opt};
use tdc_kernel::{ApiError, FieldError};

use crate::model::{FraudReport, FraudReportInput, OwnerKind};
use crate::schema::measurement_fraud_reports as reports;

/// The entity name of fraud reports in history and the change feed.
pub const ENTITY: &str = "measurement_fraud_report";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = reports, treat_none_as_null = true, treat_none_as_default_value = false)]
    struct ReportRow {
        id: String,
        found_on: NaiveDate,
        offender_kind: String,
        offender_tax_code: Option<String>,
        offender_name: String,
        place: String,
        commune_code: String,
        instrument_kind: Option<String>,
        instrument_serial: Option<String>,
        description: String,
        measures_taken: String,
    }
}

impl ReportRow {
    fn to_api(&self) -> FraudReport {
        FraudReport {
            record: self.meta(),
            found_on: self.found_on,
            offender_kind: stored(&self.offender_kind),
            offender_tax_code: self.offender_tax_code.clone(),
            offender_name: self.offender_name.clone(),
            place: self.place.clone(),
            commune_code: self.commune_code.clone(),
            instrument_kind: self.instrument_kind.as_deref().map(stored),
            instrument_serial: self.instrument_serial.clone(),
            description: self.description.clone(),
            measures_taken: self.measures_taken.clone(),
        }
    }
}

/// Records the caller's agency's report, DOST coordinating.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &FraudReportInput,
) -> Result<FraudReport, ApiError> {
    let lead = access::lead_for(writer, None)?;
    let mut errors = Vec::new();
    if (input.offender_kind == OwnerKind::Business) != input.offender_tax_code.is_some() {
        let message = "a business offender is named by its tax code; a household's has none";
        errors.push(FieldError::new("/offender_tax_code", "required", message));
    }
    let commune = tdc_directory::api::current_unit_code(conn, &input.commune_code)?;
    if commune.is_none() {
        errors.push(FieldError::new(
            "/commune_code",
            "unknown_unit",
            format!("no administrative unit {}", input.commune_code),
        ));
    }
    let (true, Some(commune)) = (errors.is_empty(), commune) else { return Err(ApiError::Invalid(errors)) };
    let dost = tdc_directory::api::first_agency_of_kind(conn, AgencyKind::Dost)?;
    let coordinating: Vec<String> = dost.into_iter().filter(|d| *d != lead).collect();
    let row = ReportRow {
        found_on: input.found_on,
        offender_kind: name_of(input.offender_kind),
        offender_tax_code: input.offender_tax_code.clone(),
        offender_name: clean(&input.offender_name),
        place: clean(&input.place),
        commune_code: commune,
        instrument_kind: input.instrument_kind.map(name_of),
        instrument_serial: clean_opt(input.instrument_serial.as_deref()),
        description: clean(&input.description),
        measures_taken: clean(&input.measures_taken),
        coordinating: Access::coordinating_column(&coordinating),
        lead_agency: lead,
        sharing: "restricted".into(),
        ..rows::fresh()
    };
    Ok(rows::create(conn, actor, row, "/description", "this report is recorded already")?.to_api())
}

fn readable(reader: &Reader) -> Option<access::Condition<reports::table>> {
    access::visible(reader, Coordinated::Record(ENTITY, "measurement_fraud_reports.id"))
}

/// One report, if the reader may see it (the reporting agency and DOST).
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<FraudReport, ApiError> {
    let mut query = reports::table.find(id).select(ReportRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<ReportRow> = query.first(conn).optional()?;
    row.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no measurement fraud report {id}")))
}

/// A page of the reports the reader may see, by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<FraudReport>, ApiError> {
    let mut query = reports::table.select(ReportRow::as_select()).order(reports::id.asc()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let Some(after) = after {
        query = query.filter(reports::id.gt(after));
    }
    let rows: Vec<ReportRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(ReportRow::to_api).collect())
}

tdc_kernel::recorded!(ReportRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(ReportRow, reports);
