//! Registration certificates: issue on a body, every later action as a transition, the version
//! chain and the scope on any past date. Public reading.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::db;
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::{PageQuery, serve_page};
use tdc_kernel::resource::responses::{Batch, Created, Listed, Moves, Read};
use tdc_kernel::resource::{AnyCall, Call, IdPath, IfMatchOptional, Reply};
use tdc_kernel::{HomeProvince, Problem, location};
use utoipa::ToSchema;

use crate::model::{
    Certificate, CertificateAction, CertificateListQuery, CertificatePage, CertificateVersion, CertificateVersionPage,
    NewCertificate, ScopeQuery,
};
use crate::scopes::{CONFORMITY_READ, CONFORMITY_WRITE};
use crate::store::certificates::{self as store, ENTITY};

const TAG: &str = "Conformity registry";
const CERTIFICATE: &str = "certificate";

/// Issues a registration certificate to a body (cấp mới), version 1: its managing agency. Refused
/// when the body is not registered for the activity (`activity_not_registered`), when its
/// accreditation for it has expired (`accreditation_expired`), or when the scope cites an unknown
/// standard.
#[utoipa::path(post, path = "/api/v1/conformity-bodies/{id}/certificates", tag = TAG, operation_id = "issue_certificate",
    params(IdPath), request_body = NewCertificate, security(("bearer" = [CONFORMITY_WRITE])),
    responses(Created<Certificate>,
        (status = 403, description = "Another agency manages the body (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such body.", body = Problem),
        (status = 409, description = "The number is taken (`duplicate_key`), or the body's accreditation has expired (`accreditation_expired`) or is not active (`accreditation_not_active`).", body = Problem),
    ))]
pub async fn issue(
    call: Call,
    home: web::Data<HomeProvince>,
    id: web::Path<IdPath>,
    body: ValidJson<NewCertificate>,
) -> Reply {
    let (id, home, input) = (id.into_inner().of("conformity body")?, home.get_ref().clone(), body.0);
    call.create(location!(get), move |c, actor, writer| store::issue(c, actor, writer, &home, &id, &input)).await
}

/// Lists certificates. Public.
#[utoipa::path(get, path = "/api/v1/certificates", tag = TAG, operation_id = "list_certificates",
    params(CertificateListQuery, PageQuery), responses(Listed<CertificatePage>), security((), ("bearer" = [CONFORMITY_READ])))]
pub async fn list(call: AnyCall, q: Query<CertificateListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| store::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| CertificatePage { items, next_cursor }).await
}

/// Reads one certificate as it stands. Public.
#[utoipa::path(get, path = "/api/v1/certificates/{id}", tag = TAG, operation_id = "get_certificate",
    params(IdPath), responses(Read<Certificate>), security((), ("bearer" = [CONFORMITY_READ])))]
pub async fn get(call: AnyCall, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(CERTIFICATE)?;
    call.read(move |c, _| store::get(c, &id)).await
}

/// The result of a certificate action.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CertificateMoved {
    /// The certificate after the action (its `current_version` is the new version).
    pub certificate: Certificate,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(CertificateMoved, via = certificate);

/// Takes an action on a certificate: `supplement` (scope added), `amend`, `reissue`, `suspend`,
/// `restore`, `revoke` (with a reason and decision). Each makes a new version linked to its
/// predecessor; other provinces where the body has sites are notified. The managing agency (or an
/// administrator) acts; `If-Match` is optional.
#[utoipa::path(post, path = "/api/v1/certificates/{id}/transitions", tag = TAG, operation_id = "transition_certificate",
    params(IdPath, IfMatchOptional), request_body = CertificateAction, security(("bearer" = [CONFORMITY_WRITE])),
    responses(
        (status = 200, description = "Done; the certificate and the move.", body = CertificateMoved),
        (status = 403, description = "Another agency manages it (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such certificate.", body = Problem),
        (status = 409, description = "Not allowed in its status (`illegal_transition`, with `allowed_actions`), a new number is taken (`duplicate_key`), or the body's accreditation has expired (`accreditation_expired`).", body = Problem),
        (status = 412, description = "It changed since the `If-Match` version (`version_mismatch`).", body = Problem),
    ))]
pub async fn transition(
    call: Call,
    home: web::Data<HomeProvince>,
    id: web::Path<IdPath>,
    body: ValidJson<CertificateAction>,
) -> Reply {
    let (id, home, action) = (id.into_inner().of(CERTIFICATE)?, home.get_ref().clone(), body.0);
    call.transition(move |c, actor, writer, expected| {
        let (certificate, transition) = store::apply(c, actor, writer, &home, &id, &action, expected)?;
        Ok(CertificateMoved { certificate, transition })
    })
    .await
}

/// Lists the moves of a certificate, from its issue on. Public.
#[utoipa::path(get, path = "/api/v1/certificates/{id}/transitions", tag = TAG, operation_id = "list_certificate_transitions",
    params(IdPath, PageQuery), responses(Moves), security((), ("bearer" = [CONFORMITY_READ])))]
pub async fn transitions(call: AnyCall, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(CERTIFICATE)?;
    let lookup = id.clone();
    call.moves(ENTITY, id, q.0, move |c, _| store::get(c, &lookup)).await
}

/// Lists every version of a certificate, each with the one it follows. Public.
#[utoipa::path(get, path = "/api/v1/certificates/{id}/versions", tag = TAG, operation_id = "list_certificate_versions",
    params(IdPath, PageQuery), security((), ("bearer" = [CONFORMITY_READ])),
    responses(
        (status = 200, description = "Its versions, oldest first.", body = CertificateVersionPage),
        (status = 404, description = "No such certificate.", body = Problem),
    ))]
pub async fn versions(call: AnyCall, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(CERTIFICATE)?;
    let load = move |c: &mut _, after, limit| store::versions(c, &id, after, limit);
    let page = |items, next_cursor| CertificateVersionPage { items, next_cursor };
    serve_page(&call.req, &call.pool, q.0, load, |v: &CertificateVersion| v.version_no, page).await
}

/// The certificate as it stood on a given day: the version in effect, with its scope and status. Public.
#[utoipa::path(get, path = "/api/v1/certificates/{id}/scope", tag = TAG, operation_id = "get_certificate_scope_on",
    params(IdPath, ScopeQuery), security((), ("bearer" = [CONFORMITY_READ])),
    responses(
        (status = 200, description = "The version in effect that day.", body = crate::model::ScopeOnDate),
        (status = 404, description = "No such certificate, or not yet issued that day.", body = Problem),
    ))]
pub async fn scope_on(call: AnyCall, id: web::Path<IdPath>, q: Query<ScopeQuery>) -> Reply {
    let (id, on) = (id.into_inner().of(CERTIFICATE)?, q.0.on);
    Ok(HttpResponse::Ok().json(db::read(&call.pool, move |c| store::scope_on(c, &id, on)).await?))
}

/// Loads up to 1000 existing certificates (a province's registry), each with its body's `tax_code`,
/// upserted by number: new ones are recorded (action `load`), identical resends change nothing, and
/// a different one is refused (`use_transitions`).
#[utoipa::path(post, path = "/api/v1/certificates/batch", tag = TAG, operation_id = "batch_load_certificates",
    params(BatchQuery), responses(Batch), security(("bearer" = [CONFORMITY_WRITE])),
    request_body(content = Vec<NewCertificate>, description = "A JSON array of at most 1000 certificates, each with `tax_code`."))]
pub async fn batch_load(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of certificates, each upserted by its number — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    batch::each(c, author, items, atomic, |c, actor, writer, input: NewCertificate| {
        store::load_existing(c, actor, writer, author.home, &input)
    })
};
