//! Administrative units in the database, and the resolution of former units to today's.

use std::collections::{HashMap, HashSet};
use tdc_kernel::names::stored;

use crate::schema::administrative_units as units;
use chrono::NaiveDate;
use diesel::prelude::*;
use tdc_kernel::changes::{Actor, record_row};
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::text::{clean, clean_opt, fold};
use tdc_kernel::{ApiError, FieldError};

use super::Replace;
use crate::model::{AdministrativeUnit, AdministrativeUnitInput, UnitKind, UnitListQuery, utc};
use tdc_kernel::versions::check_updated;

/// The entity name of units in history and the change feed.
pub const ENTITY: &str = "administrative_unit";
/// How many successions a resolution follows at most (a guard against cycles in bad data).
const MAX_SUCCESSIONS: usize = 10;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = units, treat_none_as_null = true)]
struct UnitRow {
    id: String,
    code: String,
    name: String,
    kind: String,
    parent_code: Option<String>,
    former_district: Option<String>,
    former_province: Option<String>,
    former_province_key: Option<String>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    successor_codes: String,
    search_text: String,
    version: i32,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

/// Today in Vietnam (UTC+7), the calendar the units' dates are in.
fn today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

impl UnitRow {
    fn successors(&self) -> Vec<String> {
        serde_json::from_str(&self.successor_codes).unwrap_or_default()
    }

    fn is_current(&self) -> bool {
        self.valid_to.is_none_or(|end| end >= today())
    }

    fn to_api(&self, current_codes: Vec<String>) -> AdministrativeUnit {
        AdministrativeUnit {
            id: self.id.clone(),
            code: self.code.clone(),
            name: self.name.clone(),
            kind: stored(&self.kind),
            parent_code: self.parent_code.clone(),
            former_district: self.former_district.clone(),
            former_province: self.former_province.clone(),
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            successor_codes: self.successors(),
            current: self.is_current(),
            current_codes,
            version: self.version,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        }
    }

    fn fill(&mut self, input: &AdministrativeUnitInput) {
        self.name = clean(&input.name);
        self.kind = input.kind.as_str().into();
        self.parent_code = input.parent_code.clone();
        self.former_district = clean_opt(input.former_district.as_deref());
        self.former_province = clean_opt(input.former_province.as_deref());
        self.former_province_key = self.former_province.as_deref().map(fold);
        self.valid_from = input.valid_from;
        self.valid_to = input.valid_to;
        let mut successors = input.successor_codes.clone();
        successors.sort();
        successors.dedup();
        self.successor_codes = serde_json::to_string(&successors).unwrap_or_else(|_| "[]".into());
        let former = [self.former_district.as_deref(), self.former_province.as_deref()];
        let words = [Some(self.code.as_str()), Some(self.name.as_str())].into_iter().chain(former).flatten();
        self.search_text = fold(&words.collect::<Vec<_>>().join(" "));
    }

    fn content(&self) -> impl PartialEq + use<> {
        let place = (self.name.clone(), self.kind.clone(), self.parent_code.clone());
        let history = (self.former_district.clone(), self.former_province.clone(), self.valid_from, self.valid_to);
        (place, history, self.successor_codes.clone())
    }
}

fn find(conn: &mut AnyConnection, code: &str) -> Result<Option<UnitRow>, ApiError> {
    Ok(units::table.filter(units::code.eq(code)).select(UnitRow::as_select()).first(conn).optional()?)
}

/// Today's units a unit resolves to: itself if current, else its successors' (followed through
/// several reorganisations).
fn resolve(conn: &mut AnyConnection, row: &UnitRow) -> Result<Vec<String>, ApiError> {
    if row.is_current() {
        return Ok(vec![row.code.clone()]);
    }
    let (mut current, mut seen, mut frontier) = (Vec::new(), HashSet::from([row.code.clone()]), row.successors());
    for _ in 0..MAX_SUCCESSIONS {
        let mut next = Vec::new();
        for code in frontier.into_iter().filter(|c| seen.insert(c.clone())) {
            match find(conn, &code)? {
                Some(unit) if unit.is_current() => current.push(unit.code),
                Some(unit) => next.extend(unit.successors()),
                None => {}
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    current.sort();
    Ok(current)
}

fn to_api(conn: &mut AnyConnection, row: &UnitRow) -> Result<AdministrativeUnit, ApiError> {
    let current = resolve(conn, row)?;
    Ok(row.to_api(current))
}

/// One unit by code, current or former.
pub fn get(conn: &mut AnyConnection, code: &str) -> Result<AdministrativeUnit, ApiError> {
    let row = find(conn, code)?.ok_or_else(|| ApiError::NotFound(format!("no administrative unit {code}")))?;
    to_api(conn, &row)
}

/// The version of the unit with this code, if it is recorded.
pub fn version_of(conn: &mut AnyConnection, code: &str) -> Result<Option<i32>, ApiError> {
    Ok(find(conn, code)?.map(|u| u.version))
}

/// The kind of the unit with this code (current or former), if there is one.
pub fn kind_of(conn: &mut AnyConnection, code: &str) -> Result<Option<UnitKind>, ApiError> {
    Ok(find(conn, code)?.map(|u| UnitKind::parse(&u.kind)))
}

/// The kinds of the units among `codes` that exist, by code (one query).
pub fn kinds_of(conn: &mut AnyConnection, codes: &[&str]) -> Result<HashMap<String, UnitKind>, ApiError> {
    let found: Vec<(String, String)> =
        units::table.filter(units::code.eq_any(codes)).select((units::code, units::kind)).load(conn)?;
    Ok(found.into_iter().map(|(code, kind)| (code, UnitKind::parse(&kind))).collect())
}

/// A unit's code and the codes of every former unit it succeeded, directly or through several
/// reorganisations: what a filter on a current unit must also match.
pub fn codes_resolving_to(conn: &mut AnyConnection, code: &str) -> Result<Vec<String>, ApiError> {
    let (mut found, mut frontier) = (vec![code.to_owned()], vec![code.to_owned()]);
    for _ in 0..MAX_SUCCESSIONS {
        let mut next = Vec::new();
        for successor in &frontier {
            let pattern = format!("%\"{}\"%", tdc_kernel::text::escape_like(successor));
            let former: Vec<String> = units::table
                .filter(units::successor_codes.like(pattern).escape('\\'))
                .select(units::code)
                .load(conn)?;
            next.extend(former.into_iter().filter(|c| !found.contains(c)));
        }
        next.sort();
        next.dedup();
        if next.is_empty() {
            break;
        }
        found.extend(next.iter().cloned());
        frontier = next;
    }
    Ok(found)
}

/// Whether a unit with this code exists (current or former).
pub fn exists(conn: &mut AnyConnection, code: &str) -> Result<bool, ApiError> {
    Ok(find(conn, code)?.is_some())
}

fn check(conn: &mut AnyConnection, code: &str, input: &AdministrativeUnitInput) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if let (Some(from), Some(to)) = (input.valid_from, input.valid_to)
        && to < from
    {
        errors.push(FieldError::new("/valid_to", "date_order", "valid_to is before valid_from"));
    }
    if !input.successor_codes.is_empty() && input.valid_to.is_none() {
        errors.push(FieldError::new("/valid_to", "required", "a unit with successors has ended: give valid_to"));
    }
    let current = input.valid_to.is_none_or(|end| end >= today());
    if let Some(parent) = &input.parent_code {
        match find(conn, parent)? {
            None => {
                errors.push(FieldError::new("/parent_code", "unknown_unit", format!("no administrative unit {parent}")))
            }
            Some(unit) if current && !unit.is_current() => errors.push(FieldError::new(
                "/parent_code",
                "parent_abolished",
                format!("{parent} ({}) no longer exists; a current unit belongs to a current one", unit.name),
            )),
            Some(_) => {}
        }
    }
    for (i, successor) in input.successor_codes.iter().enumerate() {
        let pointer = format!("/successor_codes/{i}");
        if successor == code {
            errors.push(FieldError::new(pointer, "self_successor", "a unit cannot succeed itself"));
        } else if !exists(conn, successor)? {
            errors.push(FieldError::new(
                pointer,
                "unknown_unit",
                format!("no administrative unit {successor}; record it first"),
            ));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Invalid(errors)) }
}

/// Creates or replaces a unit by code, as `replace` allows; returns it and whether it was created.
pub fn upsert(
    conn: &mut AnyConnection,
    actor: &Actor,
    code: &str,
    input: &AdministrativeUnitInput,
    replace: Replace,
) -> Result<(AdministrativeUnit, bool), ApiError> {
    check(conn, code, input)?;
    let existing = find(conn, code)?;
    let at = now();
    let mut row = existing.clone().unwrap_or_else(|| UnitRow {
        id: tdc_kernel::ids::new_id(),
        code: code.to_owned(),
        name: String::new(),
        kind: String::new(),
        parent_code: None,
        former_district: None,
        former_province: None,
        former_province_key: None,
        valid_from: None,
        valid_to: None,
        successor_codes: "[]".into(),
        search_text: String::new(),
        version: 1,
        created_at: at,
        updated_at: at,
    });
    row.fill(input);
    let Some(before) = existing else {
        diesel::insert_into(units::table).values(&row).execute(conn)?;
        record_row(conn, actor, "created", None, &row)?;
        return Ok((to_api(conn, &row)?, true));
    };
    if !replace.allows(row.content() == before.content(), before.version)? {
        return Ok((to_api(conn, &before)?, false));
    }
    row.version = before.version + 1;
    row.updated_at = at;
    check_updated(
        diesel::update(units::table.find(&row.id).filter(units::version.eq(before.version))).set(&row).execute(conn)?,
    )?;
    record_row(conn, actor, "updated", Some(&before), &row)?;
    Ok((to_api(conn, &row)?, false))
}

/// A page of units by code; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &UnitListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<AdministrativeUnit>, ApiError> {
    let mut query = units::table.select(UnitRow::as_select()).order(units::code.asc()).into_boxed();
    if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
        query = query.filter(tdc_kernel::search::contains(conn.backend(), "administrative_units", q));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(units::kind.eq(kind.as_str()));
    }
    if let Some(parent) = &filter.parent_code {
        query = query.filter(units::parent_code.eq(parent.clone()));
    }
    if let Some(former) = &filter.former_province {
        query = query.filter(units::former_province_key.eq(fold(former)));
    }
    match filter.current {
        Some(true) => query = query.filter(units::valid_to.is_null().or(units::valid_to.ge(today()))),
        Some(false) => query = query.filter(units::valid_to.lt(today())),
        None => {}
    }
    if let Some(after) = after {
        query = query.filter(units::code.gt(after));
    }
    let rows: Vec<UnitRow> = query.limit(limit + 1).load(conn)?;
    rows.iter().map(|r| to_api(conn, r)).collect()
}

tdc_kernel::recorded!(UnitRow, ENTITY, public, |row| row.to_api(vec![]));
