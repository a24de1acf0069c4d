//! Agencies in the database.

use std::collections::HashSet;

use diesel::prelude::*;
use tdc_kernel::access::Access;
use tdc_kernel::changes::{Actor, record_row};
use tdc_kernel::db::{AnyConnection, now, schema::agencies};
use tdc_kernel::names::stored;
use tdc_kernel::text::{clean, clean_opt};
use tdc_kernel::versions::check_updated;
use tdc_kernel::{ApiError, FieldError};

use crate::model::{Agency, AgencyKind, AgencyListQuery, AgencyPatch, Contact, NewAgency, utc};

/// An agency as stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = agencies, treat_none_as_null = true)]
pub struct AgencyRow {
    id: String,
    code: String,
    name_vi: String,
    name_en: Option<String>,
    kind: String,
    sectors: String,
    contact_email: Option<String>,
    contact_phone: Option<String>,
    address: Option<String>,
    version: i32,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

impl AgencyRow {
    fn to_api(&self) -> Agency {
        let contact = Contact {
            email: self.contact_email.clone(),
            phone: self.contact_phone.clone(),
            address: self.address.clone(),
        };
        Agency {
            id: self.id.clone(),
            code: self.code.clone(),
            name_vi: self.name_vi.clone(),
            name_en: self.name_en.clone(),
            kind: stored(&self.kind),
            sectors: serde_json::from_str(&self.sectors).unwrap_or_default(),
            contact: (contact != Contact::default()).then_some(contact),
            version: self.version,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        }
    }

    fn set_contact(&mut self, contact: Option<&Contact>) {
        let c = contact.cloned().unwrap_or_default();
        self.contact_email = clean_opt(c.email.as_deref());
        self.contact_phone = clean_opt(c.phone.as_deref());
        self.address = clean_opt(c.address.as_deref());
    }
}

/// Agencies are read by every authenticated agency; each agency leads its own record.
pub fn access(code: &str) -> Access {
    Access::shared_by(code)
}

/// The entity name of agencies in history and the change feed.
pub const ENTITY: &str = "agency";

tdc_kernel::recorded!(Agency, ENTITY, |row| row, access = |row| access(&row.code));

fn sectors_json(list: &[String]) -> String {
    let cleaned: Vec<String> = list.iter().map(|s| clean(s)).collect();
    serde_json::to_string(&cleaned).unwrap_or_else(|_| "[]".into())
}

/// Registers an agency; 409 on a duplicate code.
pub fn create(conn: &mut AnyConnection, actor: &Actor, new: &NewAgency) -> Result<Agency, ApiError> {
    let at = now();
    let mut row = AgencyRow {
        id: tdc_kernel::ids::new_id(),
        code: new.code.clone(),
        name_vi: clean(&new.name_vi),
        name_en: clean_opt(new.name_en.as_deref()),
        kind: new.kind.as_str().into(),
        sectors: sectors_json(&new.sectors),
        contact_email: None,
        contact_phone: None,
        address: None,
        version: 1,
        created_at: at,
        updated_at: at,
    };
    row.set_contact(new.contact.as_ref());
    tdc_kernel::db::unique(
        diesel::insert_into(agencies::table).values(&row).execute(conn),
        "/code",
        format!("an agency with code {} already exists", new.code),
    )?;
    let created = row.to_api();
    record_row(conn, actor, "created", None, &created)?;
    Ok(created)
}

fn find_row(conn: &mut AnyConnection, id: &str) -> Result<AgencyRow, ApiError> {
    agencies::table
        .find(id)
        .select(AgencyRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound(format!("no agency {id}")))
}

/// One agency by id.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<Agency, ApiError> {
    find_row(conn, id).map(|r| r.to_api())
}

/// Whether an agency with this code exists.
pub fn code_exists(conn: &mut AnyConnection, code: &str) -> Result<bool, ApiError> {
    let n: i64 = agencies::table.filter(agencies::code.eq(code)).count().get_result(conn)?;
    Ok(n > 0)
}

/// The kind of agency `code`, if it is recorded.
pub fn kind_of(conn: &mut AnyConnection, code: &str) -> Result<Option<AgencyKind>, ApiError> {
    let kind: Option<String> =
        agencies::table.filter(agencies::code.eq(code)).select(agencies::kind).first(conn).optional()?;
    Ok(kind.map(|k| stored(&k)))
}

/// The code of the first agency (by code) of `kind`.
pub fn first_of_kind(conn: &mut AnyConnection, kind: AgencyKind) -> Result<Option<String>, ApiError> {
    let query = agencies::table.filter(agencies::kind.eq(kind.as_str())).order(agencies::code.asc());
    Ok(query.select(agencies::code).first(conn).optional()?)
}

/// Every agency, by code (a province has tens of them).
pub fn all(conn: &mut AnyConnection) -> Result<Vec<Agency>, ApiError> {
    let rows: Vec<AgencyRow> = agencies::table.select(AgencyRow::as_select()).order(agencies::code.asc()).load(conn)?;
    Ok(rows.iter().map(AgencyRow::to_api).collect())
}

/// A page of agencies (keyset on id, oldest first); fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &AgencyListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Agency>, ApiError> {
    let mut query = agencies::table.select(AgencyRow::as_select()).order(agencies::id.asc()).into_boxed();
    if let Some(kind) = filter.kind {
        query = query.filter(agencies::kind.eq(kind.as_str()));
    }
    if let Some(code) = &filter.code {
        query = query.filter(agencies::code.eq(code.clone()));
    }
    if let Some(after) = after {
        query = query.filter(agencies::id.gt(after));
    }
    let rows: Vec<AgencyRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(AgencyRow::to_api).collect())
}

/// Applies a patch if `expected` accepts the current version; the version goes up by one.
pub fn update(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &str,
    expected: tdc_kernel::versions::Expected,
    patch: &AgencyPatch,
) -> Result<Agency, ApiError> {
    let mut row = find_row(conn, id)?;
    let before = row.to_api();
    tdc_kernel::versions::check_version(&expected, row.version)?;
    let current = row.version;
    if let Some(name) = &patch.name_vi {
        row.name_vi = clean(name);
    }
    if let Some(name) = &patch.name_en {
        row.name_en = clean_opt(Some(name));
    }
    if let Some(kind) = patch.kind {
        row.kind = kind.as_str().into();
    }
    if let Some(sectors) = &patch.sectors {
        row.sectors = sectors_json(sectors);
    }
    if patch.contact.is_some() {
        row.set_contact(patch.contact.as_ref());
    }
    row.version += 1;
    row.updated_at = now();
    check_updated(
        diesel::update(agencies::table.find(id).filter(agencies::version.eq(current))).set(&row).execute(conn)?,
    )?;
    let after = row.to_api();
    record_row(conn, actor, "updated", Some(&before), &after)?;
    Ok(after)
}

/// Refuses (422 `unknown_agency`, naming each field under `base`) a lead agency or coordinating
/// agencies that do not exist.
pub fn check_codes(conn: &mut AnyConnection, lead: &str, coordinating: &[String], base: &str) -> Result<(), ApiError> {
    let named: Vec<&str> = std::iter::once(lead).chain(coordinating.iter().map(String::as_str)).collect();
    let known: HashSet<String> = agencies::table
        .filter(agencies::code.eq_any(named))
        .select(agencies::code)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    check_known_codes(&known, lead, coordinating, base)
}

/// Every agency's code (a batch's checks read them once).
pub fn all_codes(conn: &mut AnyConnection) -> Result<HashSet<String>, ApiError> {
    Ok(agencies::table.select(agencies::code).load::<String>(conn)?.into_iter().collect())
}

/// [`check_codes`] against codes read already.
pub fn check_known_codes(
    known: &HashSet<String>,
    lead: &str,
    coordinating: &[String],
    base: &str,
) -> Result<(), ApiError> {
    let unknown = |pointer: String, code: &str| {
        FieldError::new(pointer, "unknown_agency", format!("no agency has the code {code}"))
    };
    let mut errors = Vec::new();
    if !known.contains(lead) {
        errors.push(unknown(format!("{base}/lead_agency"), lead));
    }
    for (i, code) in coordinating.iter().enumerate().filter(|(_, c)| !known.contains(*c)) {
        errors.push(unknown(format!("{base}/coordinating_agencies/{i}"), code));
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Invalid(errors)) }
}
