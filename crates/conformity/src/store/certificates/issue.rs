//! Issuing a registration certificate (cấp mới), or loading an existing one: the checks that catch
//! mistakes at entry, then the certificate, its first version, history, log and notifications.

use crate::schema::cab_certificates as cc;
use diesel::prelude::*;
use tdc_kernel::access::{self, Reader};
use tdc_kernel::changes::{Actor, record_row};
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::lifecycle::{self, Step};
use tdc_kernel::{ApiError, FieldError, HomeProvince, calendar};

use super::{CertificateRow, ENTITY, VersionFacts, scope_text, write_version};
use crate::model::{AccreditationStatus, Certificate, CertificateActionName, NewCertificate, ScopeItem};
use crate::store::bodies::{self, BodyRow};
use crate::store::{catalogue_designation, notifications, to_json};

/// A technical regulation's code written in a scope (`QCVN 16:2023/BXD`, `QCĐP 01:2023/TPHP`),
/// normalized; `None` for anything else. Regulations are not in the standards catalogue.
pub(crate) fn regulation_code(text: &str) -> Option<String> {
    let compact = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let folded = tdc_kernel::text::fold(&compact);
    if folded.starts_with("qcdp") {
        return tdc_regulations::rules::parse_code(&compact).ok().map(|c| c.text);
    }
    (folded.starts_with("qcvn ") && compact.len() <= 100).then(|| compact.to_uppercase())
}

/// Checks a scope: every standard must be in the catalogue (technical regulations' codes are kept
/// as written, normalized); answers the scope with the catalogue's
/// designations. Pointers start at `base` (e.g. `/scope`).
pub(crate) fn checked_scope(
    conn: &mut AnyConnection,
    scope: &[ScopeItem],
    base: &str,
) -> Result<Vec<ScopeItem>, ApiError> {
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(scope.len());
    for (i, item) in scope.iter().enumerate() {
        let mut standards = Vec::with_capacity(item.standards.len());
        for (j, s) in item.standards.iter().enumerate() {
            if let Some(code) = regulation_code(s) {
                standards.push(code);
                continue;
            }
            match catalogue_designation(conn, s)? {
                Some(designation) => standards.push(designation),
                None => errors.push(FieldError::new(
                    format!("{base}/{i}/standards/{j}"),
                    "unknown_standard",
                    format!("{s} is not in the standards catalogue; record it first"),
                )),
            }
        }
        out.push(ScopeItem { standards, ..item.clone() });
    }
    if errors.is_empty() { Ok(out) } else { Err(ApiError::Invalid(errors)) }
}

/// Refuses a certificate the body cannot hold: an activity it is not registered for (422
/// `activity_not_registered`), or an accreditation for that activity that has expired or is not
/// active (409 `accreditation_expired`, `accreditation_not_active`).
pub(crate) fn check_body(body: &BodyRow, activity: crate::model::Activity) -> Result<(), ApiError> {
    if !body.activities().contains(&activity) {
        let message =
            format!("{} is not registered for {}; add the activity to the body first", body.name, activity.as_str());
        return Err(ApiError::invalid_field("/activity", "activity_not_registered", message));
    }
    let Some(a) = body.accreditation().filter(|a| activity.accreditation_standards().contains(&a.standard)) else {
        return Ok(());
    };
    if a.valid_until < calendar::today() {
        return Err(ApiError::conflict(
            "accreditation_expired",
            format!("accreditation {} ended on {}", a.number, a.valid_until),
        ));
    }
    if a.status != AccreditationStatus::Active {
        return Err(ApiError::conflict(
            "accreditation_not_active",
            format!("accreditation {} is not active", a.number),
        ));
    }
    Ok(())
}

fn check_dates(input: &NewCertificate) -> Result<(), ApiError> {
    match input.valid_until {
        Some(until) if until <= input.decision.date => Err(ApiError::invalid_field(
            "/valid_until",
            "before_issue",
            "a certificate ends after the day it is issued",
        )),
        _ => Ok(()),
    }
}

/// The People's Committee that issues a certificate: the decision's `issued_by`, or the province's.
fn issuing_authority(input: &NewCertificate, home: &HomeProvince) -> String {
    match input.decision.issued_by.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        Some(by) => tdc_kernel::text::clean(by),
        None => format!("UBND {}", home.name),
    }
}

/// Writes a new certificate for `body` as `action` (`issue` or `load`).
fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    home: &HomeProvince,
    body: &BodyRow,
    input: &NewCertificate,
    action: CertificateActionName,
) -> Result<Certificate, ApiError> {
    check_body(body, input.activity)?;
    check_dates(input)?;
    let scope = checked_scope(conn, &input.scope, "/scope")?;
    let at = now();
    let row = CertificateRow {
        id: tdc_kernel::ids::new_id(),
        body_id: body.id.clone(),
        number: input.number.trim().to_owned(),
        activity: input.activity.as_str().into(),
        status: "active".into(),
        issuing_agency: body.lead_agency.clone(),
        first_issued_on: input.decision.date,
        valid_until: input.valid_until,
        current_version: 1,
        scope_text: scope_text(&scope),
        scope: to_json(&scope),
        dossier_ref: input.dossier_ref.clone(),
        lead_agency: body.lead_agency.clone(),
        sharing: "public".into(),
        coordinating: "[]".into(),
        version: 1,
        created_at: at,
        updated_at: at,
        issuing_authority: issuing_authority(input, home),
        signed_by: tdc_kernel::text::clean_opt(input.signed_by.as_deref()),
        revocation: None,
        expiry_recorded: false,
    };
    tdc_kernel::db::unique(
        diesel::insert_into(cc::table).values(&row).execute(conn),
        "/number",
        "a certificate with this number is recorded",
    )?;
    let facts = VersionFacts {
        action,
        effective_from: input.decision.date,
        decision: Some(to_json(&input.decision)),
        reason: None,
    };
    write_version(conn, actor, &row, None, facts)?;
    let name = super::name_of(action);
    record_row(conn, actor, &name, None, &row)?;
    let step = Step { entity: ENTITY, entity_id: &row.id, action: &name, from: "new", to: "active" };
    lifecycle::record(conn, actor, step, &serde_json::json!({ "number": row.number, "decision": input.decision }))?;
    notifications::tell_provinces(conn, actor, home, body, &row, &name, Some(&input.decision))?;
    Ok(row.to_api())
}

/// Issues a certificate to body `body_id` (its managing agency or an administrator).
pub fn issue(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    home: &HomeProvince,
    body_id: &str,
    input: &NewCertificate,
) -> Result<Certificate, ApiError> {
    let body = bodies::load(conn, body_id)?;
    access::require_lead(writer, &body.access())?;
    if cc::table.filter(cc::number.eq(input.number.trim())).count().get_result::<i64>(conn)? > 0 {
        return Err(ApiError::duplicate("/number", format!("certificate {} is recorded", input.number.trim())));
    }
    create(conn, actor, home, &body, input, CertificateActionName::Issue)
}

/// Loads an existing certificate (batches): the body by `tax_code`, upserted by number. An
/// identical resend is 200 and changes nothing; a different one is 409 `use_transitions`.
pub fn load_existing(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    home: &HomeProvince,
    input: &NewCertificate,
) -> Result<(Certificate, bool), ApiError> {
    let tax_code = input
        .tax_code
        .as_deref()
        .ok_or_else(|| ApiError::invalid_field("/tax_code", "required", "name the body by its tax code"))?;
    let body = bodies::find_by_tax_code(conn, tax_code)?.ok_or_else(|| {
        ApiError::invalid_field("/tax_code", "unknown_body", format!("no conformity body has the tax code {tax_code}"))
    })?;
    access::require_lead(writer, &body.access())?;
    let existing: Option<CertificateRow> = cc::table
        .filter(cc::number.eq(input.number.trim()))
        .select(CertificateRow::as_select())
        .first(conn)
        .optional()?;
    let Some(existing) = existing else {
        return create(conn, actor, home, &body, input, CertificateActionName::Load).map(|c| (c, true));
    };
    let scope = checked_scope(conn, &input.scope, "/scope")?;
    let same = existing.body_id == body.id
        && existing.activity == input.activity.as_str()
        && existing.first_issued_on == input.decision.date
        && existing.valid_until == input.valid_until
        && existing.scope == to_json(&scope);
    if !same {
        let detail = format!(
            "certificate {} is recorded with other content; change it with POST /api/v1/certificates/{}/transitions",
            existing.number, existing.id
        );
        return Err(ApiError::conflict("use_transitions", detail));
    }
    Ok((existing.to_api(), false))
}
