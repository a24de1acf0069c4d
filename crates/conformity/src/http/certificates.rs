//! Registration certificates: issue on a body, every later action as a transition, the version
//! chain and the scope on any past date. Public reading.

use crate::scopes;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use tdc_kernel::access::Reader;
use tdc_kernel::auth::{MaybePrincipal, Principal};
use tdc_kernel::batch::{self, BatchQuery, BatchResult};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::{Transition, TransitionPage, http::transitions_page};
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::versions::{created_response, optional_if_match, versioned_response};
use tdc_kernel::{ApiError, HomeProvince, Problem, ids};
use utoipa::ToSchema;

use crate::model::{
    Certificate, CertificateAction, CertificateListQuery, CertificatePage, CertificateVersion, CertificateVersionPage,
    NewCertificate, ScopeOnDate, ScopeQuery,
};
use crate::store::certificates::{self as store, ENTITY};

fn location(c: &Certificate) -> String {
    tdc_kernel::location!(get, c.id)
}

/// Issues a registration certificate to a body (cấp mới): its managing agency. Refused when the
/// body is not registered for the activity (`activity_not_registered`), when its accreditation for
/// it has expired (`accreditation_expired`), or when the scope cites an unknown standard.
#[utoipa::path(
    post, path = "/api/v1/conformity-bodies/{id}/certificates", tag = "Conformity registry", operation_id = "issue_certificate",
    params(("id" = String, Path, description = "The body's id (UUID).", format = "uuid")),
    request_body = NewCertificate,
    responses(
        (status = 201, description = "The certificate, version 1, with `Location` and `ETag`.", body = Certificate),
        (status = 403, description = "Another agency manages the body (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such body.", body = Problem),
        (status = 409, description = "The number is taken (`duplicate_key`), or the body's accreditation has expired (`accreditation_expired`) or is not active (`accreditation_not_active`).", body = Problem),
    ),
    security(("bearer" = [scopes::CONFORMITY_WRITE]))
)]
pub async fn issue(
    p: Principal,
    pool: web::Data<DbPool>,
    home: web::Data<HomeProvince>,
    id: web::Path<String>,
    body: ValidJson<NewCertificate>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CONFORMITY_WRITE)?;
    let id = ids::path_id(&id, "conformity body")?;
    let (actor, writer, home, input) = (Actor::from(&p), Reader::of(&p), home.get_ref().clone(), body.0);
    let issued = db::write(&pool, move |c| store::issue(c, &actor, &writer, &home, &id, &input)).await?;
    Ok(created_response(&location(&issued), issued.version, &issued))
}

/// Lists certificates. Public.
#[utoipa::path(
    get, path = "/api/v1/certificates", tag = "Conformity registry", operation_id = "list_certificates",
    params(CertificateListQuery),
    responses((status = 200, description = "A page of certificates.", body = CertificatePage)),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn list(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    q: Query<CertificateListQuery>,
) -> Result<HttpResponse, ApiError> {
    Reader::with_scope(&p, scopes::CONFORMITY_READ)?;
    let filter = q.0;
    let paging = PageQuery { limit: filter.limit, cursor: filter.cursor.clone() };
    let load = move |c: &mut _, after, limit| store::list(c, &filter, after, limit);
    serve_page(
        &req,
        &pool,
        paging,
        load,
        |c: &Certificate| c.id.clone(),
        |items, next_cursor| CertificatePage { items, next_cursor },
    )
    .await
}

/// Reads one certificate as it stands. Public.
#[utoipa::path(
    get, path = "/api/v1/certificates/{id}", tag = "Conformity registry", operation_id = "get_certificate",
    params(("id" = String, Path, description = "The certificate's id (UUID).", format = "uuid")),
    responses(
        (status = 200, description = "The certificate, with its `ETag`.", body = Certificate),
        (status = 304, description = "Unchanged since the `If-None-Match` version."),
        (status = 404, description = "No such certificate.", body = Problem),
    ),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn get(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Reader::with_scope(&p, scopes::CONFORMITY_READ)?;
    let id = ids::path_id(&id, "certificate")?;
    let found = db::read(&pool, move |c| store::get(c, &id)).await?;
    Ok(versioned_response(&req, found.version, &found))
}

/// The result of a certificate action.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CertificateMoved {
    /// The certificate after the action (its `current_version` is the new version).
    pub certificate: Certificate,
    /// The move as logged.
    pub transition: Transition,
}

/// Takes an action on a certificate: `supplement` (scope added), `amend`, `reissue`, `suspend`,
/// `restore`, `revoke` (with a reason and decision). Each makes a new version linked to its
/// predecessor; other provinces where the body has sites are notified. The managing agency (or an
/// administrator) acts; `If-Match` is optional.
#[utoipa::path(
    post, path = "/api/v1/certificates/{id}/transitions", tag = "Conformity registry", operation_id = "transition_certificate",
    params(
        ("id" = String, Path, description = "The certificate's id (UUID).", format = "uuid"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` of the version being acted on (optional)."),
    ),
    request_body = CertificateAction,
    responses(
        (status = 200, description = "Done; the certificate and the move.", body = CertificateMoved),
        (status = 403, description = "Another agency manages it (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such certificate.", body = Problem),
        (status = 409, description = "Not allowed in its status (`illegal_transition`, with `allowed_actions`), a new number is taken (`duplicate_key`), or the body's accreditation has expired (`accreditation_expired`).", body = Problem),
        (status = 412, description = "It changed since the `If-Match` version (`version_mismatch`).", body = Problem),
    ),
    security(("bearer" = [scopes::CONFORMITY_WRITE]))
)]
pub async fn transition(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    home: web::Data<HomeProvince>,
    id: web::Path<String>,
    body: ValidJson<CertificateAction>,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CONFORMITY_WRITE)?;
    let id = ids::path_id(&id, "certificate")?;
    let expected = optional_if_match(&req)?;
    let (actor, writer, home, action) = (Actor::from(&p), Reader::of(&p), home.get_ref().clone(), body.0);
    let (certificate, transition) =
        db::write(&pool, move |c| store::apply(c, &actor, &writer, &home, &id, &action, expected)).await?;
    Ok(versioned_response(&req, certificate.version, &CertificateMoved { certificate, transition }))
}

/// Lists the moves of a certificate, from its issue on. Public.
#[utoipa::path(
    get, path = "/api/v1/certificates/{id}/transitions", tag = "Conformity registry", operation_id = "list_certificate_transitions",
    params(("id" = String, Path, description = "The certificate's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "Its moves, oldest first.", body = TransitionPage),
        (status = 404, description = "No such certificate.", body = Problem),
    ),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn transitions(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    Reader::with_scope(&p, scopes::CONFORMITY_READ)?;
    let id = ids::path_id(&id, "certificate")?;
    let lookup = id.clone();
    db::read(&pool, move |c| store::get(c, &lookup)).await?;
    transitions_page(&req, &pool, ENTITY, id, q.0).await
}

/// Lists every version of a certificate, each with the one it follows. Public.
#[utoipa::path(
    get, path = "/api/v1/certificates/{id}/versions", tag = "Conformity registry", operation_id = "list_certificate_versions",
    params(("id" = String, Path, description = "The certificate's id (UUID).", format = "uuid"), PageQuery),
    responses(
        (status = 200, description = "Its versions, oldest first.", body = CertificateVersionPage),
        (status = 404, description = "No such certificate.", body = Problem),
    ),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn versions(
    p: MaybePrincipal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    Reader::with_scope(&p, scopes::CONFORMITY_READ)?;
    let id = ids::path_id(&id, "certificate")?;
    let load = move |c: &mut _, after, limit| store::versions(c, &id, after, limit);
    serve_page(
        &req,
        &pool,
        q.0,
        load,
        |v: &CertificateVersion| v.version_no,
        |items, next_cursor| CertificateVersionPage { items, next_cursor },
    )
    .await
}

/// The certificate as it stood on a given day: the version in effect, with its scope and status. Public.
#[utoipa::path(
    get, path = "/api/v1/certificates/{id}/scope", tag = "Conformity registry", operation_id = "get_certificate_scope_on",
    params(("id" = String, Path, description = "The certificate's id (UUID).", format = "uuid"), ScopeQuery),
    responses(
        (status = 200, description = "The version in effect that day.", body = ScopeOnDate),
        (status = 404, description = "No such certificate, or not yet issued that day.", body = Problem),
    ),
    security((), ("bearer" = [scopes::CONFORMITY_READ]))
)]
pub async fn scope_on(
    p: MaybePrincipal,
    pool: web::Data<DbPool>,
    id: web::Path<String>,
    q: Query<ScopeQuery>,
) -> Result<HttpResponse, ApiError> {
    Reader::with_scope(&p, scopes::CONFORMITY_READ)?;
    let id = ids::path_id(&id, "certificate")?;
    let on = q.0.on;
    let found = db::read(&pool, move |c| store::scope_on(c, &id, on)).await?;
    Ok(HttpResponse::Ok().json(found))
}

/// Loads up to 1000 existing certificates (a province's registry), each with its body's `tax_code`,
/// upserted by number: new ones are recorded (action `load`), identical resends change nothing, and
/// a different one is refused (`use_transitions`).
#[utoipa::path(
    post, path = "/api/v1/certificates/batch", tag = "Conformity registry", operation_id = "batch_load_certificates",
    params(BatchQuery),
    request_body(content = Vec<NewCertificate>, description = "A JSON array of at most 1000 certificates, each with `tax_code`."),
    responses(
        (status = 200, description = "One result per item: `{index, status, id | problem}`.", body = BatchResult),
        (status = 413, description = "More than 1000 items (`payload_too_large`).", body = Problem),
        (status = 422, description = "With `atomic=true`: an item was refused and nothing was stored.", body = Problem),
    ),
    security(("bearer" = [scopes::CONFORMITY_WRITE]))
)]
pub async fn batch_load(
    p: Principal,
    req: HttpRequest,
    pool: web::Data<DbPool>,
    home: web::Data<HomeProvince>,
    q: Query<BatchQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    p.require(scopes::CONFORMITY_WRITE)?;
    let (actor, writer, home) = (Actor::from(&p), Reader::of(&p), home.get_ref().clone());
    batch::serve(&req, &pool, q.0, &body, move |c, value| {
        let input: NewCertificate = batch::item(value)?;
        let (certificate, created) = store::load_existing(c, &actor, &writer, &home, &input)?;
        Ok((if created { 201 } else { 200 }, certificate.id))
    })
    .await
}
