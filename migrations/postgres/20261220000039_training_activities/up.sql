-- Training and awareness activities (seed 000 Art. 14, seed 001 Art. 12, seed 003 §II.1.a–đ):
-- classes, seminars, forums, publications and media pieces, counted against program targets.
CREATE TABLE training_activities (
    id                TEXT PRIMARY KEY NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('class', 'seminar', 'forum', 'publication', 'media')),
    title             TEXT NOT NULL,
    topics            TEXT NOT NULL,
    audience          TEXT NOT NULL CHECK (audience IN ('businesses', 'officials', 'consumers', 'public', 'mixed')),
    held_on           DATE NOT NULL,
    ended_on          DATE,
    place             TEXT,
    commune_code      TEXT,
    attendees         INTEGER,
    copies            INTEGER,
    program_target_id TEXT,
    lead_agency       TEXT NOT NULL REFERENCES agencies (code),
    coordinating      TEXT NOT NULL DEFAULT '[]',
    sharing           TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE INDEX training_activities_held_on ON training_activities (held_on);
