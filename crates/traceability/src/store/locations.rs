//! Trace locations: which business a GLN stands for. Upserted by GLN (one, or a batch set-wise)
//! by the agency that registers them; read by every agency.

use diesel::prelude::*;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::resource::{Kept, Planned, Saved, rows};
use tdc_kernel::text::clean;
use tdc_kernel::versions::Replace;
use tdc_kernel::{ApiError, FieldError};

use crate::model::{LocationListQuery, TraceLocation, TraceLocationInput};
use crate::schema::trace_locations as locations;

/// The entity name of trace locations in history and the change feed.
pub const ENTITY: &str = "trace_location";

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = locations, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(crate) struct LocationRow {
    id: String,
    pub gln: String,
    pub tax_code: String,
    name: String,
    kind: String,
    address: Option<String>,
    commune_code: Option<String>,
    pub lead_agency: String,
    version: i32,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

impl LocationRow {
    pub(crate) fn to_api(&self) -> TraceLocation {
        TraceLocation {
            id: self.id.clone(),
            gln: self.gln.clone(),
            tax_code: self.tax_code.clone(),
            name: self.name.clone(),
            kind: tdc_kernel::names::stored(&self.kind),
            address: self.address.clone(),
            commune_code: self.commune_code.clone(),
            lead_agency: self.lead_agency.clone(),
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }

    fn fill(&mut self, gln: &str, input: &TraceLocationInput) {
        self.gln = gln.to_owned();
        self.tax_code = clean(&input.tax_code);
        self.name = clean(&input.name);
        self.kind = tdc_kernel::names::name_of(input.kind);
        self.address = input.address.as_deref().map(clean);
        self.commune_code = input.commune_code.clone();
    }
}

/// The GLN of a canonical location (`https://id.gs1.org/414/<gln>`, with `/254/<extension>` for
/// an SGLN) or party (`https://id.gs1.org/417/<gln>`).
pub fn gln_in(location: &str) -> Option<&str> {
    let rest = location
        .strip_prefix("https://id.gs1.org/414/")
        .or_else(|| location.strip_prefix("https://id.gs1.org/417/"))?;
    rest.split('/').next()
}

/// The locations registered for these GLNs, by GLN (one query per 500).
pub(crate) fn by_glns(conn: &mut AnyConnection, glns: &[&str]) -> Result<Vec<LocationRow>, ApiError> {
    let mut found = Vec::new();
    for chunk in glns.chunks(tdc_kernel::db::INSERT_CHUNK) {
        let rows: Vec<LocationRow> =
            locations::table.filter(locations::gln.eq_any(chunk)).select(LocationRow::as_select()).load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

fn find(conn: &mut AnyConnection, gln: &str) -> Result<Option<LocationRow>, ApiError> {
    Ok(by_glns(conn, &[gln])?.pop())
}

/// What upserting `input` under `gln` would store over `existing`: the business is recorded, the
/// commune exists, and the writer leads the location (or registers it).
fn plan(
    conn: &mut AnyConnection,
    writer: &Reader,
    gln: &str,
    input: &TraceLocationInput,
    existing: Option<LocationRow>,
) -> Result<Planned<LocationRow>, ApiError> {
    if let Some(row) = &existing {
        access::require_lead(writer, &Access::shared_by(&row.lead_agency))?;
    }
    let mut errors = Vec::new();
    if tdc_directory::api::business_identity(conn, &input.tax_code)?.is_none() {
        errors.push(FieldError::new("/tax_code", "unknown_business", "no business is recorded with this tax code"));
    }
    if let Some(commune) = &input.commune_code
        && !tdc_directory::api::unit_exists(conn, commune)?
    {
        errors.push(FieldError::new("/commune_code", "unknown_unit", "no administrative unit has this code"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let lead = access::lead_for(writer, None)?;
    let mut row = existing.clone().unwrap_or_else(|| LocationRow { lead_agency: lead, ..rows::fresh() });
    row.fill(gln, input);
    Ok(Planned { existing, row })
}

/// Creates or replaces the location `gln`, as `replace` allows; answers it and whether it was created.
pub fn upsert(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    gln: &str,
    input: &TraceLocationInput,
    replace: Replace,
) -> Result<(TraceLocation, bool), ApiError> {
    let existing = find(conn, gln)?;
    let planned = plan(conn, writer, gln, input, existing)?;
    let (row, created) = rows::write_one(conn, actor, planned, &replace)?;
    Ok((row.to_api(), created))
}

/// The GLN a batch item names, checked (422 `required` without it).
pub fn gln_of(input: &TraceLocationInput) -> Result<String, ApiError> {
    let raw = input
        .gln
        .as_deref()
        .ok_or_else(|| ApiError::invalid_field("/gln", "required", "gln is required in a batch"))?;
    crate::epcis::keys::gln(raw, "/gln")
}

/// Upserts a batch of locations set-wise by GLN; declines (`None`) a batch naming a GLN twice.
pub fn upsert_many(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    inputs: &[&TraceLocationInput],
) -> Result<Option<Vec<Saved<Kept>>>, ApiError> {
    let Some(keys) = rows::batch_keys(inputs.iter().map(|i| gln_of(i)).collect()) else { return Ok(None) };
    let wanted: Vec<&str> = keys.iter().filter_map(|k| k.as_deref().ok()).collect();
    let stored = by_glns(conn, &wanted)?.into_iter().map(|r| (r.gln.clone(), r)).collect();
    let plan =
        |c: &mut AnyConnection, input: &TraceLocationInput, gln: &str, existing| plan(c, writer, gln, input, existing);
    rows::write_batch(conn, actor, inputs, keys, stored, plan).map(Some)
}

/// One location by id.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<TraceLocation, ApiError> {
    let row: Option<LocationRow> = locations::table.find(id).select(LocationRow::as_select()).first(conn).optional()?;
    row.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no trace location {id}")))
}

/// One location by GLN.
pub fn get_by_gln(conn: &mut AnyConnection, gln: &str) -> Result<TraceLocation, ApiError> {
    find(conn, gln)?.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no trace location with GLN {gln}")))
}

/// A page of the locations by GLN; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &LocationListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<TraceLocation>, ApiError> {
    let mut query = locations::table.select(LocationRow::as_select()).order(locations::gln.asc()).into_boxed();
    if let Some(tax_code) = &filter.tax_code {
        query = query.filter(locations::tax_code.eq(tax_code.clone()));
    }
    if let Some(commune) = &filter.commune_code {
        query = query.filter(locations::commune_code.eq(commune.clone()));
    }
    if let Some(after) = after {
        query = query.filter(locations::gln.gt(after));
    }
    let rows: Vec<LocationRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(LocationRow::to_api).collect())
}

tdc_kernel::recorded!(LocationRow, ENTITY, |row| row.to_api(), access = |row| Access::shared_by(&row.lead_agency));
tdc_kernel::stored!(LocationRow, locations);
