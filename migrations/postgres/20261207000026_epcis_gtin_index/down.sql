DROP INDEX epcis_event_ids_gtin;
CREATE INDEX epcis_event_ids_gtin ON epcis_event_ids (gtin, lot);
