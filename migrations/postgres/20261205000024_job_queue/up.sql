-- The hub's database-backed job queue: work items that outlive a request (pushes to the national
-- portal, and later webhooks and import jobs), shared safely by every instance. An item is claimed
-- with a lease; a crash leaves the lease to run out and another instance takes the item up again;
-- a failure is retried with a growing delay until it is given up as dead (the dead-letter list).
CREATE TABLE queued_jobs (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL,
    item_key        TEXT NOT NULL,
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'dead')),
    attempts        INTEGER NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    leased_by       TEXT,
    lease_until     TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (kind, item_key)
);

CREATE INDEX queued_jobs_due ON queued_jobs (kind, state, next_attempt_at);
