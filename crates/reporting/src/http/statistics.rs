//! `GET /api/v1/statistics`: every domain's recorded work counted for a period.

use actix_web::HttpResponse;
use tdc_kernel::extract::Query;
use tdc_kernel::resource::{Call, Reply};
use tdc_kernel::{Problem, db};

use crate::model::{Statistics, StatisticsQuery};
use crate::scopes::REPORTING_READ;
use crate::store::statistics;

/// Counts the changes every agency recorded in a period — inspections concluded, violations,
/// warnings published, complaints resolved, certificates, QCĐPs, surveys, instruments, trainings,
/// coordination replies… — by entity and action, grouped by agency, kind of agency, sector or
/// month: the dashboard's figures and the People's Committee's. Counts, never records: every
/// change is counted whoever may read it.
#[utoipa::path(get, path = "/api/v1/statistics", tag = "Reports", operation_id = "get_statistics",
    params(StatisticsQuery), security(("bearer" = [REPORTING_READ])),
    responses(
        (status = 200, description = "The counts.", body = Statistics),
        (status = 400, description = "A missing or malformed period (`malformed_request`).", body = Problem),
    ))]
pub async fn get(call: Call, q: Query<StatisticsQuery>) -> Reply {
    let query = q.0;
    let found = db::read(&call.pool, move |c| statistics::statistics(c, &query)).await?;
    Ok(HttpResponse::Ok().json(found))
}
