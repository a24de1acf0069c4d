//! Conformity declarations received by an agency, checked against the registry: a declaration
//! resting on a revoked, suspended, expired or out-of-scope certificate is refused, naming the rule.

use crate::schema::conformity_declarations as cd;
use chrono::NaiveDate;
use diesel::prelude::*;
use tdc_kernel::access::{self, Access, Reader, Sharing};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::names::stored;
use tdc_kernel::resource::rows;
use tdc_kernel::{ApiError, FieldError, calendar};

use super::certificates::{self, issue::regulation_code};
use super::{bodies, catalogue_designation, designations, from_json, to_json};
use crate::model::{
    Activity, CertificateStatus, Declaration, DeclarationAction, DeclarationBasis, DeclarationFlag, DeclarationKind,
    DeclarationListQuery, Evidence, NewDeclaration, ScopeItem, utc,
};
use crate::rules::DECLARATION_LIFECYCLE;
use tdc_kernel::names::name_of;

/// The entity name of declarations in history, transitions and the change feed.
pub const ENTITY: &str = "conformity_declaration";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = cd, treat_none_as_null = true, treat_none_as_default_value = false)]
    struct DeclarationRow {
        id: String,
        kind: String,
        tax_code: String,
        product_name: String,
        gtin: Option<String>,
        standard_designation: Option<String>,
        regulation_id: Option<String>,
        regulation_code: Option<String>,
        basis: String,
        certifying_body_id: Option<String>,
        evidence: Option<String>,
        receipt_number: String,
        received_on: NaiveDate,
        status: String,
        flags: String,
    }
}

impl DeclarationRow {
    fn to_api(&self) -> Declaration {
        Declaration {
            id: self.id.clone(),
            kind: stored(&self.kind),
            tax_code: self.tax_code.clone(),
            product_name: self.product_name.clone(),
            gtin: self.gtin.clone(),
            standard: self.standard_designation.clone(),
            technical_regulation_id: self.regulation_id.clone(),
            regulation_code: self.regulation_code.clone(),
            basis: stored(&self.basis),
            evidence: self.evidence.as_deref().and_then(|e| serde_json::from_str(e).ok()),
            receiving_agency: self.lead_agency.clone(),
            receipt_number: self.receipt_number.clone(),
            received_on: self.received_on,
            status: stored(&self.status),
            flags: from_json(&self.flags),
            sharing: Sharing::parse(&self.sharing),
            coordinating_agencies: from_json(&self.coordinating),
            version: self.version,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        }
    }
}

/// What a declaration is declared against, settled: the standard's designation, or the QCĐP's id
/// and code, or a national regulation's code.
struct Target {
    standard: Option<String>,
    regulation_id: Option<String>,
    regulation_code: Option<String>,
}

fn target(conn: &mut AnyConnection, input: &NewDeclaration) -> Result<Target, ApiError> {
    let refuse = |pointer: &str, code: &str, message: String| Err(ApiError::invalid_field(pointer, code, message));
    match input.kind {
        DeclarationKind::Standard => {
            if input.technical_regulation.is_some() || input.national_regulation.is_some() {
                return refuse("/kind", "kind_mismatch", "a declaration against a standard names no regulation".into());
            }
            let Some(standard) = &input.standard else {
                return refuse("/standard", "required", "name the standard".into());
            };
            use tdc_regulations::model::StandardStatus;
            match tdc_regulations::api::standard_by_designation(conn, standard) {
                Ok(s) if s.status == StandardStatus::Replaced => refuse(
                    "/standard",
                    "standard_replaced",
                    format!(
                        "{} was replaced by {}; declare against the replacement",
                        s.designation,
                        s.replaced_by.as_deref().unwrap_or("another standard")
                    ),
                ),
                Ok(s) if s.status == StandardStatus::Withdrawn => refuse(
                    "/standard",
                    "standard_withdrawn",
                    format!("{} was withdrawn; it can no longer be declared against", s.designation),
                ),
                Ok(s) => Ok(Target { standard: Some(s.designation), regulation_id: None, regulation_code: None }),
                Err(ApiError::NotFound(_)) => {
                    refuse("/standard", "unknown_standard", format!("{standard} is not in the standards catalogue"))
                }
                Err(e) => Err(e),
            }
        }
        DeclarationKind::Regulation => match (&input.technical_regulation, &input.national_regulation, &input.standard)
        {
            (_, _, Some(_)) => {
                refuse("/standard", "kind_mismatch", "a declaration against a regulation names no standard".into())
            }
            (Some(qcdp), None, None) => {
                let r = super::regulation_in_force(conn, qcdp)?;
                Ok(Target { standard: None, regulation_id: Some(r.record.id), regulation_code: r.code })
            }
            (None, Some(qcvn), None) => match regulation_code(qcvn) {
                Some(code) => Ok(Target { standard: None, regulation_id: None, regulation_code: Some(code) }),
                None => refuse(
                    "/national_regulation",
                    "regulation_code_format",
                    "a national regulation's code starts with QCVN".into(),
                ),
            },
            _ => refuse(
                "/technical_regulation",
                "required",
                "name one regulation: technical_regulation (QCĐP) or national_regulation (QCVN)".into(),
            ),
        },
    }
}

/// Refuses third-party evidence from a body that cannot back it: no active certification
/// registration (`certificate_revoked`, `certificate_suspended`, `certificate_expired`,
/// `not_registered_for_certification`), or one whose scope does not cover the target (`out_of_scope`).
fn check_certifier(
    conn: &mut AnyConnection,
    evidence: &Evidence,
    target: &Target,
    received_on: NaiveDate,
) -> Result<String, ApiError> {
    let Some(body_id) = &evidence.body_id else {
        return Err(ApiError::invalid_field(
            "/evidence/body_id",
            "required",
            "a third-party declaration names the certification body",
        ));
    };
    let body = bodies::load(conn, body_id).map_err(|_| {
        ApiError::invalid_field("/evidence/body_id", "unknown_body", format!("no conformity body {body_id}"))
    })?;
    let active = certificates::active_of(conn, &body.id, Activity::Certification)?;
    if active.is_empty() {
        let inactive = certificates::inactive_of(conn, &body.id, Activity::Certification)?;
        let (code, what) = match inactive.iter().map(|c| c.status_now()).min_by_key(|s| *s as u8) {
            Some(CertificateStatus::Suspended) => ("certificate_suspended", "is suspended"),
            Some(CertificateStatus::Expired) => ("certificate_expired", "has expired"),
            Some(_) => ("certificate_revoked", "was revoked"),
            None => ("not_registered_for_certification", "does not exist"),
        };
        let message = format!("{}'s registration for certification {what}; it cannot back a declaration", body.name);
        return Err(ApiError::invalid_field("/evidence/body_id", code, message));
    }
    let in_scope = |wanted: &str| {
        active
            .iter()
            .any(|c| from_json::<Vec<ScopeItem>>(&c.scope).iter().any(|i| i.standards.iter().any(|s| s == wanted)))
    };
    let covered = match (&target.standard, &target.regulation_id, &target.regulation_code) {
        (Some(designation), _, _) => in_scope(designation),
        (None, Some(regulation_id), _) => designations::is_designated(conn, &body.id, regulation_id)?,
        (None, None, Some(code)) => in_scope(code),
        _ => false,
    };
    if !covered {
        let message = format!("{}'s registered scope (or designation) does not cover what is declared", body.name);
        return Err(ApiError::invalid_field("/evidence/body_id", "out_of_scope", message));
    }
    if evidence.valid_until.is_some_and(|u| u < received_on) {
        return Err(ApiError::invalid_field(
            "/evidence/valid_until",
            "product_certificate_expired",
            "the product certificate had expired when the declaration was received",
        ));
    }
    Ok(body.id)
}

fn check_laboratory(conn: &mut AnyConnection, evidence: &Evidence) -> Result<Option<String>, ApiError> {
    let Some(body_id) = &evidence.body_id else { return Ok(None) };
    let body = bodies::load(conn, body_id).map_err(|_| {
        ApiError::invalid_field("/evidence/body_id", "unknown_body", format!("no conformity body {body_id}"))
    })?;
    if certificates::active_of(conn, &body.id, Activity::Testing)?.is_empty() {
        let message = format!("{} holds no active registration for testing", body.name);
        return Err(ApiError::invalid_field("/evidence/body_id", "laboratory_not_registered", message));
    }
    Ok(Some(body.id))
}

/// Records a declaration received by the caller's agency (its receiving agency).
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &NewDeclaration,
) -> Result<Declaration, ApiError> {
    let lead = access::lead_for(writer, None)?;
    let Some(business) = tdc_directory::api::business_access(conn, input.tax_code.trim())? else {
        let message = format!("no business has the tax code {}; record it in /api/v1/businesses first", input.tax_code);
        return Err(ApiError::Invalid(vec![FieldError::new("/tax_code", "unknown_business", message)]));
    };
    tdc_directory::api::check_agency_codes(conn, &lead, &input.coordinating_agencies, "")?;
    let requested = Access {
        lead_agency: lead,
        sharing: input.sharing.unwrap_or(Sharing::Public),
        coordinating: input.coordinating_agencies.clone(),
    };
    let readers = requested.within(&business);
    let target = target(conn, input)?;
    let received_on = input.received_on.unwrap_or_else(calendar::today);
    let certifying_body_id = match (input.basis, &input.evidence) {
        (DeclarationBasis::ThirdParty, Some(e)) => Some(check_certifier(conn, e, &target, received_on)?),
        (DeclarationBasis::ThirdParty, None) => {
            return Err(ApiError::invalid_field(
                "/evidence",
                "required",
                "a third-party declaration rests on a product certificate",
            ));
        }
        (DeclarationBasis::SelfAssessment, Some(e)) => check_laboratory(conn, e)?,
        (DeclarationBasis::SelfAssessment, None) => None,
    };
    let at = now();
    let row = DeclarationRow {
        id: tdc_kernel::ids::new_id(),
        kind: name_of(input.kind),
        tax_code: input.tax_code.trim().to_owned(),
        product_name: tdc_kernel::text::clean(&input.product_name),
        gtin: input.gtin.as_deref().and_then(|g| tdc_directory::rules::gtin14(g).ok()),
        standard_designation: target.standard,
        regulation_id: target.regulation_id,
        regulation_code: target.regulation_code,
        basis: name_of(input.basis),
        certifying_body_id,
        evidence: input.evidence.as_ref().map(to_json),
        receipt_number: input.receipt_number.trim().to_owned(),
        received_on,
        status: "received".into(),
        lead_agency: readers.lead_agency,
        sharing: readers.sharing.as_str().into(),
        coordinating: Access::coordinating_column(&readers.coordinating),
        version: 1,
        created_at: at,
        updated_at: at,
        flags: "[]".into(),
    };
    let row = rows::create(conn, actor, row, "/receipt_number", "this agency has recorded this receipt number")?;
    Ok(row.to_api())
}

fn load(conn: &mut AnyConnection, id: &str) -> Result<DeclarationRow, ApiError> {
    let row: Option<DeclarationRow> = cd::table.find(id).select(DeclarationRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no declaration {id}")))
}

/// The declaration `reader` may see (404 for one it may not): by its own sharing, narrowed to its
/// business's as the business stands today.
fn visible_row(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<DeclarationRow, ApiError> {
    let row = load(conn, id)?;
    let business = tdc_directory::api::business_access(conn, &row.tax_code)?;
    let access = business.map_or_else(|| row.access(), |b| row.access().within(&b));
    if reader.may_read(&access) { Ok(row) } else { Err(ApiError::NotFound(format!("no declaration {id}"))) }
}

/// One declaration, if `reader` may see it.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<Declaration, ApiError> {
    visible_row(conn, reader, id).map(|r| r.to_api())
}

/// Withdraws or invalidates a declaration (its receiving agency).
pub fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    action: &DeclarationAction,
) -> Result<(Declaration, Transition), ApiError> {
    let existing = visible_row(conn, writer, id)?;
    let mover = Mover::of(conn, writer, &existing.lead_agency)?;
    let name = name_of(action.action);
    let to = DECLARATION_LIFECYCLE.step(&existing.status, &name, &mover)?;
    let mut row = existing.clone();
    row.status = to.into();
    rows::save(conn, actor, &name, &existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: &existing.status, to };
    let logged = lifecycle::record(conn, actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    Ok((row.to_api(), logged))
}

/// A page of the declarations `reader` may see, by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &DeclarationListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Declaration>, ApiError> {
    let mut query = cd::table.select(DeclarationRow::as_select()).order(cd::id.asc()).into_boxed();
    if let Some(condition) =
        access::visible::<cd::table>(reader, access::Coordinated::Record(ENTITY, "conformity_declarations.id"))
    {
        query = query.filter(condition);
    }
    let named = "conformity_declarations.tax_code";
    if let Some(condition) =
        tdc_directory::api::business_visible::<cd::table>(reader, named, "conformity_declarations.lead_agency")
    {
        query = query.filter(condition);
    }
    if let Some(tax_code) = &filter.tax_code {
        query = query.filter(cd::tax_code.eq(tax_code.trim().to_owned()));
    }
    if let Some(standard) = filter.standard.as_deref().filter(|s| !s.trim().is_empty()) {
        let Some(designation) = catalogue_designation(conn, standard)? else { return Ok(Vec::new()) };
        query = query.filter(cd::standard_designation.eq(designation));
    }
    if let Some(body) = &filter.body_id {
        query = query.filter(cd::certifying_body_id.eq(body.clone()));
    }
    if let Some(status) = filter.status {
        query = query.filter(cd::status.eq(name_of(status)));
    }
    if let Some(gtin) = &filter.gtin {
        let Ok(gtin) = tdc_directory::rules::gtin14(gtin.trim()) else { return Ok(Vec::new()) };
        query = query.filter(cd::gtin.eq(gtin));
    }
    if let Some(after) = after {
        query = query.filter(cd::id.gt(after));
    }
    let rows: Vec<DeclarationRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(DeclarationRow::to_api).collect())
}

/// Flags (or, once the body is registered again, unflags) the received declarations resting on
/// certification body `body_id` (`certifier_not_registered`); each change is recorded as `flag`
/// or `unflag` in history and the change feed.
pub(crate) fn follow_certifier(
    conn: &mut AnyConnection,
    actor: &Actor,
    body_id: &str,
    registered: bool,
) -> Result<(), ApiError> {
    let rows: Vec<DeclarationRow> = cd::table
        .filter(cd::certifying_body_id.eq(body_id))
        .filter(cd::basis.eq("third_party"))
        .filter(cd::status.eq("received"))
        .select(DeclarationRow::as_select())
        .load(conn)?;
    let flag = DeclarationFlag::CertifierNotRegistered;
    for existing in rows {
        let mut flags: Vec<DeclarationFlag> = from_json(&existing.flags);
        if flags.contains(&flag) != registered {
            continue;
        }
        flags.retain(|f| *f != flag);
        if !registered {
            flags.push(flag);
        }
        let mut row = existing.clone();
        row.flags = to_json(&flags);
        rows::save(conn, actor, if registered { "unflag" } else { "flag" }, &existing, &mut row)?;
    }
    Ok(())
}

tdc_kernel::recorded!(DeclarationRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(DeclarationRow, cd);
