//! Moving a QCĐP through its lifecycle: the state table decides whether the move is allowed and
//! who may make it; each action's facts are checked and written into the record.

use crate::schema::technical_regulations as tr;
use diesel::prelude::*;
use tdc_kernel::access::Reader;
use tdc_kernel::changes::{Actor, record_row};
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::resource::rows;
use tdc_kernel::versions::{Expected, check_updated, check_version};
use tdc_kernel::{ApiError, FieldError, calendar};

use super::comments::unanswered;
use super::{ENTITY, RegulationRow, find_by_reference, load_by_code_key, search_text, sharing_for, visible_row};
use crate::model::{
    AppraisalFacts, ChangeFacts, ConsultationFacts, DecisionRef, EndFacts, IssuanceFacts, MinistryOpinionFacts,
    RegistrationFacts, RegulationAction, RegulationLifecycle, RegulationLink, ReviewFacts, ReviewResult, TaskStatus,
    TechnicalRegulation,
};
use crate::rules::{ConsultationRules, LIFECYCLE, is_published, parse_code};

/// Takes `action` on regulation `id` (when its `If-Match` is given, at a version `expected` accepts); answers the regulation
/// after the move and the move as logged.
pub fn apply(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    action: &RegulationAction,
    expected: Option<Expected>,
    rules: &ConsultationRules,
) -> Result<(TechnicalRegulation, Transition), ApiError> {
    let existing = visible_row(conn, writer, id)?;
    if let Some(expected) = expected {
        check_version(&expected, existing.version)?;
    }
    let mover = Mover::of(conn, writer, &existing.lead_agency)?;
    let to = LIFECYCLE.step(&existing.state, action.name(), &mover)?;
    let mut row = existing.clone();
    let mut facts = existing.lifecycle();
    apply_facts(conn, actor, &mut row, &mut facts, action, rules)?;
    settle_task(conn, actor, &facts, action)?;
    row.state = to.into();
    row.sharing = sharing_for(to).into();
    row.lifecycle = serde_json::to_string(&facts).unwrap_or_else(|_| "{}".into());
    row.search_text = search_text(&row);
    rows::save(conn, actor, action.name(), &existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: &row.id, action: action.name(), from: &existing.state, to };
    let details = serde_json::to_value(action).unwrap_or_default();
    let logged = lifecycle::record(conn, actor, step, &details)?;
    Ok((row.to_api(), logged))
}

fn apply_facts(
    conn: &mut AnyConnection,
    actor: &Actor,
    row: &mut RegulationRow,
    facts: &mut RegulationLifecycle,
    action: &RegulationAction,
    rules: &ConsultationRules,
) -> Result<(), ApiError> {
    let today = calendar::today();
    match action {
        RegulationAction::AcceptIntoPlan(a) => {
            if let Some(program_id) = &a.program_id {
                let task = crate::store::programs::add_regulation_task(conn, actor, program_id, row, a.due_date)?;
                facts.program_id = Some(program_id.clone());
                facts.program_task_id = Some(task);
                row.program_id = Some(program_id.clone());
            }
        }
        RegulationAction::RejectProposal(c) => {
            facts.rejection = Some(EndFacts { on: today, reason: c.reason.clone(), decision: c.decision.clone() });
        }
        RegulationAction::Withdraw(c) => {
            facts.withdrawal = Some(EndFacts { on: today, reason: c.reason.clone(), decision: c.decision.clone() });
        }
        RegulationAction::StartDrafting(a) => facts.drafting_committee = Some(a.decision.clone()),
        RegulationAction::OpenConsultation(a) => {
            if a.closes_on < a.opens_on {
                return Err(ApiError::invalid_field("/closes_on", "before_opening", "it closes on or after it opens"));
            }
            if !rules.long_enough(a.opens_on, a.closes_on) {
                let message = format!("a consultation lasts at least {} days, both ends counted", rules.min_days);
                return Err(ApiError::invalid_field("/closes_on", "consultation_too_short", message));
            }
            row.consultation_opens = Some(a.opens_on);
            row.consultation_closes = Some(a.closes_on);
            let draft_url = a.draft_url.clone();
            facts.consultation =
                Some(ConsultationFacts { opens_on: a.opens_on, closes_on: a.closes_on, closed_on: None, draft_url });
        }
        RegulationAction::SubmitForAppraisal(a) => {
            let open = unanswered(conn, &row.id)?;
            if open > 0 {
                return Err(ApiError::conflict(
                    "unanswered_comments",
                    format!("{open} consultation comment(s) still await the lead agency's answer"),
                ));
            }
            if let Some(c) = facts.consultation.as_mut() {
                c.closed_on = Some(today.min(c.closes_on));
            }
            facts.appraisal = Some(AppraisalFacts {
                council_decision: a.decision.clone(),
                result: None,
                concluded_on: None,
                remarks: None,
                report: None,
            });
        }
        RegulationAction::PassAppraisal(a) | RegulationAction::ReturnForRevision(a) => {
            let passed = matches!(action, RegulationAction::PassAppraisal(_));
            if !passed && a.remarks.is_none() {
                return Err(ApiError::invalid_field("/remarks", "required", "say what the draft must change"));
            }
            if let Some(appraisal) = facts.appraisal.as_mut() {
                appraisal.result = Some(if passed { "passed" } else { "revise" }.into());
                appraisal.concluded_on = Some(a.concluded_on);
                appraisal.remarks = a.remarks.clone();
                appraisal.report = a.report.clone();
            }
        }
        RegulationAction::RequestMinistryOpinion(a) => {
            let (ministry, request) = (a.ministry.clone(), a.decision.clone());
            facts.ministry_opinion = Some(MinistryOpinionFacts { ministry, request, response: None, summary: None });
        }
        RegulationAction::RecordMinistryOpinion(a) => {
            if let Some(m) = facts.ministry_opinion.as_mut() {
                m.response = Some(a.decision.clone());
                m.summary = a.summary.clone();
            }
        }
        RegulationAction::Issue(a) => issue(conn, row, facts, a)?,
        RegulationAction::Register(a) => {
            let number = a.number.clone();
            facts.registration = Some(RegistrationFacts { registered_on: a.registered_on, number });
        }
        RegulationAction::BringIntoForce(_) => {
            if row.effective_date.is_some_and(|d| d > today) {
                let when = row.effective_date.map(|d| d.to_string()).unwrap_or_default();
                return Err(ApiError::conflict("not_yet_effective", format!("it takes effect on {when}")));
            }
        }
        RegulationAction::Review(a) => facts.reviews.push(ReviewFacts {
            reviewed_on: a.reviewed_on,
            result: a.result,
            findings: a.findings.clone(),
            acted_on: false,
        }),
        RegulationAction::Amend(a) => {
            act_on_review(row, facts, ReviewResult::Amend, &a.decision)?;
            facts.amendments.push(change_facts(a));
        }
        RegulationAction::Correct(a) => facts.corrections.push(change_facts(a)),
        RegulationAction::Replace(a) => {
            act_on_review(row, facts, ReviewResult::Replace, &a.decision)?;
            replace(conn, actor, row, facts, a)?;
        }
        RegulationAction::Repeal(a) => {
            act_on_review(row, facts, ReviewResult::Repeal, &a.decision)?;
            facts.repeal =
                Some(EndFacts { on: a.decision.date, reason: a.reason.clone(), decision: Some(a.decision.clone()) });
        }
    }
    Ok(())
}

/// Keeps the plan's task for this regulation in step: under way when drafting starts, done when
/// issued, cancelled when withdrawn.
fn settle_task(
    conn: &mut AnyConnection,
    actor: &Actor,
    facts: &RegulationLifecycle,
    action: &RegulationAction,
) -> Result<(), ApiError> {
    let Some(task) = &facts.program_task_id else { return Ok(()) };
    let status = match action {
        RegulationAction::StartDrafting(_) => TaskStatus::InProgress,
        RegulationAction::Issue(_) => TaskStatus::Done,
        RegulationAction::Withdraw(_) => TaskStatus::Cancelled,
        _ => return Ok(()),
    };
    crate::store::programs::settle_regulation_task(conn, actor, task, status)
}

/// Amending, replacing or repealing a QCĐP follows the People's Committee's decision (its number,
/// date and `issued_by` recorded) and, for one in force, DOST's review that concluded so (seed 001
/// Art. 7.4.b–c): refused with 422 `committee_decision_required` or 409 `review_required`. The
/// review is then marked as acted on.
fn act_on_review(
    row: &RegulationRow,
    facts: &mut RegulationLifecycle,
    needed: ReviewResult,
    decision: &DecisionRef,
) -> Result<(), ApiError> {
    if decision.issued_by.is_none() {
        return Err(ApiError::invalid_field(
            "/decision/issued_by",
            "committee_decision_required",
            "name the People's Committee whose decision this is (e.g. UBND thành phố Hải Phòng)",
        ));
    }
    if row.state != "in_effect" {
        return Ok(());
    }
    let wanted = tdc_kernel::names::name_of(needed);
    match facts.reviews.last_mut() {
        Some(review) if review.result == needed && !review.acted_on => {
            review.acted_on = true;
            Ok(())
        }
        _ => Err(ApiError::conflict(
            "review_required",
            format!(
                "a regulation in force changes after DOST's review concludes `{wanted}` (action `review`), and once per review"
            ),
        )),
    }
}

fn change_facts(a: &crate::model::Modification) -> ChangeFacts {
    ChangeFacts { decision: a.decision.clone(), summary: a.summary.clone(), effective_date: a.effective_date }
}

fn issue(
    conn: &mut AnyConnection,
    row: &mut RegulationRow,
    facts: &mut RegulationLifecycle,
    a: &crate::model::Issue,
) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if a.effective_date < a.decision.date {
        errors.push(FieldError::new(
            "/effective_date",
            "before_decision",
            "it takes effect on or after the decision date",
        ));
    }
    let code = match a.code.as_deref().or(row.code.as_deref()).map(parse_code) {
        Some(Ok(code)) => Some(code),
        Some(Err(_)) => None,
        None => {
            errors.push(FieldError::new("/code", "required", "give the code the decision assigns"));
            None
        }
    };
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    if let Some(code) = code {
        if let Some(other) = load_by_code_key(conn, &code.key)?.filter(|o| o.id != row.id) {
            return Err(ApiError::duplicate("/code", format!("{} is recorded already (id {})", code.text, other.id)));
        }
        row.code = Some(code.text);
        row.code_key = Some(code.key);
        row.origin = Some(code.origin);
    }
    row.effective_date = Some(a.effective_date);
    facts.issuance = Some(IssuanceFacts { decision: a.decision.clone(), effective_date: a.effective_date });
    Ok(())
}

/// Links both ways: this one `replaced_by` the other, the other `replaces` this one (a new
/// version of the other, recorded as `updated`).
fn replace(
    conn: &mut AnyConnection,
    actor: &Actor,
    row: &RegulationRow,
    facts: &mut RegulationLifecycle,
    a: &crate::model::Replace,
) -> Result<(), ApiError> {
    let Some(other) = find_by_reference(conn, &a.replaced_by)? else {
        let message = format!("no technical regulation {}", a.replaced_by);
        return Err(ApiError::invalid_field("/replaced_by", "unknown_regulation", message));
    };
    if other.id == row.id {
        return Err(ApiError::invalid_field("/replaced_by", "self_replacement", "a regulation cannot replace itself"));
    }
    if !is_published(&other.state) || matches!(other.state.as_str(), "replaced" | "repealed") {
        let message = format!("the replacing regulation must be issued and not ended; it is {}", other.state);
        return Err(ApiError::invalid_field("/replaced_by", "replacement_not_issued", message));
    }
    facts.replaced_by = Some(RegulationLink { id: other.id.clone(), code: other.code.clone() });
    facts.replacement_decision = Some(a.decision.clone());
    let mut linked = other.clone();
    let mut other_facts = other.lifecycle();
    other_facts.replaces.push(RegulationLink { id: row.id.clone(), code: row.code.clone() });
    linked.lifecycle = serde_json::to_string(&other_facts).unwrap_or_else(|_| "{}".into());
    linked.version = other.version + 1;
    linked.updated_at = now();
    let target = tr::table.find(&linked.id).filter(tr::version.eq(other.version));
    check_updated(diesel::update(target).set(&linked).execute(conn)?)?;
    record_row(conn, actor, "updated", Some(&other), &linked)
}
