-- Programs and plans: five-year and annual programs (the annual QCĐP plan is one), their tasks
-- and their targets with the actual values agencies report.
CREATE TABLE programs (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    start_year   INTEGER NOT NULL,
    end_year     INTEGER NOT NULL,
    description  TEXT,
    lead_agency  TEXT NOT NULL REFERENCES agencies (code),
    coordinating TEXT NOT NULL DEFAULT '[]',
    sharing      TEXT NOT NULL,
    state        TEXT NOT NULL,
    approval     TEXT,
    search_text  TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

CREATE TABLE program_tasks (
    id                      TEXT PRIMARY KEY NOT NULL,
    program_id              TEXT NOT NULL REFERENCES programs (id),
    title                   TEXT NOT NULL,
    lead_agency             TEXT NOT NULL REFERENCES agencies (code),
    coordinating            TEXT NOT NULL DEFAULT '[]',
    due_date                DATE,
    status                  TEXT NOT NULL,
    technical_regulation_id TEXT,
    note                    TEXT,
    version                 INTEGER NOT NULL DEFAULT 1,
    created_at              TIMESTAMP NOT NULL,
    updated_at              TIMESTAMP NOT NULL
);

CREATE INDEX program_tasks_program ON program_tasks (program_id, id);

CREATE TABLE program_targets (
    id                 TEXT PRIMARY KEY NOT NULL,
    program_id         TEXT NOT NULL REFERENCES programs (id),
    indicator          TEXT NOT NULL,
    unit               TEXT NOT NULL,
    baseline           REAL NOT NULL,
    target_value       REAL NOT NULL,
    aggregation        TEXT NOT NULL,
    responsible_agency TEXT NOT NULL REFERENCES agencies (code),
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);

CREATE INDEX program_targets_program ON program_targets (program_id, id);

CREATE TABLE target_actuals (
    target_id   TEXT NOT NULL REFERENCES program_targets (id),
    period      TEXT NOT NULL,
    value       REAL NOT NULL,
    note        TEXT,
    agency_code TEXT NOT NULL,
    client_id   TEXT NOT NULL,
    reported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (target_id, period)
);
