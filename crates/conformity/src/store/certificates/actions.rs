//! The actions on a certificate: each checked against the state table and by whom, then written
//! as a new version linked to its predecessor, with history, the transition log and notifications.

use crate::schema::{cab_certificate_versions as cv, cab_certificates as cc};
use diesel::prelude::*;
use tdc_kernel::access::Reader;
use tdc_kernel::changes::{Actor, record_row};
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::versions::{Expected, check_updated, check_version};
use tdc_kernel::{ApiError, HomeProvince};

use super::issue::{check_body, checked_scope};
use super::{CertificateRow, ENTITY, VersionFacts, follow_registration, load, scope_text, write_version};
use crate::model::{Certificate, CertificateAction, ScopeItem};
use crate::rules::CERTIFICATE_LIFECYCLE;
use crate::store::{bodies, from_json, name_of, notifications, to_json};

/// Applies the action's facts to the row; answers the reason the version records.
fn apply_facts(
    conn: &mut AnyConnection,
    row: &mut CertificateRow,
    action: &CertificateAction,
) -> Result<Option<String>, ApiError> {
    match action {
        CertificateAction::Supplement(a) => {
            let mut scope: Vec<ScopeItem> = from_json(&row.scope);
            scope.extend(checked_scope(conn, &a.scope, "/scope")?);
            set_scope(row, &scope);
            row.dossier_ref = a.dossier_ref.clone().or(row.dossier_ref.take());
            Ok(None)
        }
        CertificateAction::Amend(a) => {
            if let Some(scope) = &a.scope {
                set_scope(row, &checked_scope(conn, scope, "/scope")?);
            }
            if let Some(until) = a.valid_until {
                if until <= row.first_issued_on {
                    return Err(ApiError::invalid_field(
                        "/valid_until",
                        "before_issue",
                        "a certificate ends after it was first issued",
                    ));
                }
                row.valid_until = Some(until);
            }
            row.dossier_ref = a.dossier_ref.clone().or(row.dossier_ref.take());
            Ok(Some(a.reason.clone()))
        }
        CertificateAction::Reissue(a) => {
            if let Some(number) = a.number.as_deref().map(str::trim).filter(|n| *n != row.number) {
                let taken: i64 = cc::table.filter(cc::number.eq(number)).count().get_result(conn)?;
                if taken > 0 {
                    return Err(ApiError::duplicate("/number", format!("certificate {number} is recorded")));
                }
                row.number = number.to_owned();
            }
            row.dossier_ref = a.dossier_ref.clone().or(row.dossier_ref.take());
            Ok(Some(a.reason.clone()))
        }
        CertificateAction::Revoke(a) => {
            let revocation = crate::model::Revocation { decision: a.decision.clone(), reason: a.reason.clone() };
            row.revocation = Some(to_json(&revocation));
            Ok(Some(a.reason.clone()))
        }
        CertificateAction::Suspend(a) => Ok(Some(a.reason.clone())),
        CertificateAction::Restore(_) => Ok(None),
    }
}

fn set_scope(row: &mut CertificateRow, scope: &[ScopeItem]) {
    row.scope = to_json(&scope);
    row.scope_text = scope_text(scope);
}

fn decision_of(action: &CertificateAction) -> &tdc_regulations::model::DecisionRef {
    match action {
        CertificateAction::Supplement(a) => &a.decision,
        CertificateAction::Amend(a) => &a.decision,
        CertificateAction::Reissue(a) => &a.decision,
        CertificateAction::Suspend(a) | CertificateAction::Revoke(a) => &a.decision,
        CertificateAction::Restore(a) => &a.decision,
    }
}

/// Takes `action` on certificate `id` (when its `If-Match` is given, at a version `expected` accepts): the managing agency or an
/// administrator. Answers the certificate after it and the move as logged.
pub fn apply(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    home: &HomeProvince,
    id: &str,
    action: &CertificateAction,
    expected: Option<Expected>,
) -> Result<(Certificate, Transition), ApiError> {
    let existing = load(conn, id)?;
    if let Some(expected) = expected {
        check_version(&expected, existing.version)?;
    }
    let from = existing.status_now();
    let name = name_of(action.name());
    let mover = Mover::of(conn, writer, &existing.lead_agency)?;
    let to = CERTIFICATE_LIFECYCLE.step(from.as_str(), &name, &mover)?;
    let body = bodies::load(conn, &existing.body_id)?;
    if matches!(action, CertificateAction::Supplement(_) | CertificateAction::Restore(_)) {
        check_body(&body, existing.activity())?;
    }
    let mut row = existing.clone();
    let reason = apply_facts(conn, &mut row, action)?;
    row.status = to.into();
    row.current_version = existing.current_version + 1;
    row.version = existing.version + 1;
    row.updated_at = now();
    check_updated(
        diesel::update(cc::table.find(id).filter(cc::version.eq(existing.version))).set(&row).execute(conn)?,
    )?;
    let decision = decision_of(action);
    let predecessor: Option<String> = cv::table
        .filter(cv::certificate_id.eq(id))
        .filter(cv::version_no.eq(existing.current_version))
        .select(cv::id)
        .first(conn)
        .optional()?;
    let effective_from = decision.date.max(existing.first_issued_on);
    let facts = VersionFacts { action: action.name(), effective_from, decision: Some(to_json(decision)), reason };
    write_version(conn, actor, &row, predecessor, facts)?;
    record_row(conn, actor, &name, Some(&existing), &row)?;
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: from.as_str(), to };
    let logged = lifecycle::record(conn, actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    notifications::tell_provinces(conn, actor, home, &body, &row, &name, Some(decision))?;
    if from.as_str() != to {
        follow_registration(conn, actor, &row, &format!("certificate {} {}", row.number, to))?;
    }
    Ok((row.to_api(), logged))
}
