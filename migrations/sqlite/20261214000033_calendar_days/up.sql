-- The government's yearly decisions on days off (a weekday off in exchange for a Saturday worked,
-- an extra day off), recorded by DOST's administrators over the days off by law the hub computes.
CREATE TABLE calendar_days (
    day         DATE PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('day_off', 'working_day')),
    reason      TEXT NOT NULL,
    decision    TEXT,
    recorded_by TEXT NOT NULL REFERENCES agencies (code),
    recorded_at TIMESTAMP NOT NULL
);
