//! `/api/v1/kpi-schemes`: the KPI index of the agencies (seed 001 Art. 15.1.b) — DOST's components
//! and weights per period, and the ranking with the facts behind every point.

use actix_web::{HttpResponse, web};
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, Listed, Read};
use tdc_kernel::resource::{Call, IdPath, Reply};
use tdc_kernel::{Problem, db, location};

use crate::model::{KpiRanking, KpiScheme, KpiSchemeInput, KpiSchemePage};
use crate::scopes::{REPORTING_READ, REPORTING_WRITE};
use crate::store::kpi_schemes::{self as store, ENTITY};

const TAG: &str = "KPI index";

/// Lists the KPI schemes, oldest first.
#[utoipa::path(get, path = "/api/v1/kpi-schemes", tag = TAG, operation_id = "list_kpi_schemes",
    params(PageQuery), responses(Listed<KpiSchemePage>), security(("bearer" = [REPORTING_READ])))]
pub async fn list(call: Call, paging: Query<PageQuery>) -> Reply {
    let load = |c: &mut _, _: &_, after, limit| store::list(c, after, limit);
    call.page(paging.0, load, |items, next_cursor| KpiSchemePage { items, next_cursor }).await
}

/// Records a KPI scheme (DOST): the period, the components and their weights, the agencies ranked.
#[utoipa::path(post, path = "/api/v1/kpi-schemes", tag = TAG, operation_id = "create_kpi_scheme",
    request_body = KpiSchemeInput, security(("bearer" = [REPORTING_WRITE])), responses(Created<KpiScheme>))]
pub async fn create(call: Call, body: ValidJson<KpiSchemeInput>) -> Reply {
    let input = body.0;
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &input)).await
}

/// Reads one KPI scheme.
#[utoipa::path(get, path = "/api/v1/kpi-schemes/{id}", tag = TAG, operation_id = "get_kpi_scheme",
    params(IdPath), responses(Read<KpiScheme>), security(("bearer" = [REPORTING_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, _| store::get(c, &id)).await
}

/// Ranks the scheme's agencies: each one's score (0–100, the weighted mean of the shares of the
/// components that apply to it) with, for every component, what was counted, what was done on time
/// and each miss by name — computed from what was recorded up to the period's end, so a past
/// period's ranking is the same whenever it is asked for.
#[utoipa::path(get, path = "/api/v1/kpi-schemes/{id}/ranking", tag = TAG, operation_id = "rank_kpi_scheme",
    params(IdPath), security(("bearer" = [REPORTING_READ])),
    responses(
        (status = 200, description = "The ranking, best first.", body = KpiRanking),
        (status = 404, description = "No such scheme.", body = Problem),
    ))]
pub async fn ranking(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    let ranked = db::read(&call.pool, move |c| store::ranking(c, &id)).await?;
    Ok(HttpResponse::Ok().json(ranked))
}
