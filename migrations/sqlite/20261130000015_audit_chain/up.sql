-- The tamper-evident audit trail: each change's hash chains it to the change before it (`hash`)
-- and to its record's previous change (`record_hash`). Rows written before have '' until the
-- next write seals them.
ALTER TABLE changes ADD COLUMN hash TEXT NOT NULL DEFAULT '';
ALTER TABLE changes ADD COLUMN record_hash TEXT NOT NULL DEFAULT '';
