-- Import jobs: a file of any size (NDJSON, CSV or a JSON array) for a resource that has a batch
-- endpoint, staged in chunks of at most 1,000 rows and applied chunk by chunk, each chunk with its
-- rows' errors and the job's counts in one transaction — so a job interrupted by a crash resumes
-- from its last committed chunk, with nothing half-applied and nothing twice. The job runs on the
-- kernel's job queue (`queued_jobs`, kind `import`), so any instance takes it up.
CREATE TABLE import_jobs (
    id              TEXT PRIMARY KEY NOT NULL,
    resource        TEXT NOT NULL,
    format          TEXT NOT NULL CHECK (format IN ('ndjson', 'csv', 'json')),
    status          TEXT NOT NULL CHECK (status IN ('receiving', 'queued', 'running', 'succeeded', 'failed', 'canceled')),
    client_id       TEXT NOT NULL,
    agency_code     TEXT NOT NULL,
    admin           BOOLEAN NOT NULL,
    idempotency_key TEXT,
    file_name       TEXT,
    file_sha256     TEXT NOT NULL,
    bytes           BIGINT NOT NULL,
    received        BIGINT NOT NULL,
    processed       BIGINT NOT NULL,
    accepted        BIGINT NOT NULL,
    rejected        BIGINT NOT NULL,
    chunks          INTEGER NOT NULL,
    chunks_done     INTEGER NOT NULL,
    failure         TEXT,
    created_at      TIMESTAMP NOT NULL,
    started_at      TIMESTAMP,
    finished_at     TIMESTAMP,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (client_id, idempotency_key)
);

CREATE INDEX import_jobs_by_agency ON import_jobs (agency_code, id);

-- A job's rows not applied yet, a chunk at a time: `items` is a JSON array with one element per
-- row from `first_row` (null where the row could not be read; `errors` says why).
CREATE TABLE import_chunks (
    job_id    TEXT NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    first_row BIGINT NOT NULL,
    items     TEXT NOT NULL,
    errors    TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- Why each refused row was refused: one line per field (`n` numbers a row's lines).
CREATE TABLE import_errors (
    job_id  TEXT NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    row_no  BIGINT NOT NULL,
    n       INTEGER NOT NULL,
    pointer TEXT NOT NULL,
    code    TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (job_id, row_no, n)
);
