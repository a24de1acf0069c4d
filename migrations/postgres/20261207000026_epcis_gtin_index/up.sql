-- A query by a GTIN pattern (`MATCH_epc=urn:epc:idpat:sgtin:…`) looks events up by GTIN alone; the
-- lot beside it in the index sent each capture's rows to pages all over it (a lot per page), so
-- that a commit wrote thousands. By GTIN alone, a capture's rows join the end of their GTIN's run.
DROP INDEX epcis_event_ids_gtin;
CREATE INDEX epcis_event_ids_gtin ON epcis_event_ids (gtin);
