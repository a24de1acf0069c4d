-- Every committed change, in commit order: the history of each record and the change feed.
CREATE TABLE changes (
    seq          BIGINT PRIMARY KEY NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    action       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    at           TIMESTAMP NOT NULL,
    client_id    TEXT NOT NULL,
    agency_code  TEXT NOT NULL,
    lead_agency  TEXT NOT NULL,
    sharing      TEXT NOT NULL,
    coordinating TEXT NOT NULL DEFAULT '[]',
    before_data  TEXT,
    after_data   TEXT
);

CREATE INDEX changes_entity_seq ON changes (entity, entity_id, seq);
CREATE INDEX changes_entity_kind_seq ON changes (entity, seq);
