-- Public consultation: organisations, businesses and individuals comment on a draft without a
-- token. Their comments have no agency; the commenter's name and contact are personal data, and
-- a hash of the source address counts comments for the abuse limit. SQLite cannot drop NOT NULL,
-- so the table is rebuilt.
CREATE TABLE regulation_comments_new (
    id            TEXT PRIMARY KEY NOT NULL,
    regulation_id TEXT NOT NULL REFERENCES technical_regulations (id),
    agency_code   TEXT REFERENCES agencies (code),
    client_id     TEXT NOT NULL,
    clause        TEXT,
    comment       TEXT NOT NULL,
    submitted_at  TIMESTAMP NOT NULL,
    disposition   TEXT,
    response      TEXT,
    answered_by   TEXT,
    answered_at   TIMESTAMP,
    channel       TEXT NOT NULL DEFAULT 'agency',
    commenter     TEXT,
    source_key    TEXT
);
INSERT INTO regulation_comments_new
    (id, regulation_id, agency_code, client_id, clause, comment, submitted_at, disposition, response, answered_by, answered_at)
SELECT id, regulation_id, agency_code, client_id, clause, comment, submitted_at, disposition, response, answered_by, answered_at
FROM regulation_comments;
DROP TABLE regulation_comments;
ALTER TABLE regulation_comments_new RENAME TO regulation_comments;
CREATE INDEX regulation_comments_regulation ON regulation_comments (regulation_id, id);
CREATE INDEX regulation_comments_source ON regulation_comments (regulation_id, source_key, submitted_at);
