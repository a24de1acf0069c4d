-- The standards catalogue: national (TCVN), international, regional and foreign standards that
-- local technical regulations cite.
CREATE TABLE standards (
    id              TEXT PRIMARY KEY NOT NULL,
    designation     TEXT NOT NULL,
    designation_key TEXT NOT NULL UNIQUE,
    issuing_body    TEXT NOT NULL,
    year            INTEGER,
    title_vi        TEXT,
    title_en        TEXT,
    status          TEXT NOT NULL,
    replaced_by     TEXT,
    ics_codes       TEXT NOT NULL DEFAULT '[]',
    search_text     TEXT NOT NULL,
    lead_agency     TEXT NOT NULL REFERENCES agencies (code),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE INDEX standards_status ON standards (status, designation_key);
