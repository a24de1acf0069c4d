-- The conformity assessment registry: bodies, their registration certificates (each action a
-- version linked to its predecessor), designations for QCĐPs, conformity declarations, and the
-- notifications other provinces are owed.
CREATE TABLE conformity_bodies (
    id                        TEXT PRIMARY KEY NOT NULL,
    tax_code                  TEXT NOT NULL UNIQUE,
    name                      TEXT NOT NULL,
    activities                TEXT NOT NULL,
    fields                    TEXT NOT NULL DEFAULT '[]',
    address                   TEXT,
    commune_code              TEXT,
    accreditation             TEXT,
    accreditation_valid_until DATE,
    sites                     TEXT NOT NULL DEFAULT '[]',
    province_codes            TEXT NOT NULL DEFAULT '[]',
    contact                   TEXT,
    lead_agency               TEXT NOT NULL REFERENCES agencies (code),
    sharing                   TEXT NOT NULL,
    coordinating              TEXT NOT NULL DEFAULT '[]',
    search_text               TEXT NOT NULL,
    version                   INTEGER NOT NULL DEFAULT 1,
    created_at                TIMESTAMP NOT NULL,
    updated_at                TIMESTAMP NOT NULL
);

CREATE TABLE cab_certificates (
    id              TEXT PRIMARY KEY NOT NULL,
    body_id         TEXT NOT NULL REFERENCES conformity_bodies (id),
    number          TEXT NOT NULL UNIQUE,
    activity        TEXT NOT NULL,
    status          TEXT NOT NULL,
    issuing_agency  TEXT NOT NULL,
    first_issued_on DATE NOT NULL,
    valid_until     DATE,
    current_version INTEGER NOT NULL,
    scope           TEXT NOT NULL,
    scope_text      TEXT NOT NULL,
    dossier_ref     TEXT,
    lead_agency     TEXT NOT NULL REFERENCES agencies (code),
    sharing         TEXT NOT NULL,
    coordinating    TEXT NOT NULL DEFAULT '[]',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE INDEX cab_certificates_body ON cab_certificates (body_id, id);

CREATE TABLE cab_certificate_versions (
    id             TEXT PRIMARY KEY NOT NULL,
    certificate_id TEXT NOT NULL REFERENCES cab_certificates (id),
    version_no     INTEGER NOT NULL,
    action         TEXT NOT NULL,
    predecessor_id TEXT,
    number         TEXT NOT NULL,
    status         TEXT NOT NULL,
    effective_from DATE NOT NULL,
    valid_until    DATE,
    scope          TEXT NOT NULL,
    decision       TEXT,
    dossier_ref    TEXT,
    reason         TEXT,
    agency_code    TEXT NOT NULL,
    client_id      TEXT NOT NULL,
    recorded_at    TIMESTAMP NOT NULL,
    UNIQUE (certificate_id, version_no)
);

CREATE TABLE cab_designations (
    id                      TEXT PRIMARY KEY NOT NULL,
    body_id                 TEXT NOT NULL REFERENCES conformity_bodies (id),
    technical_regulation_id TEXT NOT NULL,
    regulation_code         TEXT NOT NULL,
    decision                TEXT NOT NULL,
    scope                   TEXT,
    valid_from              DATE NOT NULL,
    valid_until             DATE,
    status                  TEXT NOT NULL,
    revocation              TEXT,
    lead_agency             TEXT NOT NULL REFERENCES agencies (code),
    sharing                 TEXT NOT NULL,
    coordinating            TEXT NOT NULL DEFAULT '[]',
    version                 INTEGER NOT NULL DEFAULT 1,
    created_at              TIMESTAMP NOT NULL,
    updated_at              TIMESTAMP NOT NULL
);

CREATE TABLE conformity_declarations (
    id                   TEXT PRIMARY KEY NOT NULL,
    kind                 TEXT NOT NULL,
    tax_code             TEXT NOT NULL,
    product_name         TEXT NOT NULL,
    gtin                 TEXT,
    standard_designation TEXT,
    regulation_id        TEXT,
    regulation_code      TEXT,
    basis                TEXT NOT NULL,
    certifying_body_id   TEXT,
    evidence             TEXT,
    receipt_number       TEXT NOT NULL,
    received_on          DATE NOT NULL,
    status               TEXT NOT NULL,
    lead_agency          TEXT NOT NULL REFERENCES agencies (code),
    sharing              TEXT NOT NULL,
    coordinating         TEXT NOT NULL DEFAULT '[]',
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    UNIQUE (lead_agency, receipt_number)
);

CREATE TABLE province_notifications (
    id            TEXT PRIMARY KEY NOT NULL,
    province_code TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    action        TEXT NOT NULL,
    body_id       TEXT NOT NULL,
    summary       TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);

CREATE INDEX province_notifications_province ON province_notifications (province_code, id);
