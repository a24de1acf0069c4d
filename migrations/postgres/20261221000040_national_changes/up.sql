-- The national TĐC database's own changes, read from its feed when it offers one: each item as
-- received, by the national side's sequence number (the connector's position `national_in`).
CREATE TABLE national_changes (
    seq         BIGINT PRIMARY KEY NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL,
    body        TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);
