DROP INDEX epcis_event_ids_value;
CREATE INDEX epcis_event_ids_value ON epcis_event_ids (value, role);
ALTER TABLE epcis_event_ids DROP COLUMN event_time;
