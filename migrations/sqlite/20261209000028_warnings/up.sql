-- Rapid warnings on unsafe or non-conforming goods (seed 001 Art. 10.1.h): the product and its
-- lots, the hazard and its risk, where the warning came from, the measures with their deadlines,
-- its lifecycle (received, verified, published, measures under way, resolved, or rejected), and
-- the other agencies' follow-up reactions. A warning is public once published.
CREATE TABLE warnings (
    id                 TEXT PRIMARY KEY NOT NULL,
    title              TEXT NOT NULL,
    product_name       TEXT NOT NULL,
    brand              TEXT,
    gtin               TEXT,
    lots               TEXT NOT NULL DEFAULT '[]',
    category_code      TEXT REFERENCES product_categories (code),
    photos             TEXT NOT NULL DEFAULT '[]',
    hazards            TEXT NOT NULL,
    hazard_description TEXT NOT NULL,
    risk_level         TEXT NOT NULL CHECK (risk_level IN ('serious', 'high', 'medium', 'low')),
    source_kind        TEXT NOT NULL CHECK (source_kind IN ('inspection', 'survey', 'consumer_association', 'hotline', 'other_province', 'ministry')),
    source_reference   TEXT,
    source_party       TEXT,
    test_report        TEXT,
    reported_by        TEXT NOT NULL REFERENCES agencies (code),
    measures           TEXT NOT NULL DEFAULT '[]',
    state              TEXT NOT NULL CHECK (state IN ('received', 'verified', 'published', 'measures_under_way', 'resolved', 'rejected')),
    published_at       TIMESTAMP,
    resolved_at        TIMESTAMP,
    outcome            TEXT,
    lead_agency        TEXT NOT NULL REFERENCES agencies (code),
    coordinating       TEXT NOT NULL DEFAULT '[]',
    sharing            TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);

CREATE INDEX warnings_state ON warnings (state, id);
CREATE INDEX warnings_gtin ON warnings (gtin, id);
CREATE INDEX warnings_published ON warnings (published_at);

-- What other agencies found and did about a published warning ("found in 3 shops in our sector,
-- withdrawn"); the reacting agency leads its reaction and the warning's lead coordinates it.
CREATE TABLE warning_reactions (
    id                 TEXT PRIMARY KEY NOT NULL,
    warning_id         TEXT NOT NULL REFERENCES warnings (id),
    reacted_on         DATE NOT NULL,
    outlets_checked    INTEGER NOT NULL CHECK (outlets_checked >= 0),
    outlets_found      INTEGER NOT NULL CHECK (outlets_found >= 0),
    quantity_withdrawn REAL,
    unit               TEXT,
    measure            TEXT NOT NULL CHECK (measure IN ('withdrawn', 'recalled', 'sale_banned', 'destroyed', 'none_needed', 'other')),
    note               TEXT NOT NULL,
    lead_agency        TEXT NOT NULL REFERENCES agencies (code),
    coordinating       TEXT NOT NULL DEFAULT '[]',
    sharing            TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);

CREATE INDEX warning_reactions_warning ON warning_reactions (warning_id, id);
