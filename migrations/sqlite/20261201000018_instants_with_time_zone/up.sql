-- SQLite has no time zone type: its instants stay ISO 8601 text in UTC, as the hub writes them.
-- Kept so both trees hold the same migrations.
SELECT 1;
