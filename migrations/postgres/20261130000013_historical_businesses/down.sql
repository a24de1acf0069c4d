ALTER TABLE businesses DROP COLUMN historical;
