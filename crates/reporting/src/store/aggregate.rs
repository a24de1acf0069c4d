//! The province's aggregate of a request: each indicator summed over the submissions counted, by
//! kind of agency and by agency — what DOST reports to the People's Committee — and its export as
//! the XLSX people open in Excel, or CSV.

use std::collections::BTreeMap;

use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::db::AnyConnection;

use super::{report_requests, submissions};
use crate::model::{AggregateLine, ReportAggregate};

/// The aggregate of request `id` over the submissions the reader may see: submitted and accepted
/// ones, or accepted ones only.
pub fn aggregate(
    conn: &mut AnyConnection,
    reader: &Reader,
    id: &str,
    accepted_only: bool,
) -> Result<ReportAggregate, ApiError> {
    let request = report_requests::load(conn, reader, id)?;
    let counted_states: &[&str] = if accepted_only { &["accepted"] } else { &["submitted", "accepted"] };
    let all = submissions::of_request(conn, reader, id)?;
    let (counted, missing): (Vec<_>, Vec<_>) = all.iter().partition(|s| counted_states.contains(&s.state.as_str()));
    let profiles: BTreeMap<String, (String, Vec<String>)> = tdc_directory::api::all_agencies(conn)?
        .into_iter()
        .map(|a| {
            let sectors = if a.sectors.is_empty() { vec!["(none)".to_owned()] } else { a.sectors.clone() };
            (a.code, (a.kind.as_str().to_owned(), sectors))
        })
        .collect();
    let unknown = ("other".to_owned(), vec!["(none)".to_owned()]);
    let lines = request
        .indicator_defs()
        .into_iter()
        .map(|def| {
            let mut line = AggregateLine {
                code: def.code.clone(),
                name: def.name,
                unit: def.unit,
                total: 0.0,
                by_agency_kind: BTreeMap::new(),
                by_sector: BTreeMap::new(),
                by_agency: BTreeMap::new(),
            };
            for s in &counted {
                let value = s.indicator_values().into_iter().find(|v| v.code == def.code).and_then(|v| v.value);
                line.by_agency.insert(s.lead_agency.clone(), value);
                line.total += value.unwrap_or(0.0);
                let (kind, sectors) = profiles.get(&s.lead_agency).unwrap_or(&unknown);
                *line.by_agency_kind.entry(kind.clone()).or_insert(0.0) += value.unwrap_or(0.0);
                for sector in sectors {
                    *line.by_sector.entry(sector.clone()).or_insert(0.0) += value.unwrap_or(0.0);
                }
            }
            line
        })
        .collect();
    Ok(ReportAggregate {
        request_id: request.id.clone(),
        title: request.title.clone(),
        period: request.period.clone(),
        counted: counted.iter().map(|s| s.lead_agency.clone()).collect(),
        missing: missing.iter().map(|s| s.lead_agency.clone()).collect(),
        lines,
    })
}

/// The aggregate as a table: a header row (agency, then each indicator), one row per agency
/// counted, and the province's total.
fn table(report: &ReportAggregate) -> Vec<Vec<Cell>> {
    let mut header = vec![Cell::Text("Đơn vị / Agency".into())];
    header.extend(report.lines.iter().map(|l| {
        Cell::Text(match &l.unit {
            Some(unit) => format!("{} {} ({unit})", l.code, l.name),
            None => format!("{} {}", l.code, l.name),
        })
    }));
    let mut rows = vec![header];
    for agency in &report.counted {
        let mut row = vec![Cell::Text(agency.clone())];
        row.extend(
            report.lines.iter().map(|l| l.by_agency.get(agency).copied().flatten().map_or(Cell::Empty, Cell::Number)),
        );
        rows.push(row);
    }
    let mut total = vec![Cell::Text("Tổng cộng / Total".into())];
    total.extend(report.lines.iter().map(|l| Cell::Number(l.total)));
    rows.push(total);
    rows
}

/// A cell of the exported table.
enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// The aggregate as an XLSX workbook: one sheet, the title above the table.
pub fn xlsx(report: &ReportAggregate) -> Result<Vec<u8>, ApiError> {
    let fail = |e: rust_xlsxwriter::XlsxError| ApiError::Internal(format!("the workbook: {e}"));
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("Tong hop").map_err(fail)?;
    sheet.write_string_with_format(0, 0, format!("{} — {}", report.title, report.period), &bold).map_err(fail)?;
    for (r, row) in table(report).iter().enumerate() {
        let r = u32::try_from(r + 2).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Text(t) => sheet.write_string(r, c, t).map(|_| ()),
                Cell::Number(n) => sheet.write_number(r, c, *n).map(|_| ()),
                Cell::Empty => Ok(()),
            }
            .map_err(fail)?;
        }
    }
    book.save_to_buffer().map_err(fail)
}

/// The aggregate as CSV: the same table.
pub fn csv(report: &ReportAggregate) -> Result<Vec<u8>, ApiError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in table(report) {
        let fields: Vec<String> = row
            .into_iter()
            .map(|c| match c {
                Cell::Text(t) => t,
                Cell::Number(n) => n.to_string(),
                Cell::Empty => String::new(),
            })
            .collect();
        out.write_record(&fields).map_err(|e| ApiError::Internal(e.to_string()))?;
    }
    out.into_inner().map_err(|e| ApiError::Internal(e.to_string()))
}
