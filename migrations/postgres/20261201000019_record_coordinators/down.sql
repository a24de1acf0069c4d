DROP TRIGGER changes_keep_coordinators_updated ON changes;
DROP TRIGGER changes_keep_coordinators_inserted ON changes;
DROP FUNCTION keep_record_coordinators();
DROP TABLE record_coordinators;
