-- Which agencies coordinate each record (its `coordinating_agencies`), a row each, so the reading
-- rule finds an agency by index instead of matching JSON text. The database keeps it from the
-- change log: every write records a change carrying its record's access, and a record's earlier
-- changes follow that access, so a record's latest change says who coordinates it.
CREATE TABLE record_coordinators (
    entity      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    agency_code TEXT NOT NULL,
    PRIMARY KEY (entity, record_id, agency_code)
);

INSERT OR IGNORE INTO record_coordinators (entity, record_id, agency_code)
SELECT c.entity, c.entity_id, j.value
FROM changes c, json_each(c.coordinating) j
WHERE c.coordinating <> '[]'
  AND c.seq = (SELECT MAX(l.seq) FROM changes l WHERE l.entity = c.entity AND l.entity_id = c.entity_id);

CREATE TRIGGER changes_keep_coordinators_inserted AFTER INSERT ON changes BEGIN
    DELETE FROM record_coordinators WHERE entity = NEW.entity AND record_id = NEW.entity_id;
    INSERT OR IGNORE INTO record_coordinators (entity, record_id, agency_code)
    SELECT NEW.entity, NEW.entity_id, value FROM json_each(NEW.coordinating);
END;

CREATE TRIGGER changes_keep_coordinators_updated AFTER UPDATE OF coordinating ON changes BEGIN
    DELETE FROM record_coordinators WHERE entity = NEW.entity AND record_id = NEW.entity_id;
    INSERT OR IGNORE INTO record_coordinators (entity, record_id, agency_code)
    SELECT NEW.entity, NEW.entity_id, value FROM json_each(NEW.coordinating);
END;
