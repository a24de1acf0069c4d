-- Complaints, denunciations, feedback and recommendations (khiếu nại, tố cáo, phản ánh, kiến nghị;
-- seed 000 Art. 13.1.đ, 13.2.d; seed 001 Art. 10.4.b, 11): taken in by any agency or from the
-- public, routed to the competent agency by rules, transferred (chuyển đơn), due in working days,
-- resolved and the result told to DOST. The person's identity is sealed with a key the database
-- does not hold, in its own table, never in the complaint's row, its history or the feed; each
-- reveal is recorded.
CREATE TABLE complaints (
    id                TEXT PRIMARY KEY NOT NULL,
    ack_number        TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('complaint', 'denunciation', 'feedback', 'recommendation')),
    channel           TEXT NOT NULL CHECK (channel IN ('online', 'hotline', 'agency', 'letter')),
    subject           TEXT NOT NULL,
    description       TEXT NOT NULL,
    product_name      TEXT,
    gtin              TEXT,
    business_tax_code TEXT,
    business_name     TEXT,
    category_code     TEXT,
    sector            TEXT,
    commune_code      TEXT,
    received_on       DATE NOT NULL,
    due_on            DATE NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('received', 'accepted', 'resolved', 'dismissed')),
    transfers         INTEGER NOT NULL DEFAULT 0,
    outcome           TEXT,
    closed_on         DATE,
    has_identity      BOOLEAN NOT NULL DEFAULT FALSE,
    source_key        TEXT,
    lead_agency       TEXT NOT NULL REFERENCES agencies (code),
    coordinating      TEXT NOT NULL DEFAULT '[]',
    sharing           TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);

CREATE UNIQUE INDEX complaints_ack_number ON complaints (ack_number);
CREATE INDEX complaints_lead_agency ON complaints (lead_agency, state, due_on);
CREATE INDEX complaints_source ON complaints (source_key, created_at);

CREATE TABLE complaint_identities (
    complaint_id TEXT PRIMARY KEY NOT NULL REFERENCES complaints (id),
    key_id       TEXT NOT NULL,
    sealed       TEXT NOT NULL
);

CREATE TABLE identity_reveals (
    id           TEXT PRIMARY KEY NOT NULL,
    complaint_id TEXT NOT NULL REFERENCES complaints (id),
    agency_code  TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    reason       TEXT NOT NULL,
    revealed_at  TIMESTAMP NOT NULL
);

CREATE INDEX identity_reveals_complaint ON identity_reveals (complaint_id, id);

-- Which agency a complaint goes to: the most specific rule whose named fields all match.
CREATE TABLE complaint_routes (
    id            TEXT PRIMARY KEY NOT NULL,
    category_code TEXT,
    sector        TEXT,
    commune_code  TEXT,
    agency        TEXT NOT NULL REFERENCES agencies (code),
    created_at    TIMESTAMP NOT NULL
);
