//! `/api/v1/technical-regulations`: local technical regulations (QCĐP) and their lifecycle.

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::{MaybePrincipal, Principal};
use tdc_kernel::batch::{self, BatchQuery, BatchResult};
use tdc_kernel::changes::{Actor, HistoryPage, http::history_page};
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::{Transition, TransitionPage, http::transitions_page};
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{created_response, optional_if_match, required_if_match, versioned_response};
use tdc_kernel::{ApiError, Problem, ids};
use utoipa::ToSchema;

use crate::model::{
    RegulationAction, RegulationListQuery, TechnicalRegulation, TechnicalRegulationInput, TechnicalRegulationPage,
};
use crate::rules::ConsultationRules;
use crate::store::regulations::{self as store, ENTITY};

fn location(r: &TechnicalRegulation) -> String {
    tdc_kernel::location!(get, r.id)
}

/// Lists QCĐPs. Without a token: published ones (issued, registered, in force, replaced, repealed)
/// and drafts whose consultation is open today; with one: all.
#[utoipa::path(
    get, path = "/api/v1/technical-regulations", tag = "Technical regulations", operation_id = "list_technical_regulations",
    params(RegulationListQuery),
    responses((status = 200, description = "A page of regulations; `Link: <…>; rel=\"next\"` when there is a next page.", body = TechnicalRegulationPage)),
    security((), ("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn list(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<RegulationListQuery>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::REGULATIONS_READ)?;
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor.clone() };
    let load = move |c: &mut _, after, limit| store::list(c, &reader, &filter, after, limit);
    let key = |r: &TechnicalRegulation| r.id.clone();
    serve_page(&req, &pool, paging, load, key, |items, next_cursor| TechnicalRegulationPage { items, next_cursor })
        .await
}

/// Records a QCĐP: a department's proposal (the default), or an existing regulation loaded with
/// `initial_state` and `issuance`.
#[utoipa::path(
    post, path = "/api/v1/technical-regulations", tag = "Technical regulations", operation_id = "create_technical_regulation",
    request_body = TechnicalRegulationInput,
    responses(
        (status = 201, description = "The regulation, with `Location` and `ETag`.", body = TechnicalRegulation),
        (status = 409, description = "Its code is recorded already (`duplicate_key`).", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn create(
    p: Principal,
    pool: web::Data<DbPool>,
    body: ValidJson<TechnicalRegulationInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let (actor, writer, input) = (Actor::from(&p), Reader::of(&p), body.0);
    let regulation = db::write(&pool, move |c| store::create(c, &actor, &writer, &input)).await?;
    Ok(created_response(&location(&regulation), regulation.version, &regulation))
}

/// Reads one QCĐP (public when published or in open consultation).
#[utoipa::path(
    get, path = "/api/v1/technical-regulations/{id}", tag = "Technical regulations", operation_id = "get_technical_regulation",
    params(("id" = String, Path, description = "The regulation's id (UUID).", format = "uuid")),
    responses(
        (status = 200, description = "The regulation, with its `ETag`.", body = TechnicalRegulation),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such regulation, or not public and no token.", body = Problem),
    ),
    security((), ("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn get(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::REGULATIONS_READ)?;
    let id = ids::path_id(&id, "technical regulation")?;
    let regulation = db::read(&pool, move |c| store::get(c, &reader, &id)).await?;
    Ok(versioned_response(&req, regulation.version, &regulation))
}

/// Reads one QCĐP by code; `QCDP`, case and spacing do not matter.
#[utoipa::path(
    get, path = "/api/v1/technical-regulations/by-code/{code}", tag = "Technical regulations", operation_id = "get_technical_regulation_by_code",
    params(("code" = String, Path, description = "The code, URL-encoded, e.g. `QCĐP%2001%3A2023/TPHP` (the `/` may stay as it is).")),
    responses(
        (status = 200, description = "The regulation, with its `ETag`.", body = TechnicalRegulation),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such regulation, or not public and no token.", body = Problem),
    ),
    security((), ("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn get_by_code(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::REGULATIONS_READ)?;
    let code = code.into_inner();
    let regulation = db::read(&pool, move |c| store::get_by_code(c, &reader, &code)).await?;
    Ok(versioned_response(&req, regulation.version, &regulation))
}

/// Replaces a QCĐP's content (titles, sector, scope, agencies, cited standards, documents, code);
/// its state changes only through transitions. Needs `If-Match`.
#[utoipa::path(
    put, path = "/api/v1/technical-regulations/{id}", tag = "Technical regulations", operation_id = "update_technical_regulation",
    params(
        ("id" = String, Path, description = "The regulation's id (UUID).", format = "uuid"),
        ("If-Match" = String, Header, description = "The `ETag` of the version being replaced."),
    ),
    request_body = TechnicalRegulationInput,
    responses(
        (status = 200, description = "The regulation (a new version only if something changed).", body = TechnicalRegulation),
        (status = 403, description = "Another agency leads it (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such regulation.", body = Problem),
        (status = 409, description = "The code belongs to another regulation (`duplicate_key`).", body = Problem),
        (status = 412, description = "It changed since that version (`version_mismatch`).", body = Problem),
        (status = 428, description = "`If-Match` is missing.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn update(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    body: ValidJson<TechnicalRegulationInput>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let id = ids::path_id(&id, "technical regulation")?;
    let expected = required_if_match(&req)?;
    let (actor, writer, input) = (Actor::from(&p), Reader::of(&p), body.0);
    let regulation = db::write(&pool, move |c| store::update(c, &actor, &writer, &id, &input, expected)).await?;
    Ok(versioned_response(&req, regulation.version, &regulation))
}

/// Loads up to 1000 QCĐPs at once (a province's existing regulations), each upserted by `code`.
#[utoipa::path(
    post, path = "/api/v1/technical-regulations/batch", tag = "Technical regulations", operation_id = "batch_upsert_technical_regulations",
    params(BatchQuery),
    request_body(content = Vec<TechnicalRegulationInput>, description = "A JSON array of at most 1000 regulations, each with `code`; new ones are recorded in `initial_state` (with `issuance`), existing ones get the new content. Record cited standards in the catalogue first."),
    responses(
        (status = 200, description = "One result per item: `{index, status, id | problem}`.", body = BatchResult),
        (status = 413, description = "More than 1000 items (`payload_too_large`).", body = Problem),
        (status = 422, description = "With `atomic=true`: an item was refused and nothing was stored.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn batch_upsert(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<BatchQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let (actor, writer) = (Actor::from(&p), Reader::of(&p));
    batch::serve(&req, &pool, q.0, &body, move |c, value| {
        let input: TechnicalRegulationInput = batch::item(value)?;
        let (regulation, created) = store::upsert_by_code(c, &actor, &writer, &input)?;
        Ok((if created { 201 } else { 200 }, regulation.id))
    })
    .await
}

/// The result of a lifecycle move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RegulationMoved {
    /// The regulation after the move.
    pub regulation: TechnicalRegulation,
    /// The move as logged.
    pub transition: Transition,
}

/// Moves a QCĐP through its lifecycle. The moves, and who may make each:
///
/// | action | from | to | who |
/// |---|---|---|---|
/// | `accept_into_plan` | proposed | planned | DOST |
/// | `reject_proposal` | proposed | rejected | DOST |
/// | `start_drafting` | planned | drafting | lead agency |
/// | `open_consultation` | drafting | consultation | lead agency |
/// | `submit_for_appraisal` | consultation | appraisal | lead agency (every comment answered) |
/// | `pass_appraisal` | appraisal | appraised | DOST |
/// | `return_for_revision` | appraisal | drafting | DOST |
/// | `request_ministry_opinion` | appraised | ministry_opinion_requested | lead agency |
/// | `record_ministry_opinion` | ministry_opinion_requested | ministry_opinion_received | lead agency |
/// | `issue` | ministry_opinion_received | issued | lead agency or DOST |
/// | `register` | issued | registered | DOST |
/// | `bring_into_force` | registered | in_effect | lead agency or DOST (from the effective date) |
/// | `review`, `amend` | in_effect | in_effect | DOST; lead agency or DOST |
/// | `correct` | issued, registered, in_effect | unchanged | lead agency or DOST |
/// | `replace`, `repeal` | issued, registered, in_effect | replaced, repealed | lead agency or DOST |
/// | `withdraw` | any state before issued | withdrawn | lead agency |
///
/// DOST's administrators may make every move. `If-Match` is optional; when sent it must name the
/// current version.
#[utoipa::path(
    post, path = "/api/v1/technical-regulations/{id}/transitions", tag = "Technical regulations", operation_id = "transition_technical_regulation",
    params(
        ("id" = String, Path, description = "The regulation's id (UUID).", format = "uuid"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` of the version being moved (optional)."),
    ),
    request_body = RegulationAction,
    responses(
        (status = 200, description = "Moved; the regulation (with its new `ETag`) and the move.", body = RegulationMoved),
        (status = 403, description = "The caller's agency may not take this action (`not_lead_agency`, `dost_only`).", body = Problem),
        (status = 404, description = "No such regulation.", body = Problem),
        (status = 409, description = "Not allowed from the current state (`illegal_transition`, with `allowed_actions`), comments unanswered (`unanswered_comments`), not yet effective (`not_yet_effective`), a change to a regulation in force without DOST's review concluding it (`review_required`), or the code is taken (`duplicate_key`).", body = Problem),
        (status = 412, description = "It changed since the `If-Match` version (`version_mismatch`).", body = Problem),
        (status = 422, description = "Invalid facts (`validation_failed`): e.g. `consultation_too_short` (shorter than the configured minimum), `committee_decision_required` (amend, replace, repeal without the People's Committee's `issued_by`).", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_WRITE]))
)]
pub async fn transition(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    rules: web::Data<ConsultationRules>,
    id: web::Path<String>,
    body: ValidJson<RegulationAction>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_WRITE)?;
    let id = ids::path_id(&id, "technical regulation")?;
    let expected = optional_if_match(&req)?;
    let (actor, writer, action, rules) = (Actor::from(&p), Reader::of(&p), body.0, *rules.get_ref());
    let (regulation, transition) =
        db::write(&pool, move |c| store::apply(c, &actor, &writer, &id, &action, expected, &rules)).await?;
    Ok(versioned_response(&req, regulation.version, &RegulationMoved { regulation, transition }))
}

/// Lists the moves a QCĐP went through, oldest first.
#[utoipa::path(
    get, path = "/api/v1/technical-regulations/{id}/transitions", tag = "Technical regulations", operation_id = "list_technical_regulation_transitions",
    params(("id" = String, Path, description = "The regulation's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "Its moves, from `propose` (or `load`) on.", body = TransitionPage),
        (status = 404, description = "No such regulation, or not public and no token.", body = Problem),
    ),
    security((), ("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn transitions(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let reader = Reader::with_scope(&p, scopes::REGULATIONS_READ)?;
    let id = ids::path_id(&id, "technical regulation")?;
    let lookup = id.clone();
    db::read(&pool, move |c| store::get(c, &reader, &lookup)).await?;
    transitions_page(&req, &pool, ENTITY, id, q.0).await
}

/// Lists the changes to one QCĐP.
#[utoipa::path(
    get, path = "/api/v1/technical-regulations/{id}/history", tag = "Technical regulations", operation_id = "get_technical_regulation_history",
    params(("id" = String, Path, description = "The regulation's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "Its changes, oldest first.", body = HistoryPage),
        (status = 404, description = "No such regulation.", body = Problem),
    ),
    security(("bearer" = [scopes::REGULATIONS_READ]))
)]
pub async fn history(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::REGULATIONS_READ)?;
    let id = ids::path_id(&id, "technical regulation")?;
    let (lookup, reader) = (id.clone(), Reader::of(&p));
    db::read(&pool, move |c| store::get(c, &reader, &lookup)).await?;
    history_page(&req, &pool, Reader::of(&p), ENTITY, id, q.0).await
}
