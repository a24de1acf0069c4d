-- PostgreSQL's trigram indexes for search (`q`) have no counterpart here yet: SQLite's FTS5
-- trigram tables would need their own query (MATCH on a shadow table kept by triggers), and the
-- embedded database serves one province's office, where a scan of the folded column answers in
-- milliseconds. Kept so both trees hold the same migrations.
SELECT 1;
