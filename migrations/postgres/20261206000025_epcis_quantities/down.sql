ALTER TABLE epcis_event_ids DROP COLUMN quantity;
