ALTER TABLE changes DROP COLUMN record_hash;
ALTER TABLE changes DROP COLUMN hash;
