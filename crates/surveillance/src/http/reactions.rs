//! `/api/v1/warnings/{id}/reactions` and `/api/v1/warning-reactions/{id}`: other agencies'
//! follow-up to a published warning.

use actix_web::web;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, Listed, Read};
use tdc_kernel::resource::{Call, IdPath, Reply};
use tdc_kernel::{Problem, location};

use super::warnings::TAG;
use crate::model::{WarningReaction, WarningReactionInput, WarningReactionPage};
use crate::scopes::{SURVEILLANCE_READ, SURVEILLANCE_WRITE};
use crate::store::reactions::{self as store, ENTITY};

/// Lists the reactions to a warning, oldest first.
#[utoipa::path(get, path = "/api/v1/warnings/{id}/reactions", tag = TAG, operation_id = "list_warning_reactions",
    params(IdPath, PageQuery), security(("bearer" = [SURVEILLANCE_READ])),
    responses(Listed<WarningReactionPage>, (status = 404, description = "No such warning the caller may see.", body = Problem)))]
pub async fn list(call: Call, id: web::Path<IdPath>, paging: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of("warning")?;
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &id, after, limit);
    call.page(paging.0, load, |items, next_cursor| WarningReactionPage { items, next_cursor }).await
}

/// Records the caller's agency's follow-up to a published warning: how many outlets it checked,
/// in how many it found the goods, what it took off the market and did. The warning's handling
/// agency coordinates the reaction; every agency reads it.
#[utoipa::path(post, path = "/api/v1/warnings/{id}/reactions", tag = TAG, operation_id = "create_warning_reaction",
    params(IdPath), request_body = WarningReactionInput, security(("bearer" = [SURVEILLANCE_WRITE])),
    responses(Created<WarningReaction>,
        (status = 404, description = "No such warning.", body = Problem),
        (status = 409, description = "The warning is not published, or resolved already (`not_published`).", body = Problem)))]
pub async fn create(call: Call, id: web::Path<IdPath>, body: ValidJson<WarningReactionInput>) -> Reply {
    let (id, input) = (id.into_inner().of("warning")?, body.0);
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &id, &input)).await
}

/// Reads one reaction.
#[utoipa::path(get, path = "/api/v1/warning-reactions/{id}", tag = TAG, operation_id = "get_warning_reaction",
    params(IdPath), responses(Read<WarningReaction>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}
