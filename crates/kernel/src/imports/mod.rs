//! Import jobs: a file of any size — NDJSON, CSV or a JSON array — for a resource that has a batch
//! endpoint (`POST /api/v1/import-jobs?resource=businesses`). The body is streamed to disk, then
//! staged in the database in chunks of at most [`batch::MAX_ITEMS`] rows (`staging`), and the job
//! is answered `202` with its `Location`. A worker on the kernel's job queue — any instance —
//! applies the chunks in order, each in one transaction with its rows' errors and the job's
//! counts (`run`): a crash loses at most the chunk in flight, which is applied again from the
//! start; nothing is half-applied and nothing twice. Each chunk goes through the resource's own
//! batch code ([`batch::Apply`]), so an imported row is checked and stored exactly as a row of a
//! batch is; resources are upserted by their natural keys, so re-running the same file is safe.

pub mod columns;
pub mod http;
mod rows;
mod run;
mod staging;
mod store;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::batch;

pub use run::spawn;
pub use staging::sweep_job;
pub use store::figures;

/// The queue import jobs run on (`GET /api/v1/jobs`).
pub const QUEUE: &str = "import";

/// What a domain offers to import: one resource with a batch endpoint (use [`import!`](crate::import)).
#[derive(Clone)]
pub struct Import {
    /// Its name in `?resource=`: its batch endpoint's path without `/api/v1/` and `/batch`, `/`
    /// read as `-` (`businesses`, `traceability-locations`).
    pub resource: String,
    /// Its batch endpoint's path.
    pub batch_path: String,
    /// The scopes a token needs to import it: its batch endpoint's.
    pub scopes: Vec<String>,
    /// How a CSV row's cells become the fields of the resource's input.
    pub columns: Arc<columns::Columns>,
    /// How a chunk is stored: the batch endpoint's own work.
    pub apply: batch::Apply,
}

impl Import {
    /// The import of the resource whose batch endpoint `P` documents, with input `I`, stored by
    /// `apply`.
    pub fn of<P: utoipa::Path, I: utoipa::ToSchema>(apply: batch::Apply) -> Import {
        let batch_path = P::path();
        let name = batch_path.trim_start_matches("/api/v1/").trim_end_matches("/batch");
        let operation = P::operation();
        let requirements = operation.security.iter().flatten();
        let scopes = requirements.filter_map(crate::routing::access::bearer_scopes).next().unwrap_or_default();
        Import {
            resource: name.replace('/', "-"),
            batch_path,
            scopes,
            columns: Arc::new(columns::Columns::of::<I>()),
            apply,
        }
    }
}

/// The import of a resource: `import!(http::businesses => batch_upsert, BusinessInput)` names the
/// batch endpoint's handler (its annotation gives the path and scopes) and its input type; the
/// chunks are stored by the same module's `STORE_BATCH`.
#[macro_export]
macro_rules! import {
    ($($module:ident)::+ => $handler:ident, $input:ty) => {
        $crate::__pastey::paste! {
            $crate::imports::Import::of::<$($module::)+ [<__path_ $handler>], $input>($($module::)+ STORE_BATCH)
        }
    };
}

/// Every resource that can be imported, by name (application data).
#[derive(Clone, Default)]
pub struct Importers(pub BTreeMap<String, Import>);

impl Importers {
    /// The domains' imports.
    pub fn of(imports: impl IntoIterator<Item = Import>) -> Importers {
        Importers(imports.into_iter().map(|i| (i.resource.clone(), i)).collect())
    }

    /// The names `?resource=` takes.
    pub fn names(&self) -> Vec<&str> {
        self.0.keys().map(String::as_str).collect()
    }
}

/// Where files are spooled and how import jobs run (application data).
#[derive(Debug, Clone)]
pub struct ImportSettings {
    /// The directory a body is spooled to before it is staged (`<data dir>/imports`).
    pub dir: PathBuf,
    /// The largest file accepted, in bytes (413 beyond).
    pub max_bytes: u64,
    /// How long a worker holds a job without progress before another instance may take it up.
    pub lease: Duration,
    /// How often the worker looks for queued jobs (`None`: this instance applies none).
    pub every: Option<Duration>,
}

/// A file's format: from `format`, or from its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ImportFormat {
    /// `application/x-ndjson`: one JSON object per line.
    Ndjson,
    /// `text/csv`: a header row naming the fields, then one row per record.
    Csv,
    /// `application/json`: one JSON array of objects.
    Json,
}

/// Where an import job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ImportStatus {
    /// Staged, waiting for a worker.
    Queued,
    /// Being applied, chunk by chunk.
    Running,
    /// Every row was applied or refused (see `rejected` and the error report).
    Succeeded,
    /// Stopped before the end (see `failure`); the chunks applied before stay applied.
    Failed,
    /// Canceled by `DELETE`; the chunks applied before stay applied.
    Canceled,
}

/// An import job.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportJob {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The resource imported.
    pub resource: String,
    /// The file's format.
    pub format: ImportFormat,
    /// Where the job stands.
    pub status: ImportStatus,
    /// The file's name, as the uploader gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// The SHA-256 of the file, in hex: the same file sent again has the same digest.
    pub file_sha256: String,
    /// The file's size in bytes.
    pub bytes: i64,
    /// Rows in the file.
    pub received: i64,
    /// Rows applied or refused so far.
    pub processed: i64,
    /// Rows stored (created, updated or found unchanged).
    pub accepted: i64,
    /// Rows refused (each in the error report).
    pub rejected: i64,
    /// `processed / received`, from 0 to 1.
    pub progress: f64,
    /// When the job should end at its pace so far (while it runs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated_end_at: Option<DateTime<Utc>>,
    /// Why the job failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
    /// The per-row error report (`?format=csv|ndjson`).
    pub error_report: String,
    /// The API client that sent the file.
    pub client_id: String,
    /// Its agency.
    pub agency_code: String,
    /// When the file was received.
    pub created_at: DateTime<Utc>,
    /// When a worker began applying it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<DateTime<Utc>>,
    /// When it ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<DateTime<Utc>>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl crate::resource::Record for ImportJob {
    fn id(&self) -> &str {
        &self.id
    }
    /// A job's version counts the rows it has processed and whether it has ended.
    fn version(&self) -> i32 {
        let ended = matches!(self.status, ImportStatus::Succeeded | ImportStatus::Failed | ImportStatus::Canceled);
        i32::try_from(self.processed).unwrap_or(i32::MAX - 1).saturating_add(i32::from(ended))
    }
}

/// One line of a job's error report: why a row, or one of its fields, was refused.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportRowError {
    /// The row: for NDJSON its line, for CSV its record after the header (row 1 is the file's
    /// second line), for a JSON array its element, all from 1.
    pub row: i64,
    /// The field, as a JSON pointer into the row's record (empty: the whole row).
    pub pointer: String,
    /// The problem's code (`/problems/{code}` says what it means).
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// Which of the row's lines this is (the report's order within a row).
    #[serde(skip)]
    pub line: i32,
}

/// What `POST /api/v1/import-jobs` takes besides the file.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The resource the file holds (each has a batch endpoint).
    pub resource: String,
    /// The file's name, shown back in the job (at most 200 characters).
    pub file_name: Option<String>,
    /// The file's format, when its media type does not say it (`application/octet-stream`).
    pub format: Option<ImportFormat>,
}

/// Filters of the list of import jobs.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportListQuery {
    /// Only jobs in this state.
    pub status: Option<ImportStatus>,
    /// Only jobs of this resource.
    pub resource: Option<String>,
}

/// The import jobs' figures for the metrics.
#[derive(Debug, Clone, Default)]
pub struct ImportFigures {
    /// Jobs by status.
    pub jobs: Vec<(String, i64)>,
    /// Rows by resource: accepted, rejected.
    pub rows: Vec<(String, i64, i64)>,
}

crate::page!(ImportJobPage of ImportJob, "A page of import jobs.", "The jobs on this page, oldest first.");
