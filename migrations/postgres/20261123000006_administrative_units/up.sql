-- The province, its communes, and the units they replaced (districts abolished 2025-07-01,
-- merged provinces): old codes keep resolving to today's units through successor_codes.
CREATE TABLE administrative_units (
    id              TEXT PRIMARY KEY NOT NULL,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    parent_code     TEXT,
    former_district TEXT,
    former_province TEXT,
    former_province_key TEXT,
    valid_from      DATE,
    valid_to        DATE,
    successor_codes TEXT NOT NULL DEFAULT '[]',
    search_text     TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE INDEX administrative_units_parent ON administrative_units (parent_code, code);
