-- Quality surveys of goods on the market (seed 000 Art. 11, seed 003 §II.1.g: at least 20 products
-- a year): the survey (what, how many products, the program target it counts against) through its
-- lifecycle, and its samples — where each was taken (a shop, a market, an online shop), the
-- laboratory that tested it (a conformity body), the standard or regulation it was tested against
-- and its result. A non-conforming sample drafts a warning for the sector agency.
CREATE TABLE quality_surveys (
    id                TEXT PRIMARY KEY NOT NULL,
    year              INTEGER NOT NULL,
    title             TEXT NOT NULL,
    product_group     TEXT NOT NULL,
    category_code     TEXT REFERENCES product_categories (code),
    planned_products  INTEGER NOT NULL CHECK (planned_products > 0),
    program_target_id TEXT REFERENCES program_targets (id),
    state             TEXT NOT NULL CHECK (state IN ('planned', 'sampling', 'completed', 'cancelled')),
    summary           TEXT,
    lead_agency       TEXT NOT NULL REFERENCES agencies (code),
    coordinating      TEXT NOT NULL DEFAULT '[]',
    sharing           TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE INDEX quality_surveys_year ON quality_surveys (year, id);

CREATE TABLE survey_samples (
    id              TEXT PRIMARY KEY NOT NULL,
    survey_id       TEXT NOT NULL REFERENCES quality_surveys (id),
    code            TEXT NOT NULL,
    product_name    TEXT NOT NULL,
    brand           TEXT,
    gtin            TEXT,
    lot             TEXT,
    taken_on        DATE NOT NULL,
    place_kind      TEXT NOT NULL CHECK (place_kind IN ('shop', 'market', 'supermarket', 'online_shop', 'warehouse', 'producer')),
    place           TEXT NOT NULL,
    tax_code        TEXT,
    commune_code    TEXT,
    laboratory_id   TEXT NOT NULL,
    tested_against  TEXT NOT NULL,
    sector_agency   TEXT NOT NULL REFERENCES agencies (code),
    result          TEXT NOT NULL CHECK (result IN ('pending', 'conforming', 'non_conforming')),
    report_number   TEXT,
    findings        TEXT,
    warning_id      TEXT REFERENCES warnings (id),
    lead_agency     TEXT NOT NULL REFERENCES agencies (code),
    coordinating    TEXT NOT NULL DEFAULT '[]',
    sharing         TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE UNIQUE INDEX survey_samples_code ON survey_samples (survey_id, code);
