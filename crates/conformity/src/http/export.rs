//! `GET /api/v1/conformity-bodies/export`: the whole registry (or a filtered part) as CSV or
//! NDJSON, streamed page by page so its size does not matter.

use actix_web::{HttpResponse, web};
use futures_util::stream;
use serde::Deserialize;
use tdc_kernel::access::Reader;
use tdc_kernel::db::{self, DbPool};
use tdc_kernel::extract::Query;
use tdc_kernel::resource::{AnyCall, Reply};
use tdc_kernel::{ApiError, Problem};
use utoipa::{IntoParams, ToSchema};

use crate::model::{BodyListQuery, ConformityBody};
use crate::scopes::CONFORMITY_READ;
use crate::store::bodies as store;

/// How many bodies each step of the stream reads.
const CHUNK: i64 = 200;

/// The export's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Comma-separated values with a header row (UTF-8), one body per row.
    #[default]
    Csv,
    /// One JSON body per line.
    Ndjson,
}

/// The export's format parameter.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `csv` (default) or `ndjson`.
    pub format: Option<ExportFormat>,
}

const CSV_HEADER: [&str; 13] = [
    "tax_code",
    "name",
    "activities",
    "fields",
    "address",
    "province_codes",
    "managing_agency",
    "accreditation_number",
    "accreditation_standard",
    "accreditation_valid_until",
    "certificates",
    "certificate_statuses",
    "revocations",
];

fn joined<T: serde::Serialize>(items: &[T]) -> String {
    items.iter().map(crate::store::name_of).collect::<Vec<_>>().join("; ")
}

/// A body's revoked certificates as `number: decision number of date (reason)`, `; `-separated.
fn revocations(b: &ConformityBody) -> String {
    let revoked = b.certificates.iter().filter_map(|c| {
        let r = c.revocation.as_ref()?;
        Some(format!("{}: {} of {} ({})", c.number, r.decision.number, r.decision.date, r.reason))
    });
    revoked.collect::<Vec<_>>().join("; ")
}

fn csv_row(b: &ConformityBody) -> [String; 13] {
    let a = b.accreditation.as_ref();
    [
        b.tax_code.clone(),
        b.name.clone(),
        joined(&b.activities),
        b.fields.join("; "),
        b.address.clone().unwrap_or_default(),
        b.province_codes.join("; "),
        b.managing_agency.clone(),
        a.map(|a| a.number.clone()).unwrap_or_default(),
        a.map(|a| crate::store::name_of(a.standard)).unwrap_or_default(),
        a.map(|a| a.valid_until.to_string()).unwrap_or_default(),
        b.certificates.iter().map(|c| c.number.clone()).collect::<Vec<_>>().join("; "),
        joined(&b.certificates.iter().map(|c| c.status).collect::<Vec<_>>()),
        revocations(b),
    ]
}

fn encode(format: ExportFormat, bodies: &[ConformityBody], header: bool) -> Result<web::Bytes, ApiError> {
    if format == ExportFormat::Ndjson {
        let mut out = Vec::new();
        for b in bodies {
            serde_json::to_writer(&mut out, b).map_err(|e| ApiError::Internal(e.to_string()))?;
            out.push(b'\n');
        }
        return Ok(out.into());
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| ApiError::Internal(e.to_string());
    if header {
        writer.write_record(CSV_HEADER).map_err(fail)?;
    }
    for b in bodies {
        writer.write_record(csv_row(b)).map_err(fail)?;
    }
    writer.into_inner().map(web::Bytes::from).map_err(|e| ApiError::Internal(e.to_string()))
}

/// Exports the registry with the list's filters, as CSV (default) or NDJSON, streamed. Public: no
/// contacts, whoever asks. A failure midway ends the stream early (the response is then incomplete).
#[utoipa::path(
    get, path = "/api/v1/conformity-bodies/export", tag = "Conformity registry", operation_id = "export_conformity_bodies",
    params(BodyListQuery, ExportQuery),
    responses(
        (status = 200, description = "Every matching body: `text/csv` with a header row, or `application/x-ndjson`.", content((String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, description = "A parameter could not be read.", body = Problem),
    ),
    security((), ("bearer" = [CONFORMITY_READ]))
)]
pub async fn export(call: AnyCall, q: Query<BodyListQuery>, f: Query<ExportQuery>) -> Reply {
    let pool = call.pool;
    let format = f.0.format.unwrap_or_default();
    let filter = q.0;
    let chunks = stream::unfold(Some((None, true)), move |state: Option<(Option<String>, bool)>| {
        let (pool, filter) = (pool.clone(), filter.clone());
        async move {
            let (after, first) = state?;
            match fetch(&pool, &filter, after).await {
                Err(e) => Some((Err(e), None)),
                Ok(bodies) => {
                    let full = i64::try_from(bodies.len()).unwrap_or(0) == CHUNK;
                    let next = bodies.last().filter(|_| full).map(|last| (Some(last.id.clone()), false));
                    Some((encode(format, &bodies, first), next))
                }
            }
        }
    });
    let content_type = if format == ExportFormat::Csv { "text/csv; charset=utf-8" } else { "application/x-ndjson" };
    let name = if format == ExportFormat::Csv { "conformity-bodies.csv" } else { "conformity-bodies.ndjson" };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{name}\"")))
        .streaming(chunks))
}

/// One chunk of the registry as the public sees it (exports never carry contacts).
async fn fetch(pool: &DbPool, filter: &BodyListQuery, after: Option<String>) -> Result<Vec<ConformityBody>, ApiError> {
    let filter = filter.clone();
    db::read(pool, move |c| {
        let mut rows = store::list(c, &Reader::Public, &filter, after, CHUNK)?;
        rows.truncate(usize::try_from(CHUNK).unwrap_or(usize::MAX));
        Ok(rows)
    })
    .await
}
