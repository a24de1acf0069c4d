//! Measuring instruments in the database: each agency's register (a commune's markets, a
//! department's fuel stations), upserted by kind and serial, their verification status computed
//! on the day it is read.

use chrono::{Duration, NaiveDate};
use diesel::dsl::count_star;
use diesel::prelude::*;

use tdc_kernel::access::{self, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::Kept;
use tdc_kernel::resource::rows::{self, Planned, Saved};
use tdc_kernel::text::{clean, clean_opt};
use tdc_kernel::versions::{Expected, Replace, check_version};
use tdc_kernel::{ApiError, FieldError};

use crate::model::{
    CommuneDue, DueByCommune, InstrumentInput, InstrumentListQuery, MeasuringInstrument, OwnerKind, VerificationStatus,
};
use crate::rules::verification::{self, DUE_WITHIN_DAYS};
use crate::schema::measuring_instruments as instruments;

/// The entity name of instruments in history and the change feed.
pub const ENTITY: &str = "measuring_instrument";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = instruments, treat_none_as_null = true, treat_none_as_default_value = false)]
    struct InstrumentRow {
        id: String,
        kind: String,
        serial: String,
        model: Option<String>,
        manufacturer: Option<String>,
        owner_kind: String,
        owner_tax_code: Option<String>,
        owner_name: String,
        owner_personal_id: Option<String>,
        place: String,
        commune_code: String,
        market: Option<String>,
        certificate_number: Option<String>,
        stamp_number: Option<String>,
        verified_on: Option<NaiveDate>,
        valid_until: Option<NaiveDate>,
        verifying_body: Option<String>,
        in_use: bool,
    }
}

/// A personal identification number as a reader other than the recording agency sees it.
fn masked(id: &str) -> String {
    let tail: String = id.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("********{tail}")
}

impl InstrumentRow {
    fn key(&self) -> String {
        format!("{}/{}", self.kind, self.serial)
    }

    fn to_api(&self, reader: &Reader) -> MeasuringInstrument {
        let whole = matches!(reader, Reader::Agency { code, .. } if *code == self.lead_agency);
        MeasuringInstrument {
            record: self.meta(),
            kind: stored(&self.kind),
            serial: self.serial.clone(),
            model: self.model.clone(),
            manufacturer: self.manufacturer.clone(),
            owner_kind: stored(&self.owner_kind),
            owner_tax_code: self.owner_tax_code.clone(),
            owner_name: self.owner_name.clone(),
            owner_personal_id: self.owner_personal_id.as_deref().map(|p| if whole { p.to_owned() } else { masked(p) }),
            place: self.place.clone(),
            commune_code: self.commune_code.clone(),
            market: self.market.clone(),
            certificate_number: self.certificate_number.clone(),
            stamp_number: self.stamp_number.clone(),
            verified_on: self.verified_on,
            valid_until: self.valid_until,
            verifying_body: self.verifying_body.clone(),
            in_use: self.in_use,
            status: verification::status(self.valid_until, tdc_kernel::calendar::today()),
        }
    }

    fn fill(&mut self, input: &InstrumentInput, commune: String) {
        self.kind = name_of(input.kind);
        self.serial = clean(&input.serial);
        self.model = clean_opt(input.model.as_deref());
        self.manufacturer = clean_opt(input.manufacturer.as_deref());
        self.owner_kind = name_of(input.owner_kind);
        self.owner_tax_code = input.owner_tax_code.clone();
        self.owner_name = clean(&input.owner_name);
        self.owner_personal_id = input.owner_personal_id.clone();
        self.place = clean(&input.place);
        self.commune_code = commune;
        self.market = clean_opt(input.market.as_deref());
        self.certificate_number = clean_opt(input.certificate_number.as_deref());
        self.stamp_number = clean_opt(input.stamp_number.as_deref());
        self.verified_on = input.verified_on;
        self.valid_until = input.valid_until;
        self.verifying_body = clean_opt(input.verifying_body.as_deref());
        self.in_use = input.in_use;
    }
}

/// What the hub checks of an instrument beyond its fields' shapes; the commune's current code.
fn check(conn: &mut AnyConnection, input: &InstrumentInput) -> Result<String, ApiError> {
    let mut errors = Vec::new();
    let field = |pointer: &str, code: &str, message: String| FieldError::new(pointer, code, message);
    match (input.owner_kind, &input.owner_tax_code, &input.owner_personal_id) {
        (OwnerKind::Business, Some(tax), None) => {
            if tdc_directory::api::business_access(conn, tax)?.is_none() {
                let message = format!("no business with tax code {tax} is in the hub; record it first");
                errors.push(field("/owner_tax_code", "unknown_business", message));
            }
        }
        (OwnerKind::Business, _, _) => {
            errors.push(field("/owner_tax_code", "required", "a business owner is named by its tax code alone".into()))
        }
        (OwnerKind::Household, None, Some(id)) if id.chars().all(|c| c.is_ascii_digit()) => {}
        (OwnerKind::Household, _, _) => errors.push(field(
            "/owner_personal_id",
            "required",
            "a household owner is named by the 12 digits of the owner's personal identification number alone".into(),
        )),
    }
    let commune = tdc_directory::api::current_unit_code(conn, &input.commune_code)?;
    if commune.is_none() {
        errors.push(field("/commune_code", "unknown_unit", format!("no administrative unit {}", input.commune_code)));
    }
    if let (Some(from), Some(to)) = (input.verified_on, input.valid_until)
        && to < from
    {
        errors.push(field("/valid_until", "period_reversed", "the verification ends before it was made".into()));
    }
    match (errors.is_empty(), commune) {
        (true, Some(commune)) => Ok(commune),
        _ => Err(ApiError::Invalid(errors)),
    }
}

/// Records an instrument in the caller's agency's register (409 `duplicate_key` when its kind and
/// serial are recorded).
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &InstrumentInput,
) -> Result<MeasuringInstrument, ApiError> {
    let lead = access::lead_for(writer, None)?;
    let commune = check(conn, input)?;
    let mut row =
        InstrumentRow { lead_agency: lead, coordinating: "[]".into(), sharing: "shared".into(), ..rows::fresh() };
    row.fill(input, commune);
    let row = rows::create(conn, actor, row, "/serial", "an instrument of this kind with this serial is recorded")?;
    Ok(row.to_api(writer))
}

fn load(conn: &mut AnyConnection, id: &str) -> Result<InstrumentRow, ApiError> {
    let row: Option<InstrumentRow> =
        instruments::table.find(id).select(InstrumentRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no measuring instrument {id}")))
}

/// One instrument (every agency reads the registers).
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<MeasuringInstrument, ApiError> {
    load(conn, id).map(|r| r.to_api(reader))
}

/// Replaces an instrument's content (the agency whose register holds it), at version `expected`.
pub fn update(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    input: &InstrumentInput,
    expected: Expected,
) -> Result<MeasuringInstrument, ApiError> {
    let existing = load(conn, id)?;
    access::require_lead(writer, &existing.access())?;
    check_version(&expected, existing.version)?;
    let commune = check(conn, input)?;
    let mut row = existing.clone();
    row.fill(input, commune);
    if row != existing {
        rows::save(conn, actor, "updated", &existing, &mut row)?;
    }
    Ok(row.to_api(writer))
}

/// What upserting `input` stores over `existing` (the writer's register only).
fn plan(
    conn: &mut AnyConnection,
    writer: &Reader,
    input: &InstrumentInput,
    existing: Option<InstrumentRow>,
) -> Result<Planned<InstrumentRow>, ApiError> {
    if let Some(stored) = &existing {
        access::require_lead(writer, &stored.access())?;
    }
    let commune = check(conn, input)?;
    let lead = access::lead_for(writer, None)?;
    let mut row = existing.clone().unwrap_or_else(|| InstrumentRow {
        lead_agency: lead,
        coordinating: "[]".into(),
        sharing: "shared".into(),
        ..rows::fresh()
    });
    row.fill(input, commune);
    Ok(Planned { existing, row })
}

fn find(conn: &mut AnyConnection, input: &InstrumentInput) -> Result<Option<InstrumentRow>, ApiError> {
    let query = instruments::table
        .filter(instruments::kind.eq(name_of(input.kind)))
        .filter(instruments::serial.eq(clean(&input.serial)))
        .select(InstrumentRow::as_select());
    Ok(query.first(conn).optional()?)
}

/// Upserts one instrument by kind and serial (a batch's item-by-item path).
pub fn upsert(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &InstrumentInput,
) -> Saved<MeasuringInstrument> {
    let existing = find(conn, input)?;
    let planned = plan(conn, writer, input, existing)?;
    let (row, created) = rows::write_one(conn, actor, planned, &Replace::Always)?;
    Ok((row.to_api(writer), created))
}

/// Upserts a batch set-wise by kind and serial; declines (`None`) a batch naming one twice.
pub fn upsert_many(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    inputs: &[&InstrumentInput],
) -> Result<Option<Vec<Saved<Kept>>>, ApiError> {
    let keys = inputs.iter().map(|i| Ok(format!("{}/{}", name_of(i.kind), clean(&i.serial)))).collect();
    let Some(keys) = rows::batch_keys(keys) else { return Ok(None) };
    let serials: Vec<String> = inputs.iter().map(|i| clean(&i.serial)).collect();
    let found: Vec<InstrumentRow> = instruments::table
        .filter(instruments::serial.eq_any(&serials))
        .select(InstrumentRow::as_select())
        .load(conn)?;
    let stored = found.into_iter().map(|r| (r.key(), r)).collect();
    let plan = |c: &mut AnyConnection, input: &InstrumentInput, _: &str, existing| plan(c, writer, input, existing);
    rows::write_batch(conn, actor, inputs, keys, stored, plan).map(Some)
}

/// A page of instruments by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &InstrumentListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<MeasuringInstrument>, ApiError> {
    let today = tdc_kernel::calendar::today();
    let mut query = instruments::table.select(InstrumentRow::as_select()).order(instruments::id.asc()).into_boxed();
    if let Some(commune) = &filter.commune_code {
        query =
            query.filter(instruments::commune_code.eq_any(tdc_directory::api::unit_codes_resolving_to(conn, commune)?));
    }
    if let Some(market) = &filter.market {
        query = query.filter(instruments::market.eq(clean(market)));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(instruments::kind.eq(name_of(kind)));
    }
    if let Some(tax) = &filter.owner_tax_code {
        query = query.filter(instruments::owner_tax_code.eq(tax.clone()));
    }
    let soon = today + Duration::days(DUE_WITHIN_DAYS);
    query = match filter.status {
        None => query,
        Some(VerificationStatus::Unverified) => query.filter(instruments::valid_until.is_null()),
        Some(VerificationStatus::Overdue) => query.filter(instruments::valid_until.lt(today)),
        Some(VerificationStatus::Due) => query.filter(instruments::valid_until.between(today, soon)),
        Some(VerificationStatus::Valid) => query.filter(instruments::valid_until.gt(soon)),
    };
    if let Some(month) = &filter.due_in {
        let (first, last) = verification::month(month).ok_or_else(|| {
            ApiError::malformed_field("/query/due_in", "invalid_parameter", "a month is written 2026-12")
        })?;
        query = query.filter(instruments::valid_until.between(first, last)).filter(instruments::in_use.eq(true));
    }
    if let Some(after) = after {
        query = query.filter(instruments::id.gt(after));
    }
    let rows: Vec<InstrumentRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(|r| r.to_api(reader)).collect())
}

/// Per commune: the in-use instruments whose verification ends in `month`, and those overdue today.
pub fn due_by_commune(conn: &mut AnyConnection, month: &str) -> Result<DueByCommune, ApiError> {
    let (first, last) = verification::month(month)
        .ok_or_else(|| ApiError::malformed_field("/query/month", "invalid_parameter", "a month is written 2026-12"))?;
    let counted = |conn: &mut AnyConnection, from: NaiveDate, to: NaiveDate| -> Result<Vec<(String, i64)>, ApiError> {
        Ok(instruments::table
            .filter(instruments::in_use.eq(true))
            .filter(instruments::valid_until.between(from, to))
            .group_by(instruments::commune_code)
            .select((instruments::commune_code, count_star()))
            .load(conn)?)
    };
    let due = counted(conn, first, last)?;
    let long_ago = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
    let overdue = counted(conn, long_ago, tdc_kernel::calendar::today() - Duration::days(1))?;
    let mut communes: std::collections::BTreeMap<String, CommuneDue> = std::collections::BTreeMap::new();
    for (code, n) in due {
        communes.entry(code.clone()).or_insert(CommuneDue { commune_code: code, due: 0, overdue: 0 }).due = n;
    }
    for (code, n) in overdue {
        communes.entry(code.clone()).or_insert(CommuneDue { commune_code: code, due: 0, overdue: 0 }).overdue = n;
    }
    Ok(DueByCommune { month: month.to_owned(), communes: communes.into_values().collect() })
}

tdc_kernel::recorded!(InstrumentRow, ENTITY, |row| row.to_api(&Reader::Public));
tdc_kernel::stored!(InstrumentRow, instruments);
