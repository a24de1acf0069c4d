-- The KPI index of the agencies (seed 001 Art. 15.1.b): the components and weights DOST sets for a
-- period and the agencies it ranks; the ranking is computed on request from what was recorded.
CREATE TABLE kpi_schemes (
    id            TEXT PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL,
    period_start  DATE NOT NULL,
    period_end    DATE NOT NULL,
    components    TEXT NOT NULL,
    agencies      TEXT NOT NULL,
    lead_agency   TEXT NOT NULL REFERENCES agencies (code),
    coordinating  TEXT NOT NULL DEFAULT '[]',
    sharing       TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
