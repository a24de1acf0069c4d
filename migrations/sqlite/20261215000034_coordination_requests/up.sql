-- Coordination requests (seed 001 Art. 3.2, 4.3–4.4): a lead agency asks one or more agencies for
-- their part in writing; each answers within 5 working days of receipt unless a specialised law
-- sets another period or the matter needs an in-depth check (recorded with its reason). When the
-- period passes in silence the lead agency may proceed on what it has, the silent agency bearing
-- the delay; disagreements go to DOST, then to the People's Committee, each step with its date.
-- The agencies asked, their deadlines and written replies are part of the record (`addressees`,
-- JSON), so its history shows every reply; two dates drawn from them serve the queries.
CREATE TABLE coordination_requests (
    id              TEXT PRIMARY KEY NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    documents       TEXT NOT NULL DEFAULT '[]',
    related         TEXT NOT NULL DEFAULT '[]',
    addressees      TEXT NOT NULL,
    received_on     DATE NOT NULL,
    -- The earliest deadline of an agency that has not replied (null: every agency replied).
    first_due_on    DATE,
    -- The earliest such deadline whose passing the parties have not been told of yet.
    unnoticed_due_on DATE,
    state           TEXT NOT NULL CHECK (state IN ('open', 'proceeded', 'escalated', 'referred', 'closed', 'withdrawn')),
    proceeded_on    DATE,
    escalated_on    DATE,
    referred_on     DATE,
    closed_on       DATE,
    outcome         TEXT,
    lead_agency     TEXT NOT NULL REFERENCES agencies (code),
    coordinating    TEXT NOT NULL DEFAULT '[]',
    sharing         TEXT NOT NULL CHECK (sharing IN ('public', 'shared', 'restricted')),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

CREATE INDEX coordination_requests_lead ON coordination_requests (lead_agency, state);
CREATE INDEX coordination_requests_first_due ON coordination_requests (state, first_due_on);
CREATE INDEX coordination_requests_unnoticed ON coordination_requests (state, unnoticed_due_on);
