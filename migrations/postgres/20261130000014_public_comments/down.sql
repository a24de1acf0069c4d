DROP INDEX regulation_comments_source;
DELETE FROM regulation_comments WHERE agency_code IS NULL;
ALTER TABLE regulation_comments DROP COLUMN source_key;
ALTER TABLE regulation_comments DROP COLUMN commenter;
ALTER TABLE regulation_comments DROP COLUMN channel;
ALTER TABLE regulation_comments ALTER COLUMN agency_code SET NOT NULL;
