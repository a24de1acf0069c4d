//! `/api/v1/conformity-declarations`: declarations of conformity received by the agencies.

use actix_web::web;
use serde::{Deserialize, Serialize};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::lifecycle::Transition;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, Listed, Read};
use tdc_kernel::resource::{AnyCall, Call, IdPath, Reply};
use tdc_kernel::{Problem, location};
use utoipa::ToSchema;

use crate::model::{Declaration, DeclarationAction, DeclarationListQuery, DeclarationPage, NewDeclaration};
use crate::scopes::{CONFORMITY_READ, CONFORMITY_WRITE};
use crate::store::declarations as store;

const TAG: &str = "Conformity registry";
const DECLARATION: &str = "declaration";

/// Lists the declarations the caller may read: without a token the published (`public`) ones;
/// a declaration is never more visible than the declaring business.
#[utoipa::path(get, path = "/api/v1/conformity-declarations", tag = TAG, operation_id = "list_conformity_declarations",
    params(DeclarationListQuery, PageQuery), responses(Listed<DeclarationPage>), security((), ("bearer" = [CONFORMITY_READ])))]
pub async fn list(call: AnyCall, q: Query<DeclarationListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| DeclarationPage { items, next_cursor }).await
}

/// Records a declaration received by the caller's agency. Refused, naming the rule, when it rests
/// on a body whose registration for certification was revoked (`certificate_revoked`), is
/// suspended or expired, or does not cover what is declared (`out_of_scope`), or on an expired
/// product certificate (`product_certificate_expired`).
#[utoipa::path(post, path = "/api/v1/conformity-declarations", tag = TAG, operation_id = "create_conformity_declaration",
    request_body = NewDeclaration, security(("bearer" = [CONFORMITY_WRITE])),
    responses(Created<Declaration>, (status = 409, description = "This agency has recorded this receipt number (`duplicate_key`).", body = Problem)))]
pub async fn create(call: Call, body: ValidJson<NewDeclaration>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one declaration the caller may read (public ones without a token).
#[utoipa::path(get, path = "/api/v1/conformity-declarations/{id}", tag = TAG, operation_id = "get_conformity_declaration",
    params(IdPath), responses(Read<Declaration>), security((), ("bearer" = [CONFORMITY_READ])))]
pub async fn get(call: AnyCall, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(DECLARATION)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// The result of a declaration's move.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeclarationMoved {
    /// The declaration after the move.
    pub declaration: Declaration,
    /// The move as logged.
    pub transition: Transition,
}

tdc_kernel::record!(DeclarationMoved, via = declaration);

/// Withdraws or invalidates a declaration (its receiving agency), with a reason.
#[utoipa::path(post, path = "/api/v1/conformity-declarations/{id}/transitions", tag = TAG, operation_id = "transition_conformity_declaration",
    params(IdPath), request_body = DeclarationAction, security(("bearer" = [CONFORMITY_WRITE])),
    responses(
        (status = 200, description = "Done; the declaration and the move.", body = DeclarationMoved),
        (status = 403, description = "Another agency received it (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such declaration.", body = Problem),
        (status = 409, description = "Not allowed in its status (`illegal_transition`).", body = Problem),
    ))]
pub async fn transition(call: Call, id: web::Path<IdPath>, body: ValidJson<DeclarationAction>) -> Reply {
    let (id, action) = (id.into_inner().of(DECLARATION)?, body.0);
    call.write(move |c, actor, writer| {
        let (declaration, transition) = store::transition(c, actor, writer, &id, &action)?;
        Ok(DeclarationMoved { declaration, transition })
    })
    .await
}
