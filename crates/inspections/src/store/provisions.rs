//! The catalogue of sanctioning provisions: upserted by code (one, or a batch set-wise) by DOST,
//! read by anyone.

use chrono::NaiveDate;
use diesel::prelude::*;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::Mover;
use tdc_kernel::resource::{Kept, Planned, Saved, rows};
use tdc_kernel::text::clean;
use tdc_kernel::versions::Replace;
use tdc_kernel::{ApiError, FieldError};

use crate::model::{LegalProvision, LegalProvisionInput, ProvisionListQuery};
use crate::schema::legal_provisions as provisions;

/// The entity name of provisions in history and the change feed.
pub const ENTITY: &str = "legal_provision";

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = provisions, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(crate) struct ProvisionRow {
    id: String,
    code: String,
    decree: String,
    amended_by: String,
    pub article: String,
    pub title: String,
    pub fine_min_vnd: i64,
    pub fine_max_vnd: i64,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    lead_agency: String,
    version: i32,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

impl ProvisionRow {
    fn to_api(&self) -> LegalProvision {
        LegalProvision {
            id: self.id.clone(),
            code: self.code.clone(),
            decree: self.decree.clone(),
            amended_by: serde_json::from_str(&self.amended_by).unwrap_or_default(),
            article: self.article.clone(),
            title: self.title.clone(),
            fine_min_vnd: self.fine_min_vnd,
            fine_max_vnd: self.fine_max_vnd,
            effective_from: self.effective_from,
            effective_to: self.effective_to,
            lead_agency: self.lead_agency.clone(),
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }

    /// Whether it applied on `day`.
    pub(crate) fn in_force_on(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_to.is_none_or(|to| day <= to)
    }

    fn fill(&mut self, code: &str, input: &LegalProvisionInput) {
        self.code = clean(code);
        self.decree = clean(&input.decree);
        self.amended_by = serde_json::to_string(&input.amended_by).unwrap_or_else(|_| "[]".into());
        self.article = clean(&input.article);
        self.title = clean(&input.title);
        self.fine_min_vnd = input.fine_min_vnd;
        self.fine_max_vnd = input.fine_max_vnd;
        self.effective_from = input.effective_from;
        self.effective_to = input.effective_to;
    }
}

/// The provision `code`, if catalogued.
pub(crate) fn find(conn: &mut AnyConnection, code: &str) -> Result<Option<ProvisionRow>, ApiError> {
    let query = provisions::table.filter(provisions::code.eq(code)).select(ProvisionRow::as_select());
    Ok(query.first(conn).optional()?)
}

/// What upserting `input` under `code` would store over `existing`, once DOST (or an
/// administrator) writes it and its fines and days hold together.
fn plan(
    conn: &mut AnyConnection,
    writer: &Reader,
    code: &str,
    input: &LegalProvisionInput,
    existing: Option<ProvisionRow>,
) -> Result<Planned<ProvisionRow>, ApiError> {
    let mover = Mover::of(conn, writer, "")?;
    if !(mover.is_dost || mover.admin) {
        let detail = "only DOST keeps the catalogue of sanctioning provisions";
        return Err(ApiError::Forbidden { code: "dost_only", detail: detail.into() });
    }
    let mut errors = Vec::new();
    if input.fine_max_vnd < input.fine_min_vnd {
        errors.push(FieldError::new("/fine_max_vnd", "fine_range", "the highest fine is below the lowest"));
    }
    if input.effective_to.is_some_and(|to| to < input.effective_from) {
        errors.push(FieldError::new("/effective_to", "period_reversed", "the last day is before the first"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let lead = access::lead_for(writer, None)?;
    let mut row = existing.clone().unwrap_or_else(|| ProvisionRow { lead_agency: lead, ..rows::fresh() });
    row.fill(code, input);
    Ok(Planned { existing, row })
}

/// Creates or replaces the provision `code`, as `replace` allows; answers it and whether it was created.
pub fn upsert(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    code: &str,
    input: &LegalProvisionInput,
    replace: Replace,
) -> Result<(LegalProvision, bool), ApiError> {
    let existing = find(conn, code)?;
    let planned = plan(conn, writer, code, input, existing)?;
    let (row, created) = rows::write_one(conn, actor, planned, &replace)?;
    Ok((row.to_api(), created))
}

/// The code a batch item names (422 `required` without it).
pub fn code_of(input: &LegalProvisionInput) -> Result<String, ApiError> {
    input.code.clone().ok_or_else(|| ApiError::invalid_field("/code", "required", "code is required in a batch"))
}

/// Upserts a batch of provisions set-wise by code; declines (`None`) a batch naming a code twice.
pub fn upsert_many(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    inputs: &[&LegalProvisionInput],
) -> Result<Option<Vec<Saved<Kept>>>, ApiError> {
    let Some(keys) = rows::batch_keys(inputs.iter().map(|i| code_of(i)).collect()) else { return Ok(None) };
    let wanted: Vec<&str> = keys.iter().filter_map(|k| k.as_deref().ok()).collect();
    let found: Vec<ProvisionRow> =
        provisions::table.filter(provisions::code.eq_any(&wanted)).select(ProvisionRow::as_select()).load(conn)?;
    let stored = found.into_iter().map(|r| (r.code.clone(), r)).collect();
    let plan = |c: &mut AnyConnection, input: &LegalProvisionInput, code: &str, existing| {
        plan(c, writer, code, input, existing)
    };
    rows::write_batch(conn, actor, inputs, keys, stored, plan).map(Some)
}

/// One provision by id.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<LegalProvision, ApiError> {
    let row: Option<ProvisionRow> =
        provisions::table.find(id).select(ProvisionRow::as_select()).first(conn).optional()?;
    row.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no legal provision {id}")))
}

/// One provision by code.
pub fn get_by_code(conn: &mut AnyConnection, code: &str) -> Result<LegalProvision, ApiError> {
    find(conn, code)?.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no legal provision {code}")))
}

/// A page of the catalogue by code; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &ProvisionListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<LegalProvision>, ApiError> {
    let mut query = provisions::table.select(ProvisionRow::as_select()).order(provisions::code.asc()).into_boxed();
    if let Some(decree) = &filter.decree {
        query = query.filter(provisions::decree.eq(decree.clone()));
    }
    if let Some(day) = filter.in_force_on {
        let ended_after = provisions::effective_to.is_null().or(provisions::effective_to.ge(day));
        query = query.filter(provisions::effective_from.le(day)).filter(ended_after);
    }
    if let Some(after) = after {
        query = query.filter(provisions::code.gt(after));
    }
    let rows: Vec<ProvisionRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(ProvisionRow::to_api).collect())
}

tdc_kernel::recorded!(ProvisionRow, ENTITY, |row| row.to_api(), access = |row| Access::public_by(&row.lead_agency));
tdc_kernel::stored!(ProvisionRow, provisions);
