//! `/api/v1/risk/businesses`: risk-based targeting — one business's score with its explanation,
//! and the ranking that proposes next year's targets.

use actix_web::{HttpResponse, web};
use tdc_kernel::Problem;
use tdc_kernel::db;
use tdc_kernel::extract::Query;
use tdc_kernel::paging::{self, PageQuery};
use tdc_kernel::resource::responses::Listed;
use tdc_kernel::resource::{Call, Reply};

use crate::model::{RiskQuery, RiskRankingPage, RiskRankingQuery, RiskScore};
use crate::rules::RiskRules;
use crate::scopes::INSPECTIONS_READ;
use crate::store::risk as store;

const TAG: &str = "Risk targeting";

/// A business's risk score today (or `on`), from its products' risk class, its recency-weighted
/// violations and the time since its last inspection; `explain=true` shows each factor's weight
/// and contribution, which add up to the score. The weights are configuration.
#[utoipa::path(get, path = "/api/v1/risk/businesses/{tax_code}", tag = TAG, operation_id = "get_business_risk",
    params(("tax_code" = String, Path, description = "The business's tax code."), RiskQuery), security(("bearer" = [INSPECTIONS_READ])),
    responses(
        (status = 200, description = "The score.", body = RiskScore),
        (status = 400, description = "A malformed parameter (`invalid_parameter`).", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
        (status = 404, description = "No such business.", body = Problem),
    ))]
pub async fn business(call: Call, tax: web::Path<String>, q: Query<RiskQuery>, rules: web::Data<RiskRules>) -> Reply {
    let (tax, q, rules) = (tax.into_inner(), q.0, *rules.into_inner());
    let on = q.on.unwrap_or_else(tdc_kernel::calendar::today);
    let explain = q.explain.unwrap_or(false);
    let reader = call.reader();
    let found = db::read(&call.pool, move |c| store::one(c, &reader, &rules, &tax, (on, explain))).await?;
    Ok(HttpResponse::Ok().json(found))
}

/// The businesses with products or violations on record that the caller may see, highest risk first: the targets it
/// proposes for next year's plan.
#[utoipa::path(get, path = "/api/v1/risk/businesses", tag = TAG, operation_id = "rank_business_risks",
    params(RiskRankingQuery, PageQuery), responses(Listed<RiskRankingPage>), security(("bearer" = [INSPECTIONS_READ])))]
pub async fn ranking(
    call: Call,
    q: Query<RiskRankingQuery>,
    page: Query<PageQuery>,
    rules: web::Data<RiskRules>,
) -> Reply {
    let (q, rules) = (q.0, *rules.into_inner());
    let (on, explain) = (q.on.unwrap_or_else(tdc_kernel::calendar::today), q.explain.unwrap_or(false));
    let reader = call.reader();
    let load =
        move |c: &mut _, after, limit| store::ranking(c, &reader, &rules, (on, q.min_score, explain), after, limit);
    let key = |r: &RiskScore| r.rank.unwrap_or(0);
    paging::serve_page(&call.req, &call.pool, page.0, load, key, |items, next_cursor| RiskRankingPage {
        items,
        next_cursor,
    })
    .await
}
