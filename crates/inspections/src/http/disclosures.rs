//! `/api/v1/disclosures`: serious violations made public once final (public reading), and
//! `POST /api/v1/violations/{id}/disclosure` that publishes one.

use actix_web::web;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, History, Listed, Read};
use tdc_kernel::resource::{AnyCall, Call, IdPath, IfMatchOptional, Reply};
use tdc_kernel::{Problem, location};

use crate::model::{Disclosure, DisclosureInput, DisclosureListQuery, DisclosurePage, DisclosureWithdrawal};
use crate::scopes::{INSPECTIONS_READ, INSPECTIONS_WRITE};
use crate::store::disclosures::{self as store, ENTITY};

const TAG: &str = "Violations";

/// Lists disclosures, oldest first. Without a token: the published ones (the public list of
/// serious violators); agencies also see withdrawn ones.
#[utoipa::path(get, path = "/api/v1/disclosures", tag = TAG, operation_id = "list_disclosures",
    params(DisclosureListQuery, PageQuery), responses(Listed<DisclosurePage>), security((), ("bearer" = [INSPECTIONS_READ])))]
pub async fn list(call: AnyCall, q: Query<DisclosureListQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| DisclosurePage { items, next_cursor }).await
}

/// Reads one disclosure. Without a token: only a published one.
#[utoipa::path(get, path = "/api/v1/disclosures/{id}", tag = TAG, operation_id = "get_disclosure",
    params(IdPath), responses(Read<Disclosure>), security((), ("bearer" = [INSPECTIONS_READ])))]
pub async fn get(call: AnyCall, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// Publishes a violation whose sanctioning decision is final (its lead agency or DOST): the hub
/// writes the disclosure from the violation, without personal data (a household business's
/// personal identification number never appears).
#[utoipa::path(post, path = "/api/v1/violations/{id}/disclosure", tag = TAG, operation_id = "disclose_violation",
    params(IdPath), request_body = DisclosureInput, security(("bearer" = [INSPECTIONS_WRITE])),
    responses(Created<Disclosure>,
        (status = 404, description = "No such violation.", body = Problem),
        (status = 409, description = "The decision is not final (`not_final`), or the violation was disclosed already (`duplicate_key`).", body = Problem)))]
pub async fn publish(call: Call, id: web::Path<IdPath>, body: ValidJson<DisclosureInput>) -> Reply {
    let (id, input) = (id.into_inner().of("violation")?, body.0);
    call.create(location!(get), move |c, actor, writer| store::publish(c, actor, writer, &id, &input)).await
}

/// Withdraws a disclosure (the violation's lead agency or DOST): it leaves the public list and
/// the public feed.
#[utoipa::path(post, path = "/api/v1/disclosures/{id}/withdrawal", tag = TAG, operation_id = "withdraw_disclosure",
    params(IdPath, IfMatchOptional), request_body = DisclosureWithdrawal, security(("bearer" = [INSPECTIONS_WRITE])),
    responses(
        (status = 200, description = "Withdrawn; the disclosure.", body = Disclosure),
        (status = 403, description = "Only the violation's lead agency or DOST (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such disclosure.", body = Problem),
        (status = 409, description = "Withdrawn already (`already_withdrawn`).", body = Problem),
        (status = 412, description = "`If-Match` names another version (`version_mismatch`).", body = Problem),
    ))]
pub async fn withdraw(call: Call, id: web::Path<IdPath>, body: ValidJson<DisclosureWithdrawal>) -> Reply {
    let (id, input) = (id.into_inner().of(ENTITY)?, body.0);
    call.transition(move |c, actor, writer, expected| store::withdraw(c, actor, writer, &id, &input, expected)).await
}

/// Lists the changes to one disclosure.
#[utoipa::path(get, path = "/api/v1/disclosures/{id}/history", tag = TAG, operation_id = "get_disclosure_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let lookup = id.clone();
    call.history(ENTITY, id, q.0, move |c, r| store::get(c, r, &lookup)).await
}
