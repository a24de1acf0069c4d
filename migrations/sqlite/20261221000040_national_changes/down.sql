DROP TABLE national_changes;
