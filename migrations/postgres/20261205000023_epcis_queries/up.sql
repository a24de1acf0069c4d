-- EPCIS named queries (the REST binding's /queries): a view on the events that an agency's system
-- defines once with the EPCIS query language and runs by its name.
CREATE TABLE epcis_queries (
    name        TEXT PRIMARY KEY NOT NULL,
    query       TEXT NOT NULL,
    agency_code TEXT NOT NULL REFERENCES agencies (code),
    client_id   TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
