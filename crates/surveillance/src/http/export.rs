//! `…/export` of warnings, measuring instruments, market statistics, prepackaged checks and
//! complaints: the lists (with their filters and
//! their readers' view) as CSV or NDJSON, streamed; a filter is checked (400) before the stream
//! begins. A complaint's export holds no identity.

use tdc_kernel::Problem;
use tdc_kernel::export::{self, ExportQuery, Sheet};
use tdc_kernel::extract::Query;
use tdc_kernel::names::name_of;
use tdc_kernel::resource::{AnyCall, Call, Reply};

use crate::model::{
    Complaint, ComplaintListQuery, InstrumentListQuery, MarketStatistics, MarketStatisticsQuery, MeasuringInstrument,
    PrepackagedCheck, PrepackagedCheckQuery, Warning, WarningListQuery,
};
use crate::scopes::SURVEILLANCE_READ;
use crate::store::{complaints, instruments, market_statistics, prepackaged, warnings};

fn text(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

const WARNING_HEADER: &[&str] = &[
    "id",
    "lead_agency",
    "title",
    "product_name",
    "brand",
    "gtin",
    "lots",
    "hazards",
    "risk_level",
    "source_kind",
    "reported_by",
    "state",
    "published_at",
    "resolved_at",
    "measures",
];

fn warning_row(w: &Warning) -> Vec<String> {
    vec![
        w.record.id.clone(),
        w.record.lead_agency.clone(),
        w.title.clone(),
        w.product.name.clone(),
        text(&w.product.brand),
        text(&w.product.gtin),
        w.product.lots.join("; "),
        w.hazards.iter().map(|h| name_of(*h)).collect::<Vec<_>>().join("; "),
        name_of(w.risk_level),
        name_of(w.source.kind),
        w.reported_by.clone(),
        name_of(w.state),
        w.published_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        w.resolved_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        w.measures.iter().map(|m| name_of(m.kind)).collect::<Vec<_>>().join("; "),
    ]
}

const INSTRUMENT_HEADER: &[&str] = &[
    "id",
    "lead_agency",
    "kind",
    "serial",
    "model",
    "owner_kind",
    "owner_tax_code",
    "owner_name",
    "place",
    "commune_code",
    "market",
    "certificate_number",
    "stamp_number",
    "verified_on",
    "valid_until",
    "verifying_body",
    "in_use",
    "status",
];

fn instrument_row(i: &MeasuringInstrument) -> Vec<String> {
    vec![
        i.record.id.clone(),
        i.record.lead_agency.clone(),
        name_of(i.kind),
        i.serial.clone(),
        text(&i.model),
        name_of(i.owner_kind),
        text(&i.owner_tax_code),
        i.owner_name.clone(),
        i.place.clone(),
        i.commune_code.clone(),
        text(&i.market),
        text(&i.certificate_number),
        text(&i.stamp_number),
        day(i.verified_on),
        day(i.valid_until),
        text(&i.verifying_body),
        i.in_use.to_string(),
        name_of(i.status),
    ]
}

const COMPLAINT_HEADER: &[&str] = &[
    "id",
    "ack_number",
    "lead_agency",
    "kind",
    "channel",
    "subject",
    "business_tax_code",
    "category_code",
    "commune_code",
    "received_on",
    "due_on",
    "overdue",
    "state",
    "transfers",
    "closed_on",
];

fn complaint_row(c: &Complaint) -> Vec<String> {
    vec![
        c.record.id.clone(),
        c.ack_number.clone(),
        c.record.lead_agency.clone(),
        name_of(c.kind),
        name_of(c.channel),
        c.subject.clone(),
        text(&c.business_tax_code),
        text(&c.category_code),
        text(&c.commune_code),
        c.received_on.to_string(),
        c.due_on.to_string(),
        c.overdue.to_string(),
        name_of(c.state),
        c.transfers.to_string(),
        day(c.closed_on),
    ]
}

/// Exports the warnings the caller may see (the public: the published ones), with the list's
/// filters, as CSV (default) or NDJSON, streamed.
#[utoipa::path(get, path = "/api/v1/warnings/export", tag = "Warnings", operation_id = "export_warnings",
    params(WarningListQuery, ExportQuery), security((), ("bearer" = [SURVEILLANCE_READ])),
    responses(
        (status = 200, description = "Every matching warning: `text/csv` with a header row, or `application/x-ndjson`.", content((String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, description = "A parameter could not be read.", body = Problem),
        (status = 401, description = "A token was sent and is not valid (`unauthorized`).", body = Problem),
    ))]
pub async fn warnings(call: AnyCall, q: Query<WarningListQuery>, f: Query<ExportQuery>) -> Reply {
    let (filter, reader) = (q.0, call.reader());
    let (checked, r) = (filter.clone(), reader.clone());
    tdc_kernel::db::read(&call.pool, move |c| warnings::list(c, &r, &checked, None, 0)).await?;
    let sheet =
        Sheet { name: "warnings", header: WARNING_HEADER, row: warning_row, key: |w: &Warning| w.record.id.clone() };
    let load = move |c: &mut _, after, limit| warnings::list(c, &reader, &filter, after, limit);
    Ok(export::stream(call.pool, f.0.format.unwrap_or_default(), sheet, load))
}

/// Exports measuring instruments — a commune's register — with the list's filters, as CSV
/// (default) or NDJSON, streamed (a household owner's number as the caller may see it).
#[utoipa::path(get, path = "/api/v1/measuring-instruments/export", tag = "Metrology", operation_id = "export_measuring_instruments",
    params(InstrumentListQuery, ExportQuery), security(("bearer" = [SURVEILLANCE_READ])),
    responses(
        (status = 200, description = "Every matching instrument: `text/csv` with a header row, or `application/x-ndjson`.", content((String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, description = "A parameter could not be read.", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
    ))]
pub async fn instruments(call: Call, q: Query<InstrumentListQuery>, f: Query<ExportQuery>) -> Reply {
    let (filter, reader) = (q.0, call.reader());
    let (checked, r) = (filter.clone(), reader.clone());
    tdc_kernel::db::read(&call.pool, move |c| instruments::list(c, &r, &checked, None, 0)).await?;
    let sheet = Sheet {
        name: "measuring-instruments",
        header: INSTRUMENT_HEADER,
        row: instrument_row,
        key: |i: &MeasuringInstrument| i.record.id.clone(),
    };
    let load = move |c: &mut _, after, limit| instruments::list(c, &reader, &filter, after, limit);
    Ok(export::stream(call.pool, f.0.format.unwrap_or_default(), sheet, load))
}

/// Exports the complaints the caller's agency handles or coordinates, with the list's filters, as
/// CSV (default) or NDJSON, streamed — never a person's identity.
#[utoipa::path(get, path = "/api/v1/complaints/export", tag = "Complaints", operation_id = "export_complaints",
    params(ComplaintListQuery, ExportQuery), security(("bearer" = [SURVEILLANCE_READ])),
    responses(
        (status = 200, description = "Every matching complaint: `text/csv` with a header row, or `application/x-ndjson`.", content((String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, description = "A parameter could not be read.", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
    ))]
pub async fn complaints(call: Call, q: Query<ComplaintListQuery>, f: Query<ExportQuery>) -> Reply {
    let (filter, reader) = (q.0, call.reader());
    let sheet = Sheet {
        name: "complaints",
        header: COMPLAINT_HEADER,
        row: complaint_row,
        key: |c: &Complaint| c.record.id.clone(),
    };
    let load = move |c: &mut _, after, limit| complaints::list(c, &reader, &filter, after, limit);
    Ok(export::stream(call.pool, f.0.format.unwrap_or_default(), sheet, load))
}

const STATISTICS_HEADER: &[&str] = &[
    "id",
    "lead_agency",
    "commune_code",
    "market",
    "period",
    "stalls",
    "instruments_in_use",
    "instruments_verified",
    "verified_percent",
    "instruments_checked",
    "violations",
];

fn statistics_row(m: &MarketStatistics) -> Vec<String> {
    vec![
        m.record.id.clone(),
        m.record.lead_agency.clone(),
        m.commune_code.clone(),
        m.market.clone(),
        m.period.clone(),
        m.stalls.to_string(),
        m.instruments_in_use.to_string(),
        m.instruments_verified.to_string(),
        m.verified_percent.map(|p| p.to_string()).unwrap_or_default(),
        m.instruments_checked.to_string(),
        m.violations.to_string(),
    ]
}

const CHECK_HEADER: &[&str] = &[
    "id",
    "lead_agency",
    "checked_on",
    "product_name",
    "gtin",
    "lot",
    "tax_code",
    "commune_code",
    "nominal_quantity",
    "unit",
    "sample_size",
    "mean_quantity",
    "packages_short",
    "result",
];

fn check_row(c: &PrepackagedCheck) -> Vec<String> {
    vec![
        c.record.id.clone(),
        c.record.lead_agency.clone(),
        c.checked_on.to_string(),
        c.product_name.clone(),
        text(&c.gtin),
        text(&c.lot),
        text(&c.tax_code),
        text(&c.commune_code),
        c.nominal_quantity.to_string(),
        c.unit.clone(),
        c.sample_size.to_string(),
        c.mean_quantity.to_string(),
        c.packages_short.to_string(),
        name_of(c.result),
    ]
}

/// Exports the markets' figures with the list's filters (a commune's, a period's), as CSV
/// (default) or NDJSON, streamed.
#[utoipa::path(get, path = "/api/v1/market-statistics/export", tag = "Metrology", operation_id = "export_market_statistics",
    params(MarketStatisticsQuery, ExportQuery), security(("bearer" = [SURVEILLANCE_READ])),
    responses(
        (status = 200, description = "Every matching market's figures: `text/csv` with a header row, or `application/x-ndjson`.", content((String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, description = "A parameter could not be read.", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
    ))]
pub async fn statistics(call: Call, q: Query<MarketStatisticsQuery>, f: Query<ExportQuery>) -> Reply {
    let filter = q.0;
    let sheet = Sheet {
        name: "market-statistics",
        header: STATISTICS_HEADER,
        row: statistics_row,
        key: |m: &MarketStatistics| m.record.id.clone(),
    };
    let load = move |c: &mut _, after, limit| market_statistics::list(c, &filter, after, limit);
    Ok(export::stream(call.pool, f.0.format.unwrap_or_default(), sheet, load))
}

/// Exports prepackaged quantity checks with the list's filters, as CSV (default) or NDJSON,
/// streamed.
#[utoipa::path(get, path = "/api/v1/prepackaged-checks/export", tag = "Metrology", operation_id = "export_prepackaged_checks",
    params(PrepackagedCheckQuery, ExportQuery), security(("bearer" = [SURVEILLANCE_READ])),
    responses(
        (status = 200, description = "Every matching check: `text/csv` with a header row, or `application/x-ndjson`.", content((String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, description = "A parameter could not be read.", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
    ))]
pub async fn checks(call: Call, q: Query<PrepackagedCheckQuery>, f: Query<ExportQuery>) -> Reply {
    let filter = q.0;
    let sheet = Sheet {
        name: "prepackaged-checks",
        header: CHECK_HEADER,
        row: check_row,
        key: |c: &PrepackagedCheck| c.record.id.clone(),
    };
    let load = move |c: &mut _, after, limit| prepackaged::list(c, &filter, after, limit);
    Ok(export::stream(call.pool, f.0.format.unwrap_or_default(), sheet, load))
}
