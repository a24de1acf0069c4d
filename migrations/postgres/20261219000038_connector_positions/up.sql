-- How far into the change feed a connector has looked (the national TĐC database's): moved only
-- from the value read, in the transaction that enqueues what it sends.
CREATE TABLE connector_positions (
    name       TEXT PRIMARY KEY NOT NULL,
    after_seq  BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
