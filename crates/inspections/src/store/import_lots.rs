//! Imported lots in the database: registered by the inspecting agency with customs coordinating,
//! tested, passed or failed.

use diesel::prelude::*;

use super::{json, parsed};
use tdc_directory::api::{agency_kind, business_access};
use tdc_directory::model::AgencyKind;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::versions::{Expected, check_version};
use tdc_kernel::{ApiError, FieldError};

use crate::model::{
    ImportLot, ImportLotAction, ImportLotActionName, ImportLotInput, ImportLotListQuery, Sample, SampleResult,
};
use crate::rules::IMPORT_LOT_LIFECYCLE;
use crate::schema::import_lots as lots;

/// The entity name of import lots in history, transitions and the change feed.
pub const ENTITY: &str = "import_lot";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = lots, treat_none_as_null = true, treat_none_as_default_value = false)]
    struct LotRow {
        id: String,
        declaration_number: String,
        declared_on: chrono::NaiveDate,
        customs_agency: String,
        importer_tax_code: String,
        origin_country: String,
        goods: String,
        regime: String,
        state: String,
        samples: String,
        outcome: Option<String>,
    }
}

impl LotRow {
    fn to_api(&self) -> ImportLot {
        ImportLot {
            record: self.meta(),
            declaration_number: self.declaration_number.clone(),
            declared_on: self.declared_on,
            customs_agency: self.customs_agency.clone(),
            importer_tax_code: self.importer_tax_code.clone(),
            origin_country: self.origin_country.clone(),
            goods: parsed(&self.goods),
            regime: stored(&self.regime),
            state: stored(&self.state),
            next_actions: IMPORT_LOT_LIFECYCLE.actions_from(&self.state),
            samples: parsed(&self.samples),
            outcome: self.outcome.as_deref().map(parsed),
        }
    }
}

/// Registers a lot, led by the caller's agency with the customs branch coordinating.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &ImportLotInput,
) -> Result<ImportLot, ApiError> {
    let lead = access::lead_for(writer, None)?;
    let mut errors = Vec::new();
    if agency_kind(conn, &input.customs_agency)? != Some(AgencyKind::Customs) {
        let message = format!("{} is not a recorded customs branch", input.customs_agency);
        errors.push(FieldError::new("/customs_agency", "not_customs", message));
    }
    if business_access(conn, &input.importer_tax_code)?.is_none() {
        let message = format!("no business with tax code {} is in the hub; record it first", input.importer_tax_code);
        errors.push(FieldError::new("/importer_tax_code", "unknown_business", message));
    }
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let row = LotRow {
        declaration_number: tdc_kernel::text::clean(&input.declaration_number),
        declared_on: input.declared_on,
        customs_agency: input.customs_agency.clone(),
        importer_tax_code: input.importer_tax_code.clone(),
        origin_country: input.origin_country.to_uppercase(),
        goods: json(&input.goods),
        regime: name_of(input.regime),
        state: "registered".into(),
        samples: "[]".into(),
        coordinating: Access::coordinating_column(std::slice::from_ref(&input.customs_agency)),
        lead_agency: lead,
        sharing: "shared".into(),
        ..rows::fresh()
    };
    let row = rows::create(conn, actor, row, "/declaration_number", "this customs branch's declaration is registered")?;
    Ok(row.to_api())
}

fn load(conn: &mut AnyConnection, id: &str) -> Result<LotRow, ApiError> {
    let row: Option<LotRow> = lots::table.find(id).select(LotRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no import lot {id}")))
}

/// Whether import lot `id` exists.
pub(crate) fn exists(conn: &mut AnyConnection, id: &str) -> Result<bool, ApiError> {
    Ok(load(conn, id).is_ok())
}

/// One lot.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<ImportLot, ApiError> {
    load(conn, id).map(|r| r.to_api())
}

/// A page of lots by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &ImportLotListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<ImportLot>, ApiError> {
    let mut query = lots::table.select(LotRow::as_select()).order(lots::id.asc()).into_boxed();
    if let Some(importer) = &filter.importer_tax_code {
        query = query.filter(lots::importer_tax_code.eq(importer.clone()));
    }
    if let Some(state) = filter.state {
        query = query.filter(lots::state.eq(name_of(state)));
    }
    if let Some(customs) = &filter.customs_agency {
        query = query.filter(lots::customs_agency.eq(customs.clone()));
    }
    if let Some(after) = after {
        query = query.filter(lots::id.gt(after));
    }
    let rows: Vec<LotRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(LotRow::to_api).collect())
}

/// Takes a lifecycle action on a lot (its lead agency).
pub fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    action: &ImportLotAction,
    expected: Option<Expected>,
) -> Result<(ImportLot, Transition), ApiError> {
    let existing = load(conn, id)?;
    if let Some(expected) = &expected {
        check_version(expected, existing.version)?;
    }
    let name = name_of(action.action);
    let to = IMPORT_LOT_LIFECYCLE.step(&existing.state, &name, &Mover::of(conn, writer, &existing.lead_agency)?)?;
    let mut row = existing.clone();
    row.state = to.into();
    apply(&mut row, action)?;
    rows::save(conn, actor, &name, &existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: &existing.state, to };
    let logged = lifecycle::record(conn, actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    Ok((row.to_api(), logged))
}

fn apply(row: &mut LotRow, action: &ImportLotAction) -> Result<(), ApiError> {
    let required = |pointer: &str, message: &str| ApiError::invalid_field(pointer, "required", message);
    match action.action {
        ImportLotActionName::RecordResults => {
            let samples = action.samples.as_ref().ok_or_else(|| required("/samples", "record the samples"))?;
            row.samples = json(samples);
        }
        ImportLotActionName::Pass => {
            let outcome = action.outcome.as_ref().ok_or_else(|| required("/outcome", "give the notice"))?;
            let samples: Vec<Sample> = parsed(&row.samples);
            if samples.is_empty() && row.regime != "reduced" {
                let detail = format!("a lot under the {} regime is tested before it passes", row.regime);
                return Err(ApiError::conflict("not_tested", detail));
            }
            if samples.iter().any(|s| s.result != SampleResult::Conforming) {
                let message = "a sample is pending or non-conforming: the lot does not pass";
                return Err(ApiError::invalid_field("/outcome", "contradicts_samples", message));
            }
            row.outcome = Some(json(outcome));
        }
        ImportLotActionName::Fail => {
            let outcome = action.outcome.as_ref().ok_or_else(|| required("/outcome", "give the notice"))?;
            if outcome.reason.is_none() {
                return Err(required("/outcome/reason", "say why the lot fails"));
            }
            row.outcome = Some(json(outcome));
        }
    }
    Ok(())
}

tdc_kernel::recorded!(LotRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(LotRow, lots);
