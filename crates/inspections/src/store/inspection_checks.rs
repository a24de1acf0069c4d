//! What an inspection must satisfy when it is decided and at each move, each refusal naming its
//! rule.

use diesel::prelude::*;
use tdc_directory::api::{business_access, category_risk_class, unit_exists};
use tdc_kernel::db::AnyConnection;
use tdc_kernel::{ApiError, FieldError};

use super::inspections::InspectionRow;
use super::{items, plans};
use crate::model::{
    InspectionAction, InspectionActionName, InspectionInput, InspectionKind, InspectionOrigin, InspectionOutcome,
    SampleResult,
};
use crate::schema::inspection_overlaps as cases;

/// Checks a decided inspection: its origin (an approved plan's item its lead or a member plans, or
/// what triggered it), the joint overlap it carries out, what it inspects, its period. Answers its
/// member agencies (the overlap's other agency added).
pub(crate) fn check(conn: &mut AnyConnection, input: &InspectionInput, lead: &str) -> Result<Vec<String>, ApiError> {
    let mut errors = Vec::new();
    let mut members = input.coordinating_agencies.clone();
    if let Some(overlap) = &input.overlap_id {
        joint_members(conn, overlap, lead, &mut members, &mut errors)?;
    }
    match (input.origin, &input.plan_item_id) {
        (InspectionOrigin::Planned, None) => {
            errors.push(FieldError::new("/plan_item_id", "required", "a planned inspection names its plan's item"));
        }
        (InspectionOrigin::Planned, Some(item)) => planned(conn, item, lead, &members, &mut errors)?,
        (_, Some(_)) => {
            errors.push(FieldError::new("/plan_item_id", "not_planned", "only a planned inspection names a plan item"))
        }
        (_, None) if input.trigger_ref.is_none() => {
            errors.push(FieldError::new("/trigger_ref", "required", "say what triggered an unplanned inspection"));
        }
        (_, None) => {}
    }
    subjects(conn, input, &mut errors)?;
    if input.period_to < input.period_from {
        errors.push(FieldError::new("/period_to", "period_reversed", "the last day is before the first"));
    }
    if errors.is_empty() { Ok(members) } else { Err(ApiError::Invalid(errors)) }
}

fn joint_members(
    conn: &mut AnyConnection,
    overlap: &str,
    lead: &str,
    members: &mut Vec<String>,
    errors: &mut Vec<FieldError>,
) -> Result<(), ApiError> {
    let case: Option<(Option<String>, Option<String>, String, String)> = cases::table
        .find(overlap)
        .select((cases::resolution, cases::joint_lead, cases::agency, cases::other_agency))
        .first(conn)
        .optional()?;
    match case {
        Some((Some(resolution), Some(joint_lead), agency, other)) if resolution == "joint" && joint_lead == lead => {
            let other = if agency == lead { other } else { agency };
            if !members.contains(&other) {
                members.push(other);
            }
        }
        Some((Some(resolution), ..)) if resolution == "joint" => {
            errors.push(FieldError::new(
                "/overlap_id",
                "not_joint_lead",
                "the joint inspection is led by the case's joint_lead",
            ));
        }
        Some(_) => {
            errors.push(FieldError::new("/overlap_id", "not_joint", "the case was not resolved as a joint inspection"))
        }
        None => errors.push(FieldError::new("/overlap_id", "unknown_overlap", format!("no overlap case {overlap}"))),
    }
    Ok(())
}

fn planned(
    conn: &mut AnyConnection,
    item: &str,
    lead: &str,
    members: &[String],
    errors: &mut Vec<FieldError>,
) -> Result<(), ApiError> {
    let Some(found) = items::find(conn, item)? else {
        errors.push(FieldError::new("/plan_item_id", "unknown_plan_item", format!("no plan item {item}")));
        return Ok(());
    };
    let plan = plans::load(conn, &found.plan_id)?;
    if plan.lead_agency != lead && !members.contains(&plan.lead_agency) {
        errors.push(FieldError::new("/plan_item_id", "not_your_plan", "the item is in another agency's plan"));
    } else if !matches!(plan.state.as_str(), "approved" | "amended") {
        let message = format!("the item's plan is {}; inspections carry out approved plans", plan.state);
        errors.push(FieldError::new("/plan_item_id", "plan_not_approved", message));
    }
    Ok(())
}

fn subjects(conn: &mut AnyConnection, input: &InspectionInput, errors: &mut Vec<FieldError>) -> Result<(), ApiError> {
    if input.kind == InspectionKind::ECommerce && input.e_commerce.is_none() {
        errors.push(FieldError::new(
            "/e_commerce",
            "required",
            "an e-commerce inspection names the platform and the shop",
        ));
    }
    let market_metrology = input.kind == InspectionKind::Metrology && input.commune_code.is_some();
    if input.tax_code.is_none() && input.category_code.is_none() && input.e_commerce.is_none() && !market_metrology {
        let message =
            "name the business, the product group or the shop inspected (a metrology check at a market: the commune)";
        errors.push(FieldError::new("/tax_code", "required", message));
    }
    if let Some(tax_code) = &input.tax_code
        && business_access(conn, tax_code)?.is_none()
    {
        let message = format!("no business with tax code {tax_code} is in the hub; record it first");
        errors.push(FieldError::new("/tax_code", "unknown_business", message));
    }
    if let Some(code) = &input.category_code
        && category_risk_class(conn, code)?.is_none()
    {
        errors.push(FieldError::new(
            "/category_code",
            "unknown_category",
            format!("no product category has the code {code}"),
        ));
    }
    if let Some(code) = &input.commune_code
        && !unit_exists(conn, code)?
    {
        errors.push(FieldError::new(
            "/commune_code",
            "unknown_unit",
            format!("no administrative unit has the code {code}"),
        ));
    }
    Ok(())
}

/// Checks what a move needs: findings to record, a conclusion that agrees with the samples (none
/// pending; `compliant` only when none failed), a reason to cancel.
pub(crate) fn check_move(row: &InspectionRow, action: &InspectionAction) -> Result<(), ApiError> {
    let required = |pointer: &str, message: &str| Err(ApiError::invalid_field(pointer, "required", message));
    match action.action {
        InspectionActionName::RecordFindings if action.samples.is_none() && action.findings.is_none() => {
            required("/findings", "record samples, findings or both")
        }
        InspectionActionName::Conclude => {
            let Some(conclusion) = &action.conclusion else { return required("/conclusion", "give the conclusion") };
            let samples: Vec<crate::model::Sample> = match &action.samples {
                Some(s) => s.clone(),
                None => serde_json::from_str(&row.samples).unwrap_or_default(),
            };
            if samples.iter().any(|s| s.result == SampleResult::Pending) {
                return Err(ApiError::conflict("samples_pending", "record every sample's result before concluding"));
            }
            if conclusion.outcome == InspectionOutcome::Compliant
                && samples.iter().any(|s| s.result == SampleResult::NonConforming)
            {
                let message = "a non-conforming sample was recorded: the outcome is violations_found";
                return Err(ApiError::invalid_field("/conclusion/outcome", "contradicts_samples", message));
            }
            if conclusion.concluded_on < row.period_from {
                return Err(ApiError::invalid_field(
                    "/conclusion/concluded_on",
                    "before_start",
                    "concluded before it began",
                ));
            }
            Ok(())
        }
        InspectionActionName::Cancel if action.reason.is_none() => required("/reason", "say why"),
        _ => Ok(()),
    }
}
