//! `/api/v1/market-statistics`, `/api/v1/measurement-fraud-reports` and
//! `/api/v1/prepackaged-checks`: the communes' market figures, fraud reported to DOST, and checks
//! of prepackaged quantities.

use actix_web::web;
use tdc_kernel::batch::{self, BatchQuery};
use tdc_kernel::extract::{Body, Query, ValidJson};
use tdc_kernel::location;
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Batch, Created, History, Listed, Read};
use tdc_kernel::resource::{Call, IdPath, Reply};

use crate::model::{
    FraudReport, FraudReportInput, FraudReportPage, MarketStatistics, MarketStatisticsInput, MarketStatisticsPage,
    MarketStatisticsQuery, PrepackagedCheck, PrepackagedCheckInput, PrepackagedCheckPage, PrepackagedCheckQuery,
};
use crate::scopes::{SURVEILLANCE_READ, SURVEILLANCE_WRITE};
use crate::store::{fraud_reports, market_statistics, prepackaged};

const TAG: &str = "Metrology";

/// Lists the markets' figures, oldest first: a commune's, a period's.
#[utoipa::path(get, path = "/api/v1/market-statistics", tag = TAG, operation_id = "list_market_statistics",
    params(MarketStatisticsQuery, PageQuery), responses(Listed<MarketStatisticsPage>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn list_statistics(call: Call, q: Query<MarketStatisticsQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| market_statistics::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| MarketStatisticsPage { items, next_cursor }).await
}

/// Reads one market's figures for a period.
#[utoipa::path(get, path = "/api/v1/market-statistics/{id}", tag = TAG, operation_id = "get_market_statistics",
    params(IdPath), responses(Read<MarketStatistics>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn get_statistics(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(market_statistics::ENTITY)?;
    call.read(move |c, _| market_statistics::get(c, &id)).await
}

/// Loads a commune's market figures for a period — up to 1000 markets — each upserted by commune,
/// market and period: safe to send again, and a later period's figures are new records.
#[utoipa::path(post, path = "/api/v1/market-statistics/batch", tag = TAG, operation_id = "batch_upsert_market_statistics",
    params(BatchQuery), responses(Batch), security(("bearer" = [SURVEILLANCE_WRITE])),
    request_body(content = Vec<MarketStatisticsInput>, description = "A JSON array of at most 1000 markets' figures; another agency's are refused (`not_lead_agency`)."))]
pub async fn batch_statistics(call: Call, q: Query<BatchQuery>, body: Body) -> Reply {
    call.batch(q.0, &body.0, STORE_BATCH).await
}

/// Stores a batch of markets' statistics, each upserted by commune, market and period, set-wise — the batch endpoint's work, and an import job's on each chunk of a
/// file.
pub(crate) const STORE_BATCH: batch::Apply = |c, author, items, atomic| {
    let all = |c: &mut _, actor: &_, writer: &_, items: &[&MarketStatisticsInput]| {
        market_statistics::upsert_many(c, actor, writer, items)
    };
    batch::set(c, author, items, atomic, all, |c, actor, writer, input: MarketStatisticsInput| {
        market_statistics::upsert(c, actor, writer, &input)
    })
};

/// Lists the changes to one market's figures.
#[utoipa::path(get, path = "/api/v1/market-statistics/{id}/history", tag = TAG, operation_id = "get_market_statistics_history",
    params(IdPath, PageQuery), responses(History), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn statistics_history(call: Call, id: web::Path<IdPath>, q: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of(market_statistics::ENTITY)?;
    let lookup = id.clone();
    call.history(market_statistics::ENTITY, id, q.0, move |c, _| market_statistics::get(c, &lookup)).await
}

/// Lists the fraud reports the caller may see (its own; DOST: all), oldest first.
#[utoipa::path(get, path = "/api/v1/measurement-fraud-reports", tag = TAG, operation_id = "list_measurement_fraud_reports",
    params(PageQuery), responses(Listed<FraudReportPage>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn list_fraud(call: Call, paging: Query<PageQuery>) -> Reply {
    let load = move |c: &mut _, r: &_, after, limit| fraud_reports::list(c, r, after, limit);
    call.page(paging.0, load, |items, next_cursor| FraudReportPage { items, next_cursor }).await
}

/// Reports measurement fraud to DOST (seed 000 Art. 12.2.b): restricted to the reporting agency
/// and DOST.
#[utoipa::path(post, path = "/api/v1/measurement-fraud-reports", tag = TAG, operation_id = "create_measurement_fraud_report",
    request_body = FraudReportInput, security(("bearer" = [SURVEILLANCE_WRITE])), responses(Created<FraudReport>))]
pub async fn create_fraud(call: Call, body: ValidJson<FraudReportInput>) -> Reply {
    let input = body.0;
    call.create(location!(get_fraud), move |c, actor, writer| fraud_reports::create(c, actor, writer, &input)).await
}

/// Reads one fraud report (the reporting agency and DOST).
#[utoipa::path(get, path = "/api/v1/measurement-fraud-reports/{id}", tag = TAG, operation_id = "get_measurement_fraud_report",
    params(IdPath), responses(Read<FraudReport>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn get_fraud(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(fraud_reports::ENTITY)?;
    call.read(move |c, r| fraud_reports::get(c, r, &id)).await
}

/// Lists prepackaged quantity checks, oldest first.
#[utoipa::path(get, path = "/api/v1/prepackaged-checks", tag = TAG, operation_id = "list_prepackaged_checks",
    params(PrepackagedCheckQuery, PageQuery), responses(Listed<PrepackagedCheckPage>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn list_checks(call: Call, q: Query<PrepackagedCheckQuery>, paging: Query<PageQuery>) -> Reply {
    let (filter, paging) = (q.0, paging.0);
    let load = move |c: &mut _, _: &_, after, limit| prepackaged::list(c, &filter, after, limit);
    call.page(paging, load, |items, next_cursor| PrepackagedCheckPage { items, next_cursor }).await
}

/// Records a check of a lot of prepackaged goods (Circular 21/2014/TT-BKHCN): the sample's mean
/// against the nominal quantity and the packages short beyond the tolerance.
#[utoipa::path(post, path = "/api/v1/prepackaged-checks", tag = TAG, operation_id = "create_prepackaged_check",
    request_body = PrepackagedCheckInput, security(("bearer" = [SURVEILLANCE_WRITE])), responses(Created<PrepackagedCheck>))]
pub async fn create_check(call: Call, body: ValidJson<PrepackagedCheckInput>) -> Reply {
    let input = body.0;
    call.create(location!(get_check), move |c, actor, writer| prepackaged::create(c, actor, writer, &input)).await
}

/// Reads one check.
#[utoipa::path(get, path = "/api/v1/prepackaged-checks/{id}", tag = TAG, operation_id = "get_prepackaged_check",
    params(IdPath), responses(Read<PrepackagedCheck>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn get_check(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(prepackaged::ENTITY)?;
    call.read(move |c, _| prepackaged::get(c, &id)).await
}
