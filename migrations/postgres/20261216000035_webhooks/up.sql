-- Webhooks (Standard Webhooks): a client's subscription to kinds of change of the feed, pushed to
-- its address and signed with its secret. The secret is sealed with the key in the data
-- directory, never stored in the clear; a rotated one keeps signing beside the new one for a day.
-- `after_seq` is the last change of the feed the dispatcher looked at for the subscription; each
-- delivery is an item of the kernel's job queue (kind `webhook`, key `<subscription>/<seq>`).
CREATE TABLE webhook_subscriptions (
    id              TEXT PRIMARY KEY NOT NULL,
    client_id       TEXT NOT NULL REFERENCES api_clients (client_id),
    url             TEXT NOT NULL,
    event_types     TEXT NOT NULL DEFAULT '[]',
    description     TEXT,
    secret          TEXT NOT NULL,
    previous_secret TEXT,
    previous_until  TIMESTAMPTZ,
    after_seq       BIGINT NOT NULL,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX webhook_subscriptions_client ON webhook_subscriptions (client_id, id);
