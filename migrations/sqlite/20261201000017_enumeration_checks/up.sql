-- PostgreSQL's CHECK constraints on enumerations have no counterpart here: SQLite cannot add a
-- constraint to an existing table without rebuilding it and its indexes. Here the hub's types
-- alone keep the names known. Kept so both trees hold the same migrations.
SELECT 1;
