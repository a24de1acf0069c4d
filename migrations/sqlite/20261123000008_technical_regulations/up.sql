-- The log of lifecycle moves, for every kind of record with a state machine.
CREATE TABLE transitions (
    id          TEXT PRIMARY KEY NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    position    INTEGER NOT NULL,
    action      TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    details     TEXT NOT NULL,
    agency_code TEXT NOT NULL,
    client_id   TEXT NOT NULL,
    at          TIMESTAMP NOT NULL,
    UNIQUE (entity, entity_id, position)
);

-- Local technical regulations (QCĐP) through their lifecycle.
CREATE TABLE technical_regulations (
    id                  TEXT PRIMARY KEY NOT NULL,
    code                TEXT,
    code_key            TEXT UNIQUE,
    origin              TEXT,
    title_vi            TEXT NOT NULL,
    title_en            TEXT,
    sector              TEXT NOT NULL,
    scope               TEXT,
    lead_agency         TEXT NOT NULL REFERENCES agencies (code),
    coordinating        TEXT NOT NULL DEFAULT '[]',
    sharing             TEXT NOT NULL,
    state               TEXT NOT NULL,
    consultation_opens  DATE,
    consultation_closes DATE,
    effective_date      DATE,
    program_id          TEXT,
    cited_standards     TEXT NOT NULL DEFAULT '[]',
    documents           TEXT NOT NULL DEFAULT '[]',
    lifecycle           TEXT NOT NULL DEFAULT '{}',
    search_text         TEXT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);

CREATE INDEX technical_regulations_state ON technical_regulations (state, id);
CREATE INDEX technical_regulations_origin ON technical_regulations (origin, id);

-- Comments agencies file on a draft under public consultation, and the lead agency's answers.
CREATE TABLE regulation_comments (
    id            TEXT PRIMARY KEY NOT NULL,
    regulation_id TEXT NOT NULL REFERENCES technical_regulations (id),
    agency_code   TEXT NOT NULL REFERENCES agencies (code),
    client_id     TEXT NOT NULL,
    clause        TEXT,
    comment       TEXT NOT NULL,
    submitted_at  TIMESTAMP NOT NULL,
    disposition   TEXT,
    response      TEXT,
    answered_by   TEXT,
    answered_at   TIMESTAMP
);

CREATE INDEX regulation_comments_regulation ON regulation_comments (regulation_id, id);
