//! `GET /api/v1/conformity-bodies/export`: the whole registry (or a filtered part) as CSV or
//! NDJSON, streamed page by page so its size does not matter.

use tdc_kernel::Problem;
use tdc_kernel::access::Reader;
use tdc_kernel::export::{self, ExportQuery, Sheet};
use tdc_kernel::extract::Query;
use tdc_kernel::resource::{AnyCall, Reply};

use crate::model::{BodyListQuery, ConformityBody};
use crate::scopes::CONFORMITY_READ;
use crate::store::bodies as store;

const CSV_HEADER: &[&str] = &[
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

fn csv_row(b: &ConformityBody) -> Vec<String> {
    let a = b.accreditation.as_ref();
    vec![
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
    let filter = q.0;
    let sheet =
        Sheet { name: "conformity-bodies", header: CSV_HEADER, row: csv_row, key: |b: &ConformityBody| b.id.clone() };
    let load = move |c: &mut _, after, limit| store::list(c, &Reader::Public, &filter, after, limit);
    Ok(export::stream(call.pool, f.0.format.unwrap_or_default(), sheet, load))
}
