-- Reports DOST asks of the agencies (seed 000 Art. 15, seed 001 Art. 5.2.b, 15; seed 002 §II.3):
-- templates of indicators with their deadlines, the requests for a period (periodic from a
-- template, or ad hoc) and each agency's submission, pre-filled from the change log.
CREATE TABLE report_templates (
    id               TEXT PRIMARY KEY NOT NULL,
    code             TEXT NOT NULL,
    name             TEXT NOT NULL,
    frequency        TEXT NOT NULL CHECK (frequency IN ('quarterly', 'annual')),
    indicators       TEXT NOT NULL,
    due_month_offset INTEGER NOT NULL,
    due_day          INTEGER NOT NULL,
    lead_agency      TEXT NOT NULL REFERENCES agencies (code),
    coordinating     TEXT NOT NULL DEFAULT '[]',
    sharing          TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

CREATE UNIQUE INDEX report_templates_code ON report_templates (code);

CREATE TABLE report_requests (
    id            TEXT PRIMARY KEY NOT NULL,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('periodic', 'ad_hoc')),
    template_code TEXT,
    period        TEXT NOT NULL,
    period_start  DATE NOT NULL,
    period_end    DATE NOT NULL,
    due_on        DATE NOT NULL,
    indicators    TEXT NOT NULL,
    lead_agency   TEXT NOT NULL REFERENCES agencies (code),
    coordinating  TEXT NOT NULL DEFAULT '[]',
    sharing       TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

-- A template's period is asked for once.
CREATE UNIQUE INDEX report_requests_period ON report_requests (template_code, period);

CREATE TABLE report_submissions (
    id              TEXT PRIMARY KEY NOT NULL,
    request_id      TEXT NOT NULL REFERENCES report_requests (id),
    due_on          DATE NOT NULL,
    report_values   TEXT NOT NULL,
    attachment      TEXT,
    state           TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
    submitted_at    TIMESTAMP,
    returned_reason TEXT,
    lead_agency     TEXT NOT NULL REFERENCES agencies (code),
    coordinating    TEXT NOT NULL DEFAULT '[]',
    sharing         TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE UNIQUE INDEX report_submissions_agency ON report_submissions (request_id, lead_agency);
