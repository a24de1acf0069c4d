-- Agencies and the API clients that act for them.
CREATE TABLE agencies (
    id            TEXT PRIMARY KEY NOT NULL,
    code          TEXT NOT NULL UNIQUE,
    name_vi       TEXT NOT NULL,
    name_en       TEXT,
    kind          TEXT NOT NULL,
    sectors       TEXT NOT NULL DEFAULT '[]',
    contact_email TEXT,
    contact_phone TEXT,
    address       TEXT,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE api_clients (
    client_id         TEXT PRIMARY KEY NOT NULL,
    name              TEXT NOT NULL,
    agency_code       TEXT NOT NULL REFERENCES agencies (code),
    roles             TEXT NOT NULL,
    secret_hash       TEXT NOT NULL,
    disabled          BOOLEAN NOT NULL DEFAULT FALSE,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    secret_rotated_at TIMESTAMP NOT NULL
);

CREATE INDEX api_clients_agency_code ON api_clients (agency_code);
