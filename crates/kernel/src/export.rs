//! Exports: a whole list (or a filtered part) as CSV or NDJSON, streamed chunk by chunk in read
//! transactions so its size does not matter — one way for every domain.

use actix_web::{HttpResponse, web};
use futures_util::stream;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::{self, AnyConnection, DbPool};
use crate::problem::ApiError;

/// How many records each step of the stream reads.
pub const CHUNK: i64 = 200;

/// The export's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Comma-separated values with a header row (UTF-8), one record per row.
    #[default]
    Csv,
    /// One JSON record per line.
    Ndjson,
}

/// The export's format parameter.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `csv` (default) or `ndjson`.
    pub format: Option<ExportFormat>,
}

/// What an export writes of its records: the file's name (without extension), the CSV header and
/// each record's CSV row, and the key a chunk resumes after.
pub struct Sheet<T> {
    /// The file's name, e.g. `conformity-bodies`.
    pub name: &'static str,
    /// The CSV header.
    pub header: &'static [&'static str],
    /// A record's CSV row, in the header's order.
    pub row: fn(&T) -> Vec<String>,
    /// The key the next chunk starts after (the list's keyset key).
    pub key: fn(&T) -> String,
}

fn encode<T: Serialize>(
    sheet: &Sheet<T>,
    format: ExportFormat,
    records: &[T],
    header: bool,
) -> Result<web::Bytes, ApiError> {
    let fail = |e: String| ApiError::Internal(e);
    if format == ExportFormat::Ndjson {
        let mut out = Vec::new();
        for r in records {
            serde_json::to_writer(&mut out, r).map_err(|e| fail(e.to_string()))?;
            out.push(b'\n');
        }
        return Ok(out.into());
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    if header {
        writer.write_record(sheet.header).map_err(|e| fail(e.to_string()))?;
    }
    for r in records {
        writer.write_record((sheet.row)(r)).map_err(|e| fail(e.to_string()))?;
    }
    writer.into_inner().map(web::Bytes::from).map_err(|e| fail(e.to_string()))
}

/// Streams what `load(conn, after, limit)` finds (a list's keyset page: up to `limit` records
/// after the key `after`) as `format`, a chunk of [`CHUNK`] records per read transaction. A
/// failure midway ends the stream early (the response is then incomplete).
pub fn stream<T, F>(pool: web::Data<DbPool>, format: ExportFormat, sheet: Sheet<T>, load: F) -> HttpResponse
where
    T: Serialize + Send + 'static,
    F: Fn(&mut AnyConnection, Option<String>, i64) -> Result<Vec<T>, ApiError> + Clone + Send + 'static,
{
    let sheet = std::sync::Arc::new(sheet);
    let (name, csv) = (sheet.name, format == ExportFormat::Csv);
    let chunks = stream::unfold(Some((None, true)), move |state: Option<(Option<String>, bool)>| {
        let (pool, load, sheet) = (pool.clone(), load.clone(), sheet.clone());
        async move {
            let (after, first) = state?;
            let fetched = db::read(&pool, move |c| {
                let mut rows = load(c, after, CHUNK)?;
                rows.truncate(usize::try_from(CHUNK).unwrap_or(usize::MAX));
                Ok(rows)
            })
            .await;
            match fetched {
                Err(e) => Some((Err(e), None)),
                Ok(records) => {
                    let full = i64::try_from(records.len()).unwrap_or(0) == CHUNK;
                    let next = records.last().filter(|_| full).map(|last| (Some((sheet.key)(last)), false));
                    Some((encode(&sheet, format, &records, first), next))
                }
            }
        }
    });
    let content_type = if csv { "text/csv; charset=utf-8" } else { "application/x-ndjson" };
    let file = format!("{name}.{}", if csv { "csv" } else { "ndjson" });
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{file}\"")))
        .streaming(chunks)
}
