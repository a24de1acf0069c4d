-- Traceability (seed 000 Art. 10, seed 001 Art. 9, TCVN 12850:2019): GS1 EPCIS 2.0 events as
-- captured, each kept whole (its JSON-LD as sent, with the document's context) beside the columns
-- the standard's queries filter on, and the identifiers it names by role, canonicalised so an EPC
-- URN and its GS1 Digital Link find each other. A capture job is what one capture request became.
CREATE TABLE epcis_captures (
    id              TEXT PRIMARY KEY NOT NULL,
    agency_code     TEXT NOT NULL REFERENCES agencies (code),
    client_id       TEXT NOT NULL,
    error_behaviour TEXT NOT NULL CHECK (error_behaviour IN ('rollback', 'proceed')),
    running         BOOLEAN NOT NULL,
    success         BOOLEAN NOT NULL,
    received        INTEGER NOT NULL,
    stored          INTEGER NOT NULL,
    repeated        INTEGER NOT NULL,
    errors          TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP
);

CREATE INDEX epcis_captures_agency ON epcis_captures (agency_code, created_at);

CREATE TABLE epcis_events (
    event_id      TEXT PRIMARY KEY NOT NULL,
    event_type    TEXT NOT NULL CHECK (event_type IN ('ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent')),
    event_time    TIMESTAMP NOT NULL,
    record_time   TIMESTAMP NOT NULL,
    action        TEXT CHECK (action IN ('ADD', 'OBSERVE', 'DELETE')),
    biz_step      TEXT,
    disposition   TEXT,
    read_point    TEXT,
    biz_location  TEXT,
    declared      BOOLEAN NOT NULL,
    id_assigned   BOOLEAN NOT NULL,
    capture_id    TEXT NOT NULL REFERENCES epcis_captures (id),
    agency_code   TEXT NOT NULL REFERENCES agencies (code),
    context       TEXT NOT NULL,
    body          TEXT NOT NULL
);

CREATE INDEX epcis_events_event_time ON epcis_events (event_time, event_id);
CREATE INDEX epcis_events_record_time ON epcis_events (record_time, event_id);
CREATE INDEX epcis_events_type ON epcis_events (event_type, event_time);
CREATE INDEX epcis_events_biz_step ON epcis_events (biz_step, event_time);
CREATE INDEX epcis_events_disposition ON epcis_events (disposition, event_time);
CREATE INDEX epcis_events_read_point ON epcis_events (read_point, event_time);
CREATE INDEX epcis_events_biz_location ON epcis_events (biz_location, event_time);

CREATE TABLE epcis_event_ids (
    event_id TEXT NOT NULL REFERENCES epcis_events (event_id),
    role     TEXT NOT NULL CHECK (role IN ('epc', 'parent', 'child', 'input', 'output', 'class', 'child_class', 'input_class', 'output_class')),
    value    TEXT NOT NULL,
    gtin     TEXT,
    lot      TEXT,
    PRIMARY KEY (event_id, role, value)
);

CREATE INDEX epcis_event_ids_value ON epcis_event_ids (value, role);
CREATE INDEX epcis_event_ids_gtin ON epcis_event_ids (gtin, lot);
