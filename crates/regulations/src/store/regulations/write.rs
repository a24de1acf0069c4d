//! Recording QCĐPs and changing their content (their state changes only through transitions).

use tdc_directory::api::check_agency_codes as check_codes;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::{self, Mover, Step};
use tdc_kernel::resource::rows;
use tdc_kernel::text::clean_opt;
use tdc_kernel::versions::{Expected, check_version};
use tdc_kernel::{ApiError, FieldError};

use super::{ENTITY, RegulationRow, load_by_code_key, search_text, sharing_for, visible_row};
use crate::model::{
    CitedStandard, InitialState, IssuanceFacts, ProposalFacts, ProposalKind, RegulationLifecycle, RegulationLink,
    TechnicalRegulation, TechnicalRegulationInput,
};
use crate::rules::{RegulationCode, is_published, parse_code};
use crate::store::standards;

/// What the checks of an input settle: the parsed code, the lead agency, the cited standards as
/// the catalogue writes them.
struct Checked {
    code: Option<RegulationCode>,
    lead: String,
    cited: Vec<CitedStandard>,
    proposal: Option<ProposalFacts>,
}

fn check(
    conn: &mut AnyConnection,
    writer: &Reader,
    input: &TechnicalRegulationInput,
    existing: Option<&RegulationRow>,
) -> Result<Checked, ApiError> {
    let loading = existing.is_none() && input.initial_state != InitialState::Proposed;
    let lead = match existing {
        _ if loading => loading_lead(conn, writer, input)?,
        Some(row) if input.lead_agency.as_deref().is_none_or(|l| l == row.lead_agency) => row.lead_agency.clone(),
        _ => access::lead_for(writer, input.lead_agency.as_deref())?,
    };
    let mut errors = match check_codes(conn, &lead, &input.coordinating_agencies, "") {
        Err(ApiError::Invalid(e)) => e,
        other => other.map(|_| Vec::new())?,
    };
    let cited = cited_standards(conn, &input.cited_standards, &mut errors)?;
    let code = input.code.as_deref().and_then(|c| parse_code(c).ok());
    if let Some(code) = &code
        && let Some(other) = load_by_code_key(conn, &code.key)?
        && existing.is_none_or(|row| row.id != other.id)
    {
        return Err(ApiError::duplicate("/code", format!("{} is recorded already (id {})", code.text, other.id)));
    }
    let state = existing.map_or(initial_state_name(input.initial_state), |r| r.state.as_str());
    if code.is_none() && is_published(state) {
        errors.push(FieldError::new("/code", "required", "an issued regulation has a code"));
    }
    check_initial_state(input, existing.is_some(), &mut errors);
    let proposal = match existing {
        None => check_proposal(conn, input, &mut errors)?,
        Some(row) => row.lifecycle().proposal,
    };
    if errors.is_empty() { Ok(Checked { code, lead, cited, proposal }) } else { Err(ApiError::Invalid(errors)) }
}

/// The lead agency of a regulation loaded as already issued: loading is DOST's act (403
/// `dost_only` for other agencies), and DOST names the drafting agency (default: itself).
fn loading_lead(
    conn: &mut AnyConnection,
    writer: &Reader,
    input: &TechnicalRegulationInput,
) -> Result<String, ApiError> {
    let mover = Mover::of(conn, writer, "")?;
    if !(mover.is_dost || mover.admin) {
        return Err(ApiError::Forbidden {
            code: "dost_only",
            detail: "loading a regulation already issued is DOST's act; other agencies create proposals".into(),
        });
    }
    let Reader::Agency { code, .. } = writer else {
        return Err(ApiError::Unauthorized("a bearer token is required".into()));
    };
    Ok(input.lead_agency.clone().unwrap_or_else(|| code.clone()))
}

/// What a new proposal proposes: an amendment or replacement names the issued QCĐP it changes.
fn check_proposal(
    conn: &mut AnyConnection,
    input: &TechnicalRegulationInput,
    errors: &mut Vec<FieldError>,
) -> Result<Option<ProposalFacts>, ApiError> {
    if input.initial_state != InitialState::Proposed {
        if input.proposal_kind != ProposalKind::New || input.changes.is_some() {
            errors.push(FieldError::new("/proposal_kind", "not_proposed", "only a proposal states what it proposes"));
        }
        return Ok(None);
    }
    let changes = match (input.proposal_kind, input.changes.as_deref()) {
        (ProposalKind::New, None) => None,
        (ProposalKind::New, Some(_)) => {
            errors.push(FieldError::new(
                "/changes",
                "kind_mismatch",
                "a new regulation changes none; say `proposal_kind`",
            ));
            None
        }
        (_, None) => {
            errors.push(FieldError::new("/changes", "required", "name the issued regulation this proposal changes"));
            None
        }
        (_, Some(reference)) => match super::find_by_reference(conn, reference)? {
            Some(other) if matches!(other.state.as_str(), "issued" | "registered" | "in_effect") => {
                Some(RegulationLink { id: other.id, code: other.code })
            }
            Some(other) => {
                let message =
                    format!("{reference} is {}; only an issued regulation in force can be changed", other.state);
                errors.push(FieldError::new("/changes", "regulation_not_in_force", message));
                None
            }
            None => {
                errors.push(FieldError::new(
                    "/changes",
                    "unknown_regulation",
                    format!("no technical regulation {reference}"),
                ));
                None
            }
        },
    };
    Ok(Some(ProposalFacts { kind: input.proposal_kind, changes }))
}

fn cited_standards(
    conn: &mut AnyConnection,
    cited: &[CitedStandard],
    errors: &mut Vec<FieldError>,
) -> Result<Vec<CitedStandard>, ApiError> {
    let mut out: Vec<CitedStandard> = Vec::with_capacity(cited.len());
    for (i, c) in cited.iter().enumerate() {
        let pointer = format!("/cited_standards/{i}/designation");
        match standards::get_by_designation(conn, &c.designation) {
            Ok(s) if out.iter().any(|o| o.designation == s.designation) => {
                errors.push(FieldError::new(
                    pointer,
                    "repeated",
                    "this standard is cited twice; list its clauses once",
                ));
            }
            Ok(s) => out.push(CitedStandard { designation: s.designation, clauses: clean_opt(c.clauses.as_deref()) }),
            Err(ApiError::NotFound(_)) => {
                let message = format!("{} is not in the standards catalogue; record it first", c.designation);
                errors.push(FieldError::new(pointer, "unknown_standard", message));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

fn initial_state_name(state: InitialState) -> &'static str {
    match state {
        InitialState::Proposed => "proposed",
        InitialState::Issued => "issued",
        InitialState::Registered => "registered",
        InitialState::InEffect => "in_effect",
    }
}

fn check_initial_state(input: &TechnicalRegulationInput, existing: bool, errors: &mut Vec<FieldError>) {
    let loading = input.initial_state != InitialState::Proposed;
    if existing && (loading || input.issuance.is_some()) {
        let message = "the state changes only through POST …/transitions";
        errors.push(FieldError::new("/initial_state", "not_on_update", message));
        return;
    }
    match &input.issuance {
        None if loading => {
            errors.push(FieldError::new("/issuance", "required", "give the issuing decision and effective date"))
        }
        Some(_) if !loading => {
            errors.push(FieldError::new(
                "/issuance",
                "not_proposed",
                "a proposal has no issuance yet; it comes with `issue`",
            ));
        }
        Some(i) if i.effective_date < i.decision.date => {
            errors.push(FieldError::new(
                "/issuance/effective_date",
                "before_decision",
                "it takes effect on or after the decision date",
            ));
        }
        _ => {}
    }
    if loading && input.code.is_none() {
        errors.push(FieldError::new("/code", "required", "an issued regulation has a code"));
    }
}

/// Writes the input's content into a row.
fn fill(row: &mut RegulationRow, input: &TechnicalRegulationInput, checked: Checked) {
    row.code = checked.code.as_ref().map(|c| c.text.clone());
    row.code_key = checked.code.as_ref().map(|c| c.key.clone());
    row.origin = checked.code.map(|c| c.origin);
    row.title_vi = tdc_kernel::text::clean(&input.title_vi);
    row.title_en = clean_opt(input.title_en.as_deref());
    row.sector = tdc_kernel::text::clean(&input.sector);
    row.scope = clean_opt(input.scope.as_deref());
    row.lead_agency = checked.lead;
    row.coordinating = Access::coordinating_column(&input.coordinating_agencies);
    row.cited_standards = serde_json::to_string(&checked.cited).unwrap_or_else(|_| "[]".into());
    row.documents = serde_json::to_string(&input.documents).unwrap_or_else(|_| "[]".into());
    row.search_text = search_text(row);
}

fn new_row() -> RegulationRow {
    let lists = RegulationRow { cited_standards: "[]".into(), documents: "[]".into(), ..rows::fresh() };
    RegulationRow {
        coordinating: "[]".into(),
        sharing: "shared".into(),
        state: "proposed".into(),
        lifecycle: "{}".into(),
        ..lists
    }
}

/// Applies a new regulation's first facts: what a proposal proposes, or a loaded regulation's
/// issuance (its state, effective date and issuing decision).
fn first_facts(row: &mut RegulationRow, input: &TechnicalRegulationInput, proposal: Option<ProposalFacts>) {
    if proposal.is_some() {
        let lifecycle = RegulationLifecycle { proposal, ..RegulationLifecycle::default() };
        row.lifecycle = serde_json::to_string(&lifecycle).unwrap_or_else(|_| "{}".into());
    }
    let Some(issuance) = &input.issuance else { return };
    row.state = initial_state_name(input.initial_state).into();
    row.sharing = sharing_for(&row.state).into();
    row.effective_date = Some(issuance.effective_date);
    let facts = IssuanceFacts { decision: issuance.decision.clone(), effective_date: issuance.effective_date };
    let lifecycle = RegulationLifecycle { issuance: Some(facts), ..RegulationLifecycle::default() };
    row.lifecycle = serde_json::to_string(&lifecycle).unwrap_or_else(|_| "{}".into());
}

/// Records a new QCĐP: a proposal led by the caller's agency, or an existing regulation loaded in
/// a later state. 409 if its code is recorded already.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &TechnicalRegulationInput,
) -> Result<TechnicalRegulation, ApiError> {
    let mut checked = check(conn, writer, input, None)?;
    let proposal = checked.proposal.take();
    let mut row = new_row();
    fill(&mut row, input, checked);
    first_facts(&mut row, input, proposal);
    let row = rows::create(conn, actor, row, "/code", "this code is recorded already")?;
    let action = if row.state == "proposed" { "propose" } else { "load" };
    let details = serde_json::json!({ "issuance": input.issuance });
    let step = Step { entity: ENTITY, entity_id: &row.id, action, from: "new", to: &row.state };
    lifecycle::record(conn, actor, step, &details)?;
    Ok(row.to_api())
}

/// Stores changed content as a new version; answers whether anything changed.
fn save(
    conn: &mut AnyConnection,
    actor: &Actor,
    existing: &RegulationRow,
    mut row: RegulationRow,
) -> Result<RegulationRow, ApiError> {
    if row.search_text == existing.search_text && same_content(&row, existing) {
        return Ok(existing.clone());
    }
    rows::save(conn, actor, "updated", existing, &mut row)?;
    Ok(row)
}

fn same_content(a: &RegulationRow, b: &RegulationRow) -> bool {
    (&a.code, &a.title_en, &a.sector, &a.scope, &a.lead_agency, &a.coordinating)
        == (&b.code, &b.title_en, &b.sector, &b.scope, &b.lead_agency, &b.coordinating)
        && (&a.cited_standards, &a.documents) == (&b.cited_standards, &b.documents)
}

/// Replaces a regulation's content at a version `expected` accepts (only its lead agency or an administrator).
pub fn update(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    input: &TechnicalRegulationInput,
    expected: Expected,
) -> Result<TechnicalRegulation, ApiError> {
    let existing = visible_row(conn, writer, id)?;
    access::require_lead(writer, &existing.access())?;
    check_version(&expected, existing.version)?;
    let checked = check(conn, writer, input, Some(&existing))?;
    let mut row = existing.clone();
    fill(&mut row, input, checked);
    save(conn, actor, &existing, row).map(|r| r.to_api())
}

/// Creates or updates a regulation by its code (batches); answers it and whether it was created.
/// For an existing one `initial_state` and `issuance` are not used.
pub fn upsert_by_code(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &TechnicalRegulationInput,
) -> Result<(TechnicalRegulation, bool), ApiError> {
    let Some(code) = input.code.as_deref() else {
        return Err(ApiError::invalid_field("/code", "required", "a batch item has a code"));
    };
    let key =
        parse_code(code).map_err(|e| ApiError::invalid_field("/code", &e.code, e.message.unwrap_or_default()))?.key;
    let Some(existing) = load_by_code_key(conn, &key)? else {
        return create(conn, actor, writer, input).map(|r| (r, true));
    };
    let dost_loading = input.initial_state != InitialState::Proposed && Mover::of(conn, writer, "")?.is_dost;
    if !dost_loading {
        access::require_lead(writer, &existing.access())?;
    }
    let content = TechnicalRegulationInput { initial_state: InitialState::Proposed, issuance: None, ..input.clone() };
    let checked = check(conn, writer, &content, Some(&existing))?;
    let mut row = existing.clone();
    fill(&mut row, &content, checked);
    save(conn, actor, &existing, row).map(|r| (r.to_api(), false))
}
