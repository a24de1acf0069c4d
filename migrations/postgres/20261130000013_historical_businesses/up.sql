-- A business filed under a unit that no longer exists at commune level (a former district) is
-- marked historical: its record describes how it was before the 2025 reorganisation.
ALTER TABLE businesses ADD COLUMN historical BOOLEAN NOT NULL DEFAULT FALSE;
