-- Public consultation: organisations, businesses and individuals comment on a draft without a
-- token. Their comments have no agency; the commenter's name and contact are personal data, and
-- a hash of the source address counts comments for the abuse limit.
ALTER TABLE regulation_comments ALTER COLUMN agency_code DROP NOT NULL;
ALTER TABLE regulation_comments ADD COLUMN channel TEXT NOT NULL DEFAULT 'agency';
ALTER TABLE regulation_comments ADD COLUMN commenter TEXT;
ALTER TABLE regulation_comments ADD COLUMN source_key TEXT;
CREATE INDEX regulation_comments_source ON regulation_comments (regulation_id, source_key, submitted_at);
