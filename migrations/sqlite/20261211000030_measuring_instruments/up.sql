-- Measuring instruments in use (seed 000 Art. 12, 13.1.d, 13.4.a, 15.4.a): at markets, shops, fuel
-- stations; their owner (a business, or a household by its owner's personal identification
-- number, which only the recording agency reads whole), where they are, and their verification —
-- the certificate or stamp, the verifying body, until when it holds. Communes keep their markets'
-- registers.
CREATE TABLE measuring_instruments (
    id                 TEXT PRIMARY KEY NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('scale', 'fuel_dispenser', 'water_meter', 'electricity_meter', 'taxi_meter', 'length_measure', 'volume_measure', 'other')),
    serial             TEXT NOT NULL,
    model              TEXT,
    manufacturer       TEXT,
    owner_kind         TEXT NOT NULL CHECK (owner_kind IN ('business', 'household')),
    owner_tax_code     TEXT,
    owner_name         TEXT NOT NULL,
    owner_personal_id  TEXT,
    place              TEXT NOT NULL,
    commune_code       TEXT NOT NULL,
    market             TEXT,
    certificate_number TEXT,
    stamp_number       TEXT,
    verified_on        DATE,
    valid_until        DATE,
    verifying_body     TEXT,
    in_use             BOOLEAN NOT NULL DEFAULT TRUE,
    lead_agency        TEXT NOT NULL REFERENCES agencies (code),
    coordinating       TEXT NOT NULL DEFAULT '[]',
    sharing            TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);

CREATE UNIQUE INDEX measuring_instruments_serial ON measuring_instruments (kind, serial);
CREATE INDEX measuring_instruments_commune ON measuring_instruments (commune_code, valid_until);
CREATE INDEX measuring_instruments_valid_until ON measuring_instruments (valid_until);
