-- Traceability joined to the province's records (issue 14 item 4). A trace location says which
-- business a GS1 Global Location Number (GLN) belongs to — its farm, plant, warehouse or shop — so
-- an event's business location (a GLN, or an SGLN: the GLN and an extension) leads to the business
-- and the agency that leads it. A lot is what the events say of one GTIN and lot number: where and
-- when it was made and how much, its dates from the events' ILMD, when it was first and last seen.
CREATE TABLE trace_locations (
    id           TEXT PRIMARY KEY NOT NULL,
    gln          TEXT NOT NULL UNIQUE,
    tax_code     TEXT NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('farm', 'plant', 'warehouse', 'shop', 'market', 'port', 'office', 'other')),
    address      TEXT,
    commune_code TEXT,
    lead_agency  TEXT NOT NULL REFERENCES agencies (code),
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

CREATE INDEX trace_locations_tax_code ON trace_locations (tax_code, gln);

CREATE TABLE trace_lots (
    epc_class         TEXT PRIMARY KEY NOT NULL,
    gtin              TEXT NOT NULL,
    lot               TEXT NOT NULL,
    produced_at       TIMESTAMP,
    producer_location TEXT,
    quantity          REAL,
    uom               TEXT,
    expiry_date       DATE,
    best_before_date  DATE,
    first_event_id    TEXT NOT NULL,
    first_seen        TIMESTAMP NOT NULL,
    last_seen         TIMESTAMP NOT NULL,
    events            INTEGER NOT NULL
);

CREATE UNIQUE INDEX trace_lots_gtin_lot ON trace_lots (gtin, lot);

-- Who uses barcodes and traceability (seed 001 Art. 9.1.d, seed 002 §II.2): a business's GS1
-- company prefix, its traceability solution, the products it covers and their connection to the
-- national traceability portal, and the stamps issued to it with the subsidy paid per stamp.
CREATE TABLE trace_deployments (
    id                    TEXT PRIMARY KEY NOT NULL,
    tax_code              TEXT NOT NULL UNIQUE,
    gs1_company_prefix    TEXT,
    uses_barcodes         BOOLEAN NOT NULL,
    traceability_solution TEXT,
    portal_connected_on   DATE,
    products              TEXT NOT NULL,
    stamp_issues          TEXT NOT NULL,
    lead_agency           TEXT NOT NULL REFERENCES agencies (code),
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL
);
