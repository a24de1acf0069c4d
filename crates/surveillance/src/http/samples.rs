//! `/api/v1/quality-surveys/{id}/samples` and `/api/v1/survey-samples/{id}`: a survey's samples
//! and their results.

use actix_web::web;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, Listed, Read};
use tdc_kernel::resource::{Call, IdPath, Reply};
use tdc_kernel::{Problem, location};

use super::surveys::TAG;
use crate::model::{SampleInput, SampleResultInput, SurveySample, SurveySamplePage};
use crate::scopes::{SURVEILLANCE_READ, SURVEILLANCE_WRITE};
use crate::store::samples::{self as store, ENTITY};

/// Lists a survey's samples, oldest first.
#[utoipa::path(get, path = "/api/v1/quality-surveys/{id}/samples", tag = TAG, operation_id = "list_survey_samples",
    params(IdPath, PageQuery), security(("bearer" = [SURVEILLANCE_READ])),
    responses(Listed<SurveySamplePage>, (status = 404, description = "No such survey.", body = Problem)))]
pub async fn list(call: Call, id: web::Path<IdPath>, paging: Query<PageQuery>) -> Reply {
    let id = id.into_inner().of("quality survey")?;
    let load = move |c: &mut _, r: &_, after, limit| store::list(c, r, &id, after, limit);
    call.page(paging.0, load, |items, next_cursor| SurveySamplePage { items, next_cursor }).await
}

/// Records a sample the survey took (its agency, while it samples): the product, where it was
/// taken — a shop, a market, an online shop — the laboratory (a conformity body that tests), the
/// standard or regulation it is tested against, and the sector agency told if it fails.
#[utoipa::path(post, path = "/api/v1/quality-surveys/{id}/samples", tag = TAG, operation_id = "create_survey_sample",
    params(IdPath), request_body = SampleInput, security(("bearer" = [SURVEILLANCE_WRITE])),
    responses(Created<SurveySample>,
        (status = 403, description = "Only the survey's agency takes its samples (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such survey.", body = Problem),
        (status = 409, description = "The survey is not sampling (`not_sampling`), or its code is taken (`duplicate_key`).", body = Problem)))]
pub async fn create(call: Call, id: web::Path<IdPath>, body: ValidJson<SampleInput>) -> Reply {
    let (id, input) = (id.into_inner().of("quality survey")?, body.0);
    call.create(location!(get), move |c, actor, writer| store::create(c, actor, writer, &id, &input)).await
}

/// Reads one sample.
#[utoipa::path(get, path = "/api/v1/survey-samples/{id}", tag = TAG, operation_id = "get_survey_sample",
    params(IdPath), responses(Read<SurveySample>), security(("bearer" = [SURVEILLANCE_READ])))]
pub async fn get(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(ENTITY)?;
    call.read(move |c, r| store::get(c, r, &id)).await
}

/// Records a sample's test result, once: a `non_conforming` one drafts a warning
/// (`/api/v1/warnings`, state `received`, source `survey`) that the sample's sector agency
/// handles and verifies — in the same transaction — and the sample names it in `warning_id`.
#[utoipa::path(post, path = "/api/v1/survey-samples/{id}/result", tag = TAG, operation_id = "record_survey_sample_result",
    params(IdPath), request_body = SampleResultInput, security(("bearer" = [SURVEILLANCE_WRITE])),
    responses(
        (status = 200, description = "Recorded; the sample.", body = SurveySample),
        (status = 403, description = "Only the survey's agency records results (`not_lead_agency`).", body = Problem),
        (status = 404, description = "No such sample.", body = Problem),
        (status = 409, description = "The result is recorded already (`result_recorded`), or the survey is not sampling (`not_sampling`).", body = Problem),
        (status = 422, description = "`pending` is not a result (`pending`); a non-conforming result needs its `findings` (`required`).", body = Problem),
    ))]
pub async fn result(call: Call, id: web::Path<IdPath>, body: ValidJson<SampleResultInput>) -> Reply {
    let (id, input) = (id.into_inner().of(ENTITY)?, body.0);
    call.write(move |c, actor, writer| store::record_result(c, actor, writer, &id, &input)).await
}
