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

INSERT INTO record_coordinators (entity, record_id, agency_code)
SELECT DISTINCT latest.entity, latest.entity_id, a.code
FROM (SELECT DISTINCT ON (entity, entity_id) entity, entity_id, coordinating
      FROM changes ORDER BY entity, entity_id, seq DESC) latest,
     jsonb_array_elements_text(latest.coordinating::jsonb) AS a(code);

-- Once per statement over the rows it wrote (a batch's thousand changes in two statements).
CREATE FUNCTION keep_record_coordinators() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM record_coordinators r
    USING (SELECT DISTINCT entity, entity_id FROM written) w
    WHERE r.entity = w.entity AND r.record_id = w.entity_id;
    INSERT INTO record_coordinators (entity, record_id, agency_code)
    SELECT DISTINCT latest.entity, latest.entity_id, a.code
    FROM (SELECT DISTINCT ON (entity, entity_id) entity, entity_id, coordinating
          FROM written WHERE coordinating <> '[]' ORDER BY entity, entity_id, seq DESC) latest,
         jsonb_array_elements_text(latest.coordinating::jsonb) AS a(code);
    RETURN NULL;
END $$;

CREATE TRIGGER changes_keep_coordinators_inserted AFTER INSERT ON changes
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION keep_record_coordinators();
CREATE TRIGGER changes_keep_coordinators_updated AFTER UPDATE ON changes
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION keep_record_coordinators();
