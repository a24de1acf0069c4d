//! Conformity assessment bodies in the database: public, their contact only for the managing agency.

use crate::schema::conformity_bodies as cb;
use chrono::NaiveDate;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Date, Text};
use tdc_directory::api::{business_identity, check_agency_codes, unit_exists};
use tdc_kernel::access::{self, Access, Reader, Sharing};
use tdc_kernel::changes::{Actor, Recorded};
use tdc_kernel::db::{AnyConnection, MultiBackend};
use tdc_kernel::resource::rows;
use tdc_kernel::text::{clean, clean_opt, contains_pattern, fold};
use tdc_kernel::versions::Replace;
use tdc_kernel::{ApiError, FieldError, HomeProvince, calendar};

use super::{catalogue_designation, certificates, from_json, to_json};
use crate::model::{
    Accreditation, Activity, BodyListQuery, CertificateStatus, ConformityBody, ConformityBodyInput, Contact, Site, utc,
};
use crate::rules::{accreditation_fits, flags};

/// The entity name of bodies in history and the change feed.
pub const ENTITY: &str = "conformity_body";

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = cb, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(crate) struct BodyRow {
    pub id: String,
    pub tax_code: String,
    pub name: String,
    pub activities: String,
    pub fields: String,
    pub address: Option<String>,
    pub commune_code: Option<String>,
    pub accreditation: Option<String>,
    pub accreditation_valid_until: Option<NaiveDate>,
    pub sites: String,
    pub province_codes: String,
    pub contact: Option<String>,
    pub lead_agency: String,
    pub sharing: String,
    pub coordinating: String,
    pub search_text: String,
    pub version: i32,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

impl BodyRow {
    pub(crate) fn access(&self) -> Access {
        Access::from_columns(&self.lead_agency, &self.sharing, &self.coordinating)
    }

    pub(crate) fn activities(&self) -> Vec<Activity> {
        from_json(&self.activities)
    }

    pub(crate) fn accreditation(&self) -> Option<Accreditation> {
        self.accreditation.as_deref().and_then(|a| serde_json::from_str(a).ok())
    }

    pub(crate) fn sites(&self) -> Vec<Site> {
        from_json(&self.sites)
    }

    /// The body as `reader` sees it: the contact only for the managing agency or an administrator.
    fn to_api(&self, reader: &Reader, conn: &mut AnyConnection) -> Result<ConformityBody, ApiError> {
        let certificates =
            certificates::summaries(conn, std::slice::from_ref(&self.id))?.remove(&self.id).unwrap_or_default();
        Ok(self.to_api_with(reader, certificates))
    }

    /// The body as `reader` sees it, with its certificates already loaded.
    fn to_api_with(&self, reader: &Reader, certificates: Vec<crate::model::CertificateSummary>) -> ConformityBody {
        let dates: Vec<(String, Option<NaiveDate>)> = certificates
            .iter()
            .filter(|c| c.status == CertificateStatus::Active)
            .map(|c| (c.number.clone(), c.valid_until))
            .collect();
        let accreditation = self.accreditation();
        let flags = flags(accreditation.as_ref(), &dates, calendar::today());
        let sees_contact = access::require_lead(reader, &self.access()).is_ok();
        ConformityBody {
            id: self.id.clone(),
            tax_code: self.tax_code.clone(),
            name: self.name.clone(),
            activities: self.activities(),
            fields: from_json(&self.fields),
            address: self.address.clone(),
            commune_code: self.commune_code.clone(),
            accreditation,
            sites: self.sites(),
            province_codes: from_json(&self.province_codes),
            managing_agency: self.lead_agency.clone(),
            contact: self
                .contact
                .as_deref()
                .filter(|_| sees_contact)
                .and_then(|c| serde_json::from_str::<Contact>(c).ok()),
            certificates,
            flags,
            version: self.version,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        }
    }

    /// The record as history and the feed keep it: public fields only.
    fn public_snapshot(&self) -> serde_json::Value {
        let mut public = self.clone();
        public.contact = None;
        serde_json::json!({
            "id": public.id, "tax_code": public.tax_code, "name": public.name,
            "activities": self.activities(), "fields": from_json::<Vec<String>>(&public.fields),
            "address": public.address, "commune_code": public.commune_code,
            "accreditation": self.accreditation(), "sites": self.sites(),
            "managing_agency": public.lead_agency, "version": public.version,
        })
    }

    fn content(&self) -> impl PartialEq + use<> {
        let what = (self.name.clone(), self.activities.clone(), self.fields.clone(), self.address.clone());
        let more = (self.commune_code.clone(), self.accreditation.clone(), self.sites.clone(), self.contact.clone());
        (what, more, self.lead_agency.clone())
    }
}

/// Loads a body by id (the registry is public), or 404.
pub(crate) fn load(conn: &mut AnyConnection, id: &str) -> Result<BodyRow, ApiError> {
    let row: Option<BodyRow> = cb::table.find(id).select(BodyRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no conformity body {id}")))
}

pub(crate) fn find_by_tax_code(conn: &mut AnyConnection, tax_code: &str) -> Result<Option<BodyRow>, ApiError> {
    Ok(cb::table.filter(cb::tax_code.eq(tax_code.trim())).select(BodyRow::as_select()).first(conn).optional()?)
}

/// Checks an input; answers the business's registered name.
fn check(
    conn: &mut AnyConnection,
    tax_code: &str,
    input: &ConformityBodyInput,
    lead: &str,
) -> Result<String, ApiError> {
    let mut errors = match check_agency_codes(conn, lead, &[], "") {
        Err(ApiError::Invalid(e)) => {
            e.into_iter().map(|e| FieldError { pointer: "/managing_agency".into(), ..e }).collect()
        }
        other => other.map(|_| Vec::new())?,
    };
    let business = business_identity(conn, tax_code)?;
    match &business {
        None => {
            let message = format!("no business has the tax code {tax_code}; record it in /api/v1/businesses first");
            errors.push(FieldError::new("/tax_code", "unknown_business", message));
        }
        Some((_, access)) if access.sharing != Sharing::Public => {
            let message = format!(
                "the registry of conformity assessment bodies is public by law, and business {tax_code} is {}; its lead agency makes it public first",
                access.sharing.as_str()
            );
            errors.push(FieldError::new("/tax_code", "business_not_public", message));
        }
        Some(_) => {}
    }
    if let Some(commune) = &input.commune_code
        && !unit_exists(conn, commune)?
    {
        errors.push(FieldError::new("/commune_code", "unknown_unit", format!("no administrative unit {commune}")));
    }
    if let Some(a) = &input.accreditation
        && !accreditation_fits(a, &input.activities)
    {
        let message = "this accreditation standard does not fit the body's activities (testing: ISO/IEC 17025, inspection: 17020, certification: 17065, 17021-1, 17024)";
        errors.push(FieldError::new("/accreditation/standard", "accreditation_mismatch", message));
    }
    let mut activities = input.activities.clone();
    activities.dedup();
    if activities.len() != input.activities.len() {
        errors.push(FieldError::new("/activities", "repeated", "an activity is listed twice"));
    }
    if errors.is_empty() {
        Ok(business.map(|(name, _)| name).unwrap_or_default())
    } else {
        Err(ApiError::Invalid(errors))
    }
}

fn fill(row: &mut BodyRow, tax_code: &str, input: &ConformityBodyInput, business_name: &str, home: &HomeProvince) {
    let mut provinces: Vec<String> = input.sites.iter().map(|s| s.province_code.clone()).collect();
    provinces.push(home.code.clone());
    provinces.sort();
    provinces.dedup();
    let fields: Vec<String> = input.fields.iter().map(|f| clean(f)).collect();
    row.tax_code = tax_code.trim().to_owned();
    row.name = clean_opt(input.name.as_deref()).unwrap_or_else(|| business_name.to_owned());
    row.activities = to_json(&input.activities);
    row.fields = to_json(&fields);
    row.address = clean_opt(input.address.as_deref());
    row.commune_code = input.commune_code.clone();
    row.accreditation = input.accreditation.as_ref().map(to_json);
    row.accreditation_valid_until = input.accreditation.as_ref().map(|a| a.valid_until);
    row.sites = to_json(&input.sites);
    row.province_codes = to_json(&provinces);
    row.contact = input.contact.as_ref().map(to_json);
    row.search_text = fold(&format!("{} {} {}", row.name, row.tax_code, fields.join(" ")));
}

fn new_row(lead: String) -> BodyRow {
    let json_lists = || "[]".to_owned();
    let lists = BodyRow { activities: json_lists(), fields: json_lists(), sites: json_lists(), ..rows::fresh() };
    BodyRow {
        province_codes: json_lists(),
        coordinating: json_lists(),
        lead_agency: lead,
        sharing: "public".into(),
        ..lists
    }
}

/// Who writes: the caller, the body's tax code, and the province the hub serves.
pub struct BodyWrite<'a> {
    /// Who is writing.
    pub actor: &'a Actor,
    /// The writer's reading rights (its agency).
    pub writer: &'a Reader,
    /// The province the hub serves.
    pub home: &'a HomeProvince,
}

fn insert(
    conn: &mut AnyConnection,
    w: &BodyWrite<'_>,
    tax_code: &str,
    input: &ConformityBodyInput,
) -> Result<ConformityBody, ApiError> {
    let lead = access::lead_for(w.writer, input.managing_agency.as_deref())?;
    let name = check(conn, tax_code, input, &lead)?;
    let mut row = new_row(lead);
    fill(&mut row, tax_code, input, &name, w.home);
    let row = rows::create(conn, w.actor, row, "/tax_code", "a body with this tax code is recorded")?;
    row.to_api(w.writer, conn)
}

/// Records a body; 409 if one with its tax code is recorded.
pub fn create(
    conn: &mut AnyConnection,
    w: &BodyWrite<'_>,
    tax_code: &str,
    input: &ConformityBodyInput,
) -> Result<ConformityBody, ApiError> {
    if let Some(existing) = find_by_tax_code(conn, tax_code)? {
        return Err(ApiError::duplicate("/tax_code", format!("body {} has this tax code", existing.id)));
    }
    insert(conn, w, tax_code, input)
}

/// Creates or replaces a body by tax code as `replace` allows; answers it and whether it was created.
pub fn upsert(
    conn: &mut AnyConnection,
    w: &BodyWrite<'_>,
    tax_code: &str,
    input: &ConformityBodyInput,
    replace: Replace,
) -> Result<(ConformityBody, bool), ApiError> {
    let Some(existing) = find_by_tax_code(conn, tax_code)? else {
        return insert(conn, w, tax_code, input).map(|b| (b, true));
    };
    access::require_lead(w.writer, &existing.access())?;
    let lead = match input.managing_agency.as_deref() {
        None => existing.lead_agency.clone(),
        Some(l) if l == existing.lead_agency => existing.lead_agency.clone(),
        requested => access::lead_for(w.writer, requested)?,
    };
    let name = check(conn, tax_code, input, &lead)?;
    for dropped in existing.activities().into_iter().filter(|a| !input.activities.contains(a)) {
        if !certificates::active_of(conn, &existing.id, dropped)?.is_empty() {
            let detail = format!(
                "{} holds an active certificate for {}; revoke it before dropping the activity",
                existing.name,
                dropped.as_str()
            );
            return Err(ApiError::conflict("activity_has_certificates", detail));
        }
    }
    let mut row = existing.clone();
    row.lead_agency = lead;
    fill(&mut row, tax_code, input, &name, w.home);
    if !replace.allows(row.content() == existing.content(), existing.version)? {
        return Ok((existing.to_api(w.writer, conn)?, false));
    }
    rows::save(conn, w.actor, "updated", &existing, &mut row)?;
    Ok((row.to_api(w.writer, conn)?, false))
}

/// One body by id.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<ConformityBody, ApiError> {
    load(conn, id)?.to_api(reader, conn)
}

/// One body by tax code.
pub fn get_by_tax_code(conn: &mut AnyConnection, reader: &Reader, tax_code: &str) -> Result<ConformityBody, ApiError> {
    let row = find_by_tax_code(conn, tax_code)?;
    row.ok_or_else(|| ApiError::NotFound(format!("no conformity body with tax code {tax_code}")))?.to_api(reader, conn)
}

type Condition = Box<dyn BoxableExpression<cb::table, MultiBackend, SqlType = Bool>>;

fn status_condition(status: CertificateStatus, today: NaiveDate) -> Condition {
    let head = "EXISTS (SELECT 1 FROM cab_certificates c WHERE c.body_id = conformity_bodies.id AND ";
    match status {
        CertificateStatus::Active => Box::new(
            sql::<Bool>(head)
                .sql("c.status = 'active' AND (c.valid_until IS NULL OR c.valid_until >= ")
                .bind::<Date, _>(today)
                .sql("))"),
        ),
        CertificateStatus::Expired => {
            Box::new(sql::<Bool>(head).sql("c.status = 'active' AND c.valid_until < ").bind::<Date, _>(today).sql(")"))
        }
        other => Box::new(sql::<Bool>(head).sql("c.status = ").bind::<Text, _>(other.as_str().to_owned()).sql(")")),
    }
}

fn scope_condition(text: &str) -> Condition {
    Box::new(
        sql::<Bool>("EXISTS (SELECT 1 FROM cab_certificates c WHERE c.body_id = conformity_bodies.id AND c.status <> 'revoked' AND c.scope_text LIKE ")
            .bind::<Text, _>(contains_pattern(text))
            .sql(" ESCAPE '\\')"),
    )
}

/// A page of the registry by id; fetches `limit + 1` rows (empty when `standard` is not in the catalogue).
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &BodyListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<ConformityBody>, ApiError> {
    let mut query = cb::table.select(BodyRow::as_select()).order(cb::id.asc()).into_boxed();
    for text in [filter.q.as_deref(), filter.field.as_deref()].into_iter().flatten().filter(|t| !t.trim().is_empty()) {
        query = query.filter(tdc_kernel::search::contains(conn.backend(), "conformity_bodies", text));
    }
    if let Some(activity) = filter.activity {
        query = query.filter(cb::activities.like(format!("%\"{}\"%", activity.as_str())));
    }
    if let Some(province) = filter.province.as_deref().filter(|p| !p.is_empty()) {
        query = query
            .filter(cb::province_codes.like(format!("%\"{}\"%", tdc_kernel::text::escape_like(province))).escape('\\'));
    }
    if let Some(agency) = &filter.managing_agency {
        query = query.filter(cb::lead_agency.eq(agency.clone()));
    }
    if let Some(status) = filter.status {
        query = query.filter(status_condition(status, calendar::today()));
    }
    if let Some(product) = filter.product.as_deref().filter(|p| !p.trim().is_empty()) {
        query = query.filter(scope_condition(product));
    }
    if let Some(standard) = filter.standard.as_deref().filter(|s| !s.trim().is_empty()) {
        let Some(designation) = catalogue_designation(conn, standard)? else { return Ok(Vec::new()) };
        query = query.filter(scope_condition(&designation));
    }
    if let Some(after) = after {
        query = query.filter(cb::id.gt(after));
    }
    let rows: Vec<BodyRow> = query.limit(limit + 1).load(conn)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut certificates = certificates::summaries(conn, &ids)?;
    Ok(rows.iter().map(|r| r.to_api_with(reader, certificates.remove(&r.id).unwrap_or_default())).collect())
}

impl Recorded for BodyRow {
    const ENTITY: &'static str = ENTITY;
    fn record_id(&self) -> &str {
        &self.id
    }
    fn record_version(&self) -> i32 {
        self.version
    }
    fn record_access(&self, _: &Actor) -> Access {
        self.access()
    }
    fn snapshot(&self) -> String {
        BodyRow::public_snapshot(self).to_string()
    }
}
tdc_kernel::stored!(BodyRow, cb);
