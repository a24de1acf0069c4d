//! The standards catalogue in the database.

use crate::schema::standards;
use diesel::prelude::*;
use tdc_kernel::access::{self, Access, Reader, Sharing};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::stored;
use tdc_kernel::resource::{Kept, Planned, Saved, rows};
use tdc_kernel::text::{clean_opt, escape_like, fold};
use tdc_kernel::versions::Replace;
use tdc_kernel::{ApiError, FieldError};

use crate::model::{Standard, StandardInput, StandardKind, StandardListQuery, StandardStatus, utc};
use crate::rules::{Designation, parse_designation};

/// The entity name of standards in history and the change feed.
pub const ENTITY: &str = "standard";

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = standards, treat_none_as_null = true, treat_none_as_default_value = false)]
struct StandardRow {
    id: String,
    designation: String,
    designation_key: String,
    issuing_body: String,
    year: Option<i32>,
    title_vi: Option<String>,
    title_en: Option<String>,
    status: String,
    replaced_by: Option<String>,
    ics_codes: String,
    search_text: String,
    lead_agency: String,
    version: i32,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

impl StandardRow {
    /// The catalogue is public; its lead agency keeps each entry current.
    fn access(&self) -> Access {
        Access { lead_agency: self.lead_agency.clone(), sharing: Sharing::Public, coordinating: vec![] }
    }

    fn to_api(&self) -> Standard {
        Standard {
            id: self.id.clone(),
            designation: self.designation.clone(),
            kind: if crate::rules::is_national_regulation(&self.designation) {
                StandardKind::NationalRegulation
            } else {
                StandardKind::Standard
            },
            issuing_body: self.issuing_body.clone(),
            year: self.year,
            title_vi: self.title_vi.clone(),
            title_en: self.title_en.clone(),
            status: stored(&self.status),
            replaced_by: self.replaced_by.clone(),
            ics_codes: serde_json::from_str(&self.ics_codes).unwrap_or_default(),
            lead_agency: self.lead_agency.clone(),
            version: self.version,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        }
    }

    fn fill(&mut self, d: &Designation, input: &StandardInput, replaced_by: Option<String>) {
        self.designation = d.text.clone();
        self.designation_key = d.key.clone();
        self.issuing_body = clean_opt(input.issuing_body.as_deref()).unwrap_or_else(|| d.body.clone());
        self.year = input.year.or(d.year);
        self.title_vi = clean_opt(input.title_vi.as_deref());
        self.title_en = clean_opt(input.title_en.as_deref());
        self.status = input.status.as_str().into();
        self.replaced_by = replaced_by;
        self.ics_codes = serde_json::to_string(&input.ics_codes).unwrap_or_else(|_| "[]".into());
        let titles = [self.title_vi.as_deref().unwrap_or(""), self.title_en.as_deref().unwrap_or("")];
        self.search_text = fold(&format!("{} {} {}", self.designation, titles[0], titles[1]));
    }
}

fn find(conn: &mut AnyConnection, key: &str) -> Result<Option<StandardRow>, ApiError> {
    Ok(standards::table
        .filter(standards::designation_key.eq(key))
        .select(StandardRow::as_select())
        .first(conn)
        .optional()?)
}

/// Checks what a designation's standard must satisfy; answers the replacing standard's designation.
fn check(conn: &mut AnyConnection, d: &Designation, input: &StandardInput) -> Result<Option<String>, ApiError> {
    let mut errors = Vec::new();
    if input.title_vi.is_none() && input.title_en.is_none() {
        errors.push(FieldError::new("/title_vi", "required", "give a title in Vietnamese or English"));
    }
    if let (Some(given), Some(in_designation)) = (input.year, d.year)
        && given != in_designation
    {
        errors.push(FieldError::new("/year", "year_mismatch", format!("the designation says {in_designation}")));
    }
    let replaced_by = match (input.status, &input.replaced_by) {
        (StandardStatus::Replaced, None) => {
            errors.push(FieldError::new("/replaced_by", "required", "a replaced standard names its replacement"));
            None
        }
        (StandardStatus::Replaced, Some(other)) => replacement(conn, d, other, &mut errors)?,
        (_, Some(_)) => {
            errors.push(FieldError::new("/replaced_by", "not_replaced", "only a replaced standard has replaced_by"));
            None
        }
        (_, None) => None,
    };
    if errors.is_empty() { Ok(replaced_by) } else { Err(ApiError::Invalid(errors)) }
}

fn replacement(
    conn: &mut AnyConnection,
    d: &Designation,
    other: &str,
    errors: &mut Vec<FieldError>,
) -> Result<Option<String>, ApiError> {
    let Ok(parsed) = parse_designation(other) else {
        errors.push(FieldError::new("/replaced_by", "designation_format", "replaced_by is not a designation"));
        return Ok(None);
    };
    if parsed.key == d.key {
        errors.push(FieldError::new("/replaced_by", "self_replacement", "a standard cannot replace itself"));
        return Ok(None);
    }
    match find(conn, &parsed.key)? {
        Some(row) => Ok(Some(row.designation)),
        None => {
            let message = format!("{} is not in the catalogue; record it first", parsed.text);
            errors.push(FieldError::new("/replaced_by", "unknown_standard", message));
            Ok(None)
        }
    }
}

fn parsed(designation: &str) -> Result<Designation, ApiError> {
    parse_designation(designation)
        .map_err(|e| ApiError::invalid_field("/designation", &e.code, e.message.unwrap_or_default()))
}

/// Records a new standard; 409 if its designation is in the catalogue.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    designation: &str,
    input: &StandardInput,
) -> Result<Standard, ApiError> {
    let d = parsed(designation)?;
    if find(conn, &d.key)?.is_some() {
        return Err(ApiError::duplicate("/designation", format!("{} is in the catalogue", d.text)));
    }
    upsert(conn, actor, writer, designation, input, Replace::IfIdentical).map(|(standard, _)| standard)
}

/// Creates or replaces a standard by designation, as `replace` allows; answers it and whether it
/// was created. Only its lead agency (or an administrator) replaces it.
pub fn upsert(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    designation: &str,
    input: &StandardInput,
    replace: Replace,
) -> Result<(Standard, bool), ApiError> {
    let d = parsed(designation)?;
    let existing = find(conn, &d.key)?;
    let planned = plan(conn, writer, &d, input, existing)?;
    let (row, created) = rows::write_one(conn, actor, planned, &replace)?;
    Ok((row.to_api(), created))
}

/// What upserting `input` under designation `d` would store over `existing`, once the checks
/// pass and the writer leads it.
fn plan(
    conn: &mut AnyConnection,
    writer: &Reader,
    d: &Designation,
    input: &StandardInput,
    existing: Option<StandardRow>,
) -> Result<Planned<StandardRow>, ApiError> {
    let replaced_by = check(conn, d, input)?;
    let lead = match &existing {
        Some(row) => access::require_lead(writer, &row.access()).map(|_| row.lead_agency.clone())?,
        None => access::lead_for(writer, None)?,
    };
    let mut row = existing.clone().unwrap_or_else(|| StandardRow { lead_agency: lead, ..rows::fresh() });
    row.fill(d, input, replaced_by);
    Ok(Planned { existing, row })
}

/// The designation a creation or a batch item names (422 `required` without it), parsed.
pub fn designation_of(input: &StandardInput) -> Result<Designation, ApiError> {
    let missing = || ApiError::invalid_field("/designation", "required", "designation is required");
    parsed(input.designation.as_deref().ok_or_else(missing)?)
}

/// Upserts a batch of standards set-wise by designation (each replaces what its designation
/// holds, if the writer leads it). Declines (`None`) a batch naming a designation twice or
/// replacing a standard by one the same batch records: item by item, the later sees the earlier.
pub fn upsert_many(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    inputs: &[&StandardInput],
) -> Result<Option<Vec<Saved<Kept>>>, ApiError> {
    let keys = inputs.iter().map(|i| designation_of(i).map(|d| d.key)).collect();
    let Some(keys) = rows::batch_keys(keys) else { return Ok(None) };
    let wanted: Vec<&str> = keys.iter().filter_map(|k| k.as_deref().ok()).collect();
    let replacing = inputs.iter().filter_map(|i| i.replaced_by.as_deref()).filter_map(|r| parse_designation(r).ok());
    if replacing.map(|r| r.key).any(|k| wanted.contains(&k.as_str())) {
        return Ok(None);
    }
    let found: Vec<StandardRow> = standards::table
        .filter(standards::designation_key.eq_any(&wanted))
        .select(StandardRow::as_select())
        .load(conn)?;
    let stored = found.into_iter().map(|r| (r.designation_key.clone(), r)).collect();
    let plan = |c: &mut AnyConnection, input: &StandardInput, _: &str, existing| {
        plan(c, writer, &designation_of(input)?, input, existing)
    };
    rows::write_batch(conn, actor, inputs, keys, stored, plan).map(Some)
}

/// One standard by id.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<Standard, ApiError> {
    let row: Option<StandardRow> = standards::table.find(id).select(StandardRow::as_select()).first(conn).optional()?;
    row.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no standard {id}")))
}

/// One standard by designation (spacing and case do not matter).
pub fn get_by_designation(conn: &mut AnyConnection, designation: &str) -> Result<Standard, ApiError> {
    let key = fold(designation).replace(' ', "");
    find(conn, &key)?.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no standard {designation}")))
}

/// A page of the catalogue by designation key; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &StandardListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Standard>, ApiError> {
    let mut query =
        standards::table.select(StandardRow::as_select()).order(standards::designation_key.asc()).into_boxed();
    if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
        query = query.filter(tdc_kernel::search::contains(conn.backend(), "standards", q));
    }
    if let Some(status) = filter.status {
        query = query.filter(standards::status.eq(status.as_str()));
    }
    if let Some(body) = &filter.issuing_body {
        query = query.filter(standards::issuing_body.eq(body.to_uppercase()));
    }
    match filter.kind {
        Some(StandardKind::NationalRegulation) => query = query.filter(standards::designation_key.like("qcvn%")),
        Some(StandardKind::Standard) => query = query.filter(standards::designation_key.not_like("qcvn%")),
        None => {}
    }
    if let Some(ics) = filter.ics.as_deref().filter(|i| !i.is_empty()) {
        query = query.filter(standards::ics_codes.like(format!("%\"{}%", escape_like(ics))).escape('\\'));
    }
    if let Some(after) = after {
        query = query.filter(standards::designation_key.gt(after));
    }
    let rows: Vec<StandardRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(StandardRow::to_api).collect())
}

impl tdc_kernel::resource::Record for Standard {
    fn id(&self) -> &str {
        &self.id
    }
    fn version(&self) -> i32 {
        self.version
    }
    /// The catalogue pages by designation, spacing and case folded.
    fn cursor(&self) -> String {
        fold(&self.designation).replace(' ', "")
    }
}

tdc_kernel::recorded!(StandardRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(StandardRow, standards);
