DROP TABLE epcis_event_ids;
DROP TABLE epcis_events;
DROP TABLE epcis_captures;
