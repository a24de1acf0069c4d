//! `GET /api/v1/inspections/export` and `GET /api/v1/violations/export`: the lists (with their
//! filters) as CSV or NDJSON, streamed.

use tdc_kernel::Problem;
use tdc_kernel::export::{self, ExportQuery, Sheet};
use tdc_kernel::extract::Query;
use tdc_kernel::names::name_of;
use tdc_kernel::resource::{Call, Reply};

use crate::model::{Inspection, InspectionListQuery, SampleResult, Violation, ViolationListQuery};
use crate::scopes::INSPECTIONS_READ;
use crate::store::{inspections, violations};

const INSPECTION_HEADER: &[&str] = &[
    "id",
    "lead_agency",
    "member_agencies",
    "kind",
    "origin",
    "tax_code",
    "category_code",
    "commune_code",
    "period_from",
    "period_to",
    "state",
    "decision_number",
    "decision_date",
    "samples",
    "non_conforming_samples",
    "outcome",
    "concluded_on",
];

fn inspection_row(i: &Inspection) -> Vec<String> {
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    let failed = i.samples.iter().filter(|s| s.result == SampleResult::NonConforming).count();
    vec![
        i.record.id.clone(),
        i.record.lead_agency.clone(),
        i.record.coordinating_agencies.join("; "),
        name_of(i.kind),
        name_of(i.origin),
        text(&i.tax_code),
        text(&i.category_code),
        text(&i.commune_code),
        i.period_from.to_string(),
        i.period_to.to_string(),
        name_of(i.state),
        i.decision.number.clone(),
        i.decision.date.to_string(),
        i.samples.len().to_string(),
        failed.to_string(),
        i.conclusion.as_ref().map(|c| name_of(c.outcome)).unwrap_or_default(),
        i.conclusion.as_ref().map(|c| c.concluded_on.to_string()).unwrap_or_default(),
    ]
}

const VIOLATION_HEADER: &[&str] = &[
    "id",
    "lead_agency",
    "tax_code",
    "offender",
    "product_name",
    "gtin",
    "committed_on",
    "provision_code",
    "state",
    "decision_number",
    "decision_date",
    "fine_vnd",
    "final_on",
    "paid_on",
    "paid_vnd",
    "transferred_from",
];

fn violation_row(v: &Violation) -> Vec<String> {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let sanction = v.sanction.as_ref();
    vec![
        v.record.id.clone(),
        v.record.lead_agency.clone(),
        v.tax_code.clone(),
        name_of(v.offender),
        v.product_name.clone().unwrap_or_default(),
        v.gtin.clone().unwrap_or_default(),
        v.committed_on.to_string(),
        v.provision_code.clone(),
        name_of(v.state),
        sanction.map(|s| s.decision.number.clone()).unwrap_or_default(),
        day(sanction.map(|s| s.decision.date)),
        sanction.map(|s| s.fine_vnd.to_string()).unwrap_or_default(),
        day(v.final_on),
        day(v.paid_on),
        v.paid_vnd.map(|p| p.to_string()).unwrap_or_default(),
        v.transfers.iter().map(|t| t.from_agency.clone()).collect::<Vec<_>>().join("; "),
    ]
}

/// Exports the inspections the caller may see, with the list's filters, as CSV (default) or
/// NDJSON, streamed (the team's names are left out of the CSV).
#[utoipa::path(get, path = "/api/v1/inspections/export", tag = "Inspections", operation_id = "export_inspections",
    params(InspectionListQuery, ExportQuery), security(("bearer" = [INSPECTIONS_READ])),
    responses(
        (status = 200, description = "Every matching inspection: `text/csv` with a header row, or `application/x-ndjson`.", content((String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, description = "A parameter could not be read.", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
    ))]
pub async fn inspections(call: Call, q: Query<InspectionListQuery>, f: Query<ExportQuery>) -> Reply {
    let (filter, reader) = (q.0, call.reader());
    let sheet = Sheet {
        name: "inspections",
        header: INSPECTION_HEADER,
        row: inspection_row,
        key: |i: &Inspection| i.record.id.clone(),
    };
    let load = move |c: &mut _, after, limit| inspections::list(c, &reader, &filter, after, limit);
    Ok(export::stream(call.pool, f.0.format.unwrap_or_default(), sheet, load))
}

/// Exports violations with the list's filters, as CSV (default) or NDJSON, streamed.
#[utoipa::path(get, path = "/api/v1/violations/export", tag = "Violations", operation_id = "export_violations",
    params(ViolationListQuery, ExportQuery), security(("bearer" = [INSPECTIONS_READ])),
    responses(
        (status = 200, description = "Every matching violation: `text/csv` with a header row, or `application/x-ndjson`.", content((String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, description = "A parameter could not be read.", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
    ))]
pub async fn violations(call: Call, q: Query<ViolationListQuery>, f: Query<ExportQuery>) -> Reply {
    let (filter, reader) = (q.0, call.reader());
    let sheet = Sheet {
        name: "violations",
        header: VIOLATION_HEADER,
        row: violation_row,
        key: |v: &Violation| v.record.id.clone(),
    };
    let load = move |c: &mut _, after, limit| violations::list(c, &reader, &filter, after, limit);
    Ok(export::stream(call.pool, f.0.format.unwrap_or_default(), sheet, load))
}
