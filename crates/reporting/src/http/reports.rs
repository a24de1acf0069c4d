//! `/api/v1/report-templates` and `/api/v1/report-requests`: what DOST asks of the agencies, who
//! is late, and the province's aggregate, exported as XLSX or CSV.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tdc_kernel::extract::{Query, ValidJson};
use tdc_kernel::paging::PageQuery;
use tdc_kernel::resource::responses::{Created, Listed, Read};
use tdc_kernel::resource::{Call, IdPath, Reply};
use tdc_kernel::{Problem, db, location};
use utoipa::{IntoParams, ToSchema};

use crate::model::{
    AggregateQuery, ReportAggregate, ReportRequest, ReportRequestInput, ReportRequestPage, ReportTemplate,
    ReportTemplateInput, ReportTemplatePage,
};
use crate::scopes::{REPORTING_READ, REPORTING_WRITE};
use crate::store::{aggregate, report_requests, templates};

pub(crate) const TAG: &str = "Reports";

/// Lists the report templates, oldest first.
#[utoipa::path(get, path = "/api/v1/report-templates", tag = TAG, operation_id = "list_report_templates",
    params(PageQuery), responses(Listed<ReportTemplatePage>), security(("bearer" = [REPORTING_READ])))]
pub async fn list_templates(call: Call, paging: Query<PageQuery>) -> Reply {
    let load = |c: &mut _, _: &_, after, limit| templates::list(c, after, limit);
    call.page(paging.0, load, |items, next_cursor| ReportTemplatePage { items, next_cursor }).await
}

/// Records a report template (DOST): its indicators — each computed by the hub from what the
/// agencies recorded, or entered by them — and when its reports are due.
#[utoipa::path(post, path = "/api/v1/report-templates", tag = TAG, operation_id = "create_report_template",
    request_body = ReportTemplateInput, security(("bearer" = [REPORTING_WRITE])), responses(Created<ReportTemplate>))]
pub async fn create_template(call: Call, body: ValidJson<ReportTemplateInput>) -> Reply {
    let input = body.0;
    call.create(location!(get_template), move |c, actor, writer| templates::create(c, actor, writer, &input)).await
}

/// Reads one report template.
#[utoipa::path(get, path = "/api/v1/report-templates/{id}", tag = TAG, operation_id = "get_report_template",
    params(IdPath), responses(Read<ReportTemplate>), security(("bearer" = [REPORTING_READ])))]
pub async fn get_template(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(templates::ENTITY)?;
    call.read(move |c, _| templates::get(c, &id)).await
}

/// Lists the requests for reports, oldest first, each with the progress of the agencies the caller
/// may follow (DOST: every agency asked; an agency: its own).
#[utoipa::path(get, path = "/api/v1/report-requests", tag = TAG, operation_id = "list_report_requests",
    params(PageQuery), responses(Listed<ReportRequestPage>), security(("bearer" = [REPORTING_READ])))]
pub async fn list_requests(call: Call, paging: Query<PageQuery>) -> Reply {
    let load = |c: &mut _, r: &_, after, limit| report_requests::list(c, r, after, limit);
    call.page(paging.0, load, |items, next_cursor| ReportRequestPage { items, next_cursor }).await
}

/// Asks agencies for a report (DOST): periodic — a template and its `period` — or ad hoc — its
/// own indicators, dates and deadline. Each agency's submission is created at once, its computed
/// indicators filled from what the hub holds, so agencies add only what is missing.
#[utoipa::path(post, path = "/api/v1/report-requests", tag = TAG, operation_id = "create_report_request",
    request_body = ReportRequestInput, security(("bearer" = [REPORTING_WRITE])), responses(Created<ReportRequest>))]
pub async fn create_request(call: Call, body: ValidJson<ReportRequestInput>) -> Reply {
    let input = body.0;
    call.create(location!(get_request), move |c, actor, writer| report_requests::create(c, actor, writer, &input)).await
}

/// Reads one request with each agency's progress — who has submitted, who is late — as it stands.
#[utoipa::path(get, path = "/api/v1/report-requests/{id}", tag = TAG, operation_id = "get_report_request",
    params(IdPath), responses(Read<ReportRequest>), security(("bearer" = [REPORTING_READ])))]
pub async fn get_request(call: Call, id: web::Path<IdPath>) -> Reply {
    let id = id.into_inner().of(report_requests::ENTITY)?;
    call.read(move |c, r| report_requests::get(c, r, &id)).await
}

/// The province's aggregate of a request: each indicator summed over the submissions the caller
/// may read (DOST: every agency's), by kind of agency and by agency; who is not counted yet.
#[utoipa::path(get, path = "/api/v1/report-requests/{id}/aggregate", tag = TAG, operation_id = "aggregate_report_request",
    params(IdPath, AggregateQuery), security(("bearer" = [REPORTING_READ])),
    responses(
        (status = 200, description = "The aggregate.", body = ReportAggregate),
        (status = 404, description = "No such request the caller may see.", body = Problem),
    ))]
pub async fn aggregate(call: Call, id: web::Path<IdPath>, q: Query<AggregateQuery>) -> Reply {
    let (id, accepted) = (id.into_inner().of(report_requests::ENTITY)?, q.0.accepted_only == Some(true));
    let reader = call.reader();
    let report = db::read(&call.pool, move |c| aggregate::aggregate(c, &reader, &id, accepted)).await?;
    Ok(HttpResponse::Ok().json(report))
}

/// The format of an exported aggregate.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    /// An Excel workbook (`.xlsx`).
    #[default]
    Xlsx,
    /// Comma-separated values (UTF-8).
    Csv,
}

/// How to export an aggregate.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `xlsx` (default) or `csv`.
    pub format: Option<ReportFormat>,
    /// `true`: only accepted submissions; default: submitted and accepted ones.
    pub accepted_only: Option<bool>,
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Exports the aggregate as the form people open in Excel (one row per agency, one column per
/// indicator, the province's total last), or as CSV.
#[utoipa::path(get, path = "/api/v1/report-requests/{id}/export", tag = TAG, operation_id = "export_report_request",
    params(IdPath, ExportQuery), security(("bearer" = [REPORTING_READ])),
    responses(
        (status = 200, description = "The aggregate as a file.", content(
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv"),
        )),
        (status = 404, description = "No such request the caller may see.", body = Problem),
    ))]
pub async fn export(call: Call, id: web::Path<IdPath>, q: Query<ExportQuery>) -> Reply {
    let id = id.into_inner().of(report_requests::ENTITY)?;
    let (format, accepted, reader) = (q.0.format.unwrap_or_default(), q.0.accepted_only == Some(true), call.reader());
    let report = db::read(&call.pool, move |c| aggregate::aggregate(c, &reader, &id, accepted)).await?;
    let (body, content_type, extension) = match format {
        ReportFormat::Xlsx => (aggregate::xlsx(&report)?, XLSX, "xlsx"),
        ReportFormat::Csv => (aggregate::csv(&report)?, "text/csv; charset=utf-8", "csv"),
    };
    let disposition = format!("attachment; filename=\"report-{}.{extension}\"", report.request_id);
    Ok(HttpResponse::Ok().content_type(content_type).insert_header(("Content-Disposition", disposition)).body(body))
}
