-- Inspections (seed 000 Art. 13, seed 001 Art. 11). Annual inspection plans: each agency's plan
-- lists the businesses or product groups it will inspect, of which kind and when; the provincial
-- inspectorate reviews them for overlaps — the same business planned by two agencies in
-- overlapping periods, or inspected lately — each an overlap case it resolves before the plan
-- may be approved. Inspections: from the decision to the conclusion, with samples and findings.
CREATE TABLE inspection_plans (
    id           TEXT PRIMARY KEY NOT NULL,
    year         INTEGER NOT NULL,
    title        TEXT NOT NULL,
    legal_basis  TEXT NOT NULL,
    origin       TEXT,
    state        TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'reviewed', 'approved', 'amended', 'withdrawn')),
    decision     TEXT,
    item_count   INTEGER NOT NULL,
    lead_agency  TEXT NOT NULL REFERENCES agencies (code),
    coordinating TEXT NOT NULL DEFAULT '[]',
    sharing      TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

CREATE UNIQUE INDEX inspection_plans_title ON inspection_plans (lead_agency, year, title);
CREATE INDEX inspection_plans_year ON inspection_plans (year, id);

CREATE TABLE inspection_plan_items (
    id            TEXT PRIMARY KEY NOT NULL,
    plan_id       TEXT NOT NULL REFERENCES inspection_plans (id),
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('production', 'circulation', 'import', 'e_commerce', 'conformity_body', 'traceability', 'metrology', 'label')),
    tax_code      TEXT,
    category_code TEXT,
    commune_code  TEXT,
    period_from   DATE NOT NULL,
    period_to     DATE NOT NULL,
    note          TEXT,
    CHECK (tax_code IS NOT NULL OR category_code IS NOT NULL),
    CHECK (period_from <= period_to)
);

CREATE INDEX inspection_plan_items_plan ON inspection_plan_items (plan_id, position);
CREATE INDEX inspection_plan_items_business ON inspection_plan_items (tax_code, period_from);

CREATE TABLE inspections (
    id             TEXT PRIMARY KEY NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('production', 'circulation', 'import', 'e_commerce', 'conformity_body', 'traceability', 'metrology', 'label')),
    origin         TEXT NOT NULL CHECK (origin IN ('planned', 'complaint', 'warning', 'request', 'other')),
    plan_item_id   TEXT,
    overlap_id     TEXT,
    trigger_ref    TEXT,
    tax_code       TEXT,
    category_code  TEXT,
    commune_code   TEXT,
    products       TEXT NOT NULL DEFAULT '[]',
    e_commerce     TEXT,
    decision       TEXT NOT NULL,
    team           TEXT NOT NULL DEFAULT '[]',
    period_from    DATE NOT NULL,
    period_to      DATE NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('decided', 'in_progress', 'concluded', 'cancelled')),
    samples        TEXT NOT NULL DEFAULT '[]',
    findings       TEXT,
    conclusion     TEXT,
    concluded_on   DATE,
    documents      TEXT NOT NULL DEFAULT '[]',
    lead_agency    TEXT NOT NULL REFERENCES agencies (code),
    coordinating   TEXT NOT NULL DEFAULT '[]',
    sharing        TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    CHECK (period_from <= period_to)
);

CREATE INDEX inspections_business ON inspections (tax_code, concluded_on);
CREATE INDEX inspections_agency ON inspections (lead_agency, id);
CREATE INDEX inspections_state ON inspections (state, id);

CREATE TABLE inspection_overlaps (
    id              TEXT PRIMARY KEY NOT NULL,
    tax_code        TEXT NOT NULL,
    plan_id         TEXT NOT NULL REFERENCES inspection_plans (id),
    item_id         TEXT NOT NULL,
    agency          TEXT NOT NULL REFERENCES agencies (code),
    other_plan_id   TEXT REFERENCES inspection_plans (id),
    other_item_id   TEXT,
    inspection_id   TEXT REFERENCES inspections (id),
    other_agency    TEXT NOT NULL REFERENCES agencies (code),
    overlap_from    DATE NOT NULL,
    overlap_to      DATE NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    resolution      TEXT CHECK (resolution IN ('joint', 'rescheduled', 'kept_both', 'plan_withdrawn')),
    joint_lead      TEXT REFERENCES agencies (code),
    justification   TEXT,
    resolved_by     TEXT,
    lead_agency     TEXT NOT NULL REFERENCES agencies (code),
    coordinating    TEXT NOT NULL DEFAULT '[]',
    sharing         TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    CHECK ((other_plan_id IS NULL) <> (inspection_id IS NULL))
);

CREATE INDEX inspection_overlaps_business ON inspection_overlaps (tax_code, plan_id, other_plan_id);
CREATE INDEX inspection_overlaps_plan ON inspection_overlaps (plan_id, status);
CREATE INDEX inspection_overlaps_other_plan ON inspection_overlaps (other_plan_id, status);
CREATE INDEX inspection_overlaps_status ON inspection_overlaps (status, id);

-- The catalogue of sanctioning provisions (Decree 119/2017/NĐ-CP as amended by Decree
-- 126/2021/NĐ-CP, and the decrees that replace them): each with the days it was in force, so a
-- violation cites the article that applied on the day it was committed.
CREATE TABLE legal_provisions (
    id             TEXT PRIMARY KEY NOT NULL,
    code           TEXT NOT NULL UNIQUE,
    decree         TEXT NOT NULL,
    amended_by     TEXT NOT NULL DEFAULT '[]',
    article        TEXT NOT NULL,
    title          TEXT NOT NULL,
    fine_min_vnd   BIGINT NOT NULL,
    fine_max_vnd   BIGINT NOT NULL,
    effective_from DATE NOT NULL,
    effective_to   DATE,
    lead_agency    TEXT NOT NULL REFERENCES agencies (code),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    CHECK (fine_min_vnd <= fine_max_vnd)
);

CREATE INDEX legal_provisions_decree ON legal_provisions (decree, code);

-- Imported goods checked lot by lot at the border (seed 000 Art. 13.5, seed 001 Art. 11.5): the
-- customs declaration, the importer, the goods, the inspection regime, the test results and the
-- outcome; violations found name the lot.
CREATE TABLE import_lots (
    id                 TEXT PRIMARY KEY NOT NULL,
    declaration_number TEXT NOT NULL,
    declared_on        DATE NOT NULL,
    customs_agency     TEXT NOT NULL REFERENCES agencies (code),
    importer_tax_code  TEXT NOT NULL,
    origin_country     TEXT NOT NULL,
    goods              TEXT NOT NULL,
    regime             TEXT NOT NULL CHECK (regime IN ('tightened', 'normal', 'reduced')),
    state              TEXT NOT NULL CHECK (state IN ('registered', 'testing', 'passed', 'failed')),
    samples            TEXT NOT NULL DEFAULT '[]',
    outcome            TEXT,
    lead_agency        TEXT NOT NULL REFERENCES agencies (code),
    coordinating       TEXT NOT NULL DEFAULT '[]',
    sharing            TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);

CREATE UNIQUE INDEX import_lots_declaration ON import_lots (customs_agency, declaration_number);
CREATE INDEX import_lots_importer ON import_lots (importer_tax_code, declared_on);

-- Violations found by inspections, their sanctions and remedial measures, and transfers of a
-- case to the competent agency (seed 000 Art. 4.4, seed 001 Art. 13.4).
CREATE TABLE violations (
    id             TEXT PRIMARY KEY NOT NULL,
    inspection_id  TEXT REFERENCES inspections (id),
    import_lot_id  TEXT REFERENCES import_lots (id),
    tax_code       TEXT NOT NULL,
    offender       TEXT NOT NULL CHECK (offender IN ('individual', 'organisation')),
    product_name   TEXT,
    gtin           TEXT,
    committed_on   DATE NOT NULL,
    description    TEXT NOT NULL,
    provision_code TEXT NOT NULL REFERENCES legal_provisions (code),
    state          TEXT NOT NULL CHECK (state IN ('recorded', 'sanctioned', 'final', 'closed')),
    sanction       TEXT,
    fine_vnd       BIGINT,
    final_on       DATE,
    paid_on        DATE,
    paid_vnd       BIGINT,
    transfers      TEXT NOT NULL DEFAULT '[]',
    certificate_id TEXT,
    lead_agency    TEXT NOT NULL REFERENCES agencies (code),
    coordinating   TEXT NOT NULL DEFAULT '[]',
    sharing        TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

CREATE INDEX violations_business ON violations (tax_code, committed_on);
CREATE INDEX violations_product ON violations (gtin);
CREATE INDEX violations_inspection ON violations (inspection_id);
CREATE INDEX violations_agency ON violations (lead_agency, id);

-- Public disclosure of serious violations once the decision is final (seed 001 Art. 11.1.h):
-- what the public may read, written from the violation without personal data (a household
-- business's personal identification number never appears); withdrawn ones leave the public
-- list and feed.
CREATE TABLE disclosures (
    id                TEXT PRIMARY KEY NOT NULL,
    violation_id      TEXT NOT NULL UNIQUE REFERENCES violations (id),
    business_name     TEXT NOT NULL,
    tax_code          TEXT,
    product_name      TEXT,
    gtin              TEXT,
    provision_code    TEXT NOT NULL,
    article           TEXT NOT NULL,
    act               TEXT NOT NULL,
    decision_number   TEXT NOT NULL,
    decision_date     DATE NOT NULL,
    authority         TEXT NOT NULL,
    fine_vnd          BIGINT NOT NULL,
    final_on          DATE NOT NULL,
    published_on      DATE NOT NULL,
    withdrawn_on      DATE,
    withdrawal_reason TEXT,
    lead_agency       TEXT NOT NULL REFERENCES agencies (code),
    coordinating      TEXT NOT NULL DEFAULT '[]',
    sharing           TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);

CREATE INDEX disclosures_public ON disclosures (sharing, id);
