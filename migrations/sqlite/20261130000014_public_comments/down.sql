DELETE FROM regulation_comments WHERE agency_code IS NULL;
CREATE TABLE regulation_comments_old (
    id            TEXT PRIMARY KEY NOT NULL,
    regulation_id TEXT NOT NULL REFERENCES technical_regulations (id),
    agency_code   TEXT NOT NULL REFERENCES agencies (code),
    client_id     TEXT NOT NULL,
    clause        TEXT,
    comment       TEXT NOT NULL,
    submitted_at  TIMESTAMP NOT NULL,
    disposition   TEXT,
    response      TEXT,
    answered_by   TEXT,
    answered_at   TIMESTAMP
);
INSERT INTO regulation_comments_old
SELECT id, regulation_id, agency_code, client_id, clause, comment, submitted_at, disposition, response, answered_by, answered_at
FROM regulation_comments;
DROP TABLE regulation_comments;
ALTER TABLE regulation_comments_old RENAME TO regulation_comments;
CREATE INDEX regulation_comments_regulation ON regulation_comments (regulation_id, id);
