-- Metrology beyond the registers (seed 000 Art. 12, 13.4.a, 15.4.a): each commune's figures per
-- market and period, reports of measurement fraud to DOST (Art. 12.2.b), and checks of
-- prepackaged quantities.
CREATE TABLE market_statistics (
    id                   TEXT PRIMARY KEY NOT NULL,
    commune_code         TEXT NOT NULL,
    market               TEXT NOT NULL,
    period               TEXT NOT NULL,
    stalls               INTEGER NOT NULL CHECK (stalls >= 0),
    instruments_in_use   INTEGER NOT NULL CHECK (instruments_in_use >= 0),
    instruments_verified INTEGER NOT NULL CHECK (instruments_verified >= 0),
    instruments_checked  INTEGER NOT NULL CHECK (instruments_checked >= 0),
    violations           INTEGER NOT NULL CHECK (violations >= 0),
    note                 TEXT,
    lead_agency          TEXT NOT NULL REFERENCES agencies (code),
    coordinating         TEXT NOT NULL DEFAULT '[]',
    sharing              TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);

CREATE UNIQUE INDEX market_statistics_key ON market_statistics (commune_code, market, period);

CREATE TABLE measurement_fraud_reports (
    id                TEXT PRIMARY KEY NOT NULL,
    found_on          DATE NOT NULL,
    offender_kind     TEXT NOT NULL CHECK (offender_kind IN ('business', 'household')),
    offender_tax_code TEXT,
    offender_name     TEXT NOT NULL,
    place             TEXT NOT NULL,
    commune_code      TEXT NOT NULL,
    instrument_kind   TEXT CHECK (instrument_kind IN ('scale', 'fuel_dispenser', 'water_meter', 'electricity_meter', 'taxi_meter', 'length_measure', 'volume_measure', 'other')),
    instrument_serial TEXT,
    description       TEXT NOT NULL,
    measures_taken    TEXT NOT NULL,
    lead_agency       TEXT NOT NULL REFERENCES agencies (code),
    coordinating      TEXT NOT NULL DEFAULT '[]',
    sharing           TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);

CREATE TABLE prepackaged_checks (
    id               TEXT PRIMARY KEY NOT NULL,
    checked_on       DATE NOT NULL,
    product_name     TEXT NOT NULL,
    gtin             TEXT,
    lot              TEXT,
    tax_code         TEXT,
    commune_code     TEXT,
    nominal_quantity REAL NOT NULL,
    unit             TEXT NOT NULL,
    sample_size      INTEGER NOT NULL CHECK (sample_size > 0),
    mean_quantity    REAL NOT NULL,
    packages_short   INTEGER NOT NULL CHECK (packages_short >= 0),
    result           TEXT NOT NULL CHECK (result IN ('conforming', 'non_conforming')),
    note             TEXT,
    lead_agency      TEXT NOT NULL REFERENCES agencies (code),
    coordinating     TEXT NOT NULL DEFAULT '[]',
    sharing          TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

CREATE INDEX prepackaged_checks_tax_code ON prepackaged_checks (tax_code, id);
