-- Businesses, identified by tax code (mã số thuế), shared by every agency.
CREATE TABLE businesses (
    id             TEXT PRIMARY KEY NOT NULL,
    tax_code       TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    short_name     TEXT,
    address        TEXT,
    commune_code   TEXT,
    sectors        TEXT NOT NULL DEFAULT '[]',
    status         TEXT NOT NULL,
    representative TEXT,
    phone          TEXT,
    email          TEXT,
    search_text    TEXT NOT NULL,
    lead_agency    TEXT NOT NULL REFERENCES agencies (code),
    sharing        TEXT NOT NULL,
    coordinating   TEXT NOT NULL DEFAULT '[]',
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

CREATE INDEX businesses_lead_agency ON businesses (lead_agency, id);
CREATE INDEX businesses_status ON businesses (status, id);
