//! A violation's moves: its sanction (within the provision's fines; against a body, its
//! certificate suspended or revoked in the conformity registry), the decision becoming final,
//! payment, remedial measures, closing, and transfer to the competent agency.

use chrono::NaiveDate;
use tdc_directory::api::agency_exists;
use tdc_kernel::access::{Access, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::names::name_of;
use tdc_kernel::resource::rows;
use tdc_kernel::versions::{Expected, check_version};
use tdc_kernel::{ApiError, HomeProvince};

use super::provisions;
use super::violations::{ENTITY, ViolationRow, load};
use crate::model::{
    CertificateMeasure, Offender, SanctionDecision, Transfer, Violation, ViolationAction, ViolationActionName,
};
use crate::rules::VIOLATION_LIFECYCLE;

/// Where a move runs: the hub's province (for the conformity registry's notifications) and the
/// writer.
pub struct Writer<'a> {
    /// The author of the change.
    pub actor: &'a Actor,
    /// The writer, as a reader.
    pub writer: &'a Reader,
    /// The hub's province.
    pub home: &'a HomeProvince,
}

fn required(pointer: &str, message: &str) -> ApiError {
    ApiError::invalid_field(pointer, "required", message)
}

/// Takes a lifecycle action on violation `id` (its lead agency), at a version `expected` accepts.
pub fn transition(
    conn: &mut AnyConnection,
    who: &Writer,
    id: &str,
    action: &ViolationAction,
    expected: Option<Expected>,
) -> Result<(Violation, Transition), ApiError> {
    let existing = load(conn, who.writer, id)?;
    if let Some(expected) = &expected {
        check_version(expected, existing.version)?;
    }
    let name = name_of(action.action);
    let to = VIOLATION_LIFECYCLE.step(&existing.state, &name, &Mover::of(conn, who.writer, &existing.lead_agency)?)?;
    let mut row = existing.clone();
    row.state = to.into();
    match action.action {
        ViolationActionName::Sanction => sanction(conn, who, &mut row, action)?,
        ViolationActionName::BecomeFinal => become_final(&mut row, action)?,
        ViolationActionName::RecordPayment => {
            row.paid_on = Some(action.paid_on.ok_or_else(|| required("/paid_on", "give the day it was paid"))?);
            row.paid_vnd = Some(action.paid_vnd.ok_or_else(|| required("/paid_vnd", "give the amount paid"))?);
        }
        ViolationActionName::CompleteMeasure => complete_measure(&mut row, action)?,
        ViolationActionName::Close => settled(&row)?,
        ViolationActionName::Transfer => transfer(conn, &mut row, action)?,
    }
    rows::save(conn, who.actor, &name, &existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: &existing.state, to };
    let logged = lifecycle::record(conn, who.actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    Ok((row.to_api(), logged))
}

fn sanction_of(row: &ViolationRow) -> Option<SanctionDecision> {
    row.sanction.as_deref().and_then(|s| serde_json::from_str(s).ok())
}

/// The sanction: decided on or after the violation, a fine within the provision's range (twice it
/// for an organisation); against a body, its certificate suspended or revoked.
fn sanction(
    conn: &mut AnyConnection,
    who: &Writer,
    row: &mut ViolationRow,
    action: &ViolationAction,
) -> Result<(), ApiError> {
    let decided = action.sanction.as_ref().ok_or_else(|| required("/sanction", "give the sanctioning decision"))?;
    if decided.decision.date < row.committed_on {
        let message = "the decision predates the violation";
        return Err(ApiError::invalid_field("/sanction/decision/date", "decided_before_violation", message));
    }
    check_fine(conn, row, decided)?;
    if let Some(on_certificate) = &action.certificate {
        let revoke = on_certificate.measure == CertificateMeasure::Revoke;
        let reason = format!("Xử phạt vi phạm {}: {}", row.provision_code, row.description);
        let measure = tdc_conformity::model::Sanction { reason, decision: decided.decision.clone() };
        let id = &on_certificate.certificate_id;
        tdc_conformity::api::sanction_certificate(conn, who.actor, who.writer, who.home, id, revoke, measure)?;
        row.certificate_id = Some(id.clone());
    }
    row.fine_vnd = Some(decided.fine_vnd);
    row.sanction = serde_json::to_string(decided).ok();
    Ok(())
}

/// 422 `fine_out_of_range` unless the fine is within the provision's range (twice it for an
/// organisation; 0 when no fine is imposed).
pub(crate) fn check_fine(
    conn: &mut AnyConnection,
    row: &ViolationRow,
    decided: &SanctionDecision,
) -> Result<(), ApiError> {
    let provision = provisions::find(conn, &row.provision_code)?
        .ok_or_else(|| ApiError::Internal(format!("provision {} is gone", row.provision_code)))?;
    let factor = if row.offender == name_of(Offender::Organisation) { 2 } else { 1 };
    let (min, max) = (provision.fine_min_vnd * factor, provision.fine_max_vnd * factor);
    if decided.fine_vnd != 0 && !(min..=max).contains(&decided.fine_vnd) {
        let message = format!("{} sets {min}–{max} VND for this offender", row.provision_code);
        return Err(ApiError::invalid_field("/sanction/fine_vnd", "fine_out_of_range", message));
    }
    Ok(())
}

fn become_final(row: &mut ViolationRow, action: &ViolationAction) -> Result<(), ApiError> {
    let on = action.final_on.ok_or_else(|| required("/final_on", "give the day the decision became final"))?;
    if sanction_of(row).is_some_and(|s| on < s.decision.date) {
        return Err(ApiError::invalid_field(
            "/final_on",
            "before_decision",
            "a decision becomes final after it is made",
        ));
    }
    row.final_on = Some(on);
    Ok(())
}

fn complete_measure(row: &mut ViolationRow, action: &ViolationAction) -> Result<(), ApiError> {
    let (Some(index), Some(done)) = (action.measure, action.completed_on) else {
        return Err(required("/measure", "give the measure's number and completed_on"));
    };
    let mut decided = sanction_of(row).unwrap_or_else(|| panic!("a sanctioned violation has its sanction"));
    let measure = decided.remedial_measures.get_mut(index as usize).ok_or_else(|| {
        ApiError::invalid_field("/measure", "unknown_measure", "the sanction has no remedial measure with this number")
    })?;
    measure.completed_on = Some(done);
    row.sanction = serde_json::to_string(&decided).ok();
    Ok(())
}

/// 409 `not_settled` unless the fine is paid and every remedial measure done.
fn settled(row: &ViolationRow) -> Result<(), ApiError> {
    let measures_open = sanction_of(row).is_some_and(|s| s.remedial_measures.iter().any(|m| m.completed_on.is_none()));
    let unpaid = row.fine_vnd.is_some_and(|f| f > 0) && row.paid_on.is_none();
    if unpaid || measures_open {
        let detail = "record the payment and every remedial measure's completion before closing";
        return Err(ApiError::conflict("not_settled", detail));
    }
    Ok(())
}

/// Hands the case to the competent agency, which leads it since; the sender keeps reading it.
fn transfer(conn: &mut AnyConnection, row: &mut ViolationRow, action: &ViolationAction) -> Result<(), ApiError> {
    let to = action.to_agency.clone().ok_or_else(|| required("/to_agency", "name the competent agency"))?;
    let reason = action.reason.clone().ok_or_else(|| required("/reason", "say why it goes there"))?;
    if to == row.lead_agency || !agency_exists(conn, &to)? {
        let message = format!("{to} is not another recorded agency");
        return Err(ApiError::invalid_field("/to_agency", "unknown_agency", message));
    }
    let mut transfers: Vec<Transfer> = serde_json::from_str(&row.transfers).unwrap_or_default();
    let on: NaiveDate = tdc_kernel::calendar::today();
    transfers.push(Transfer { from_agency: row.lead_agency.clone(), to_agency: to.clone(), on, reason });
    let mut access = row.access();
    access.coordinating.push(row.lead_agency.clone());
    row.coordinating = Access::coordinating_column(&access.coordinating);
    row.lead_agency = to;
    row.transfers = serde_json::to_string(&transfers).unwrap_or_else(|_| "[]".into());
    Ok(())
}
