-- Instants (created, updated, recorded, expiring) as `timestamptz`: a moment, not a wall-clock
-- reading, so a report or a connector reading the database directly in Hà Nội's time zone gets
-- the right hour. The hub reads and writes them in UTC (every connection sets its time zone to
-- UTC); with the session in UTC the change rewrites no table (PostgreSQL 12+). Dates stay `date`.
SET LOCAL TIME ZONE 'UTC';
ALTER TABLE administrative_units ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE agencies ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE api_clients ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN secret_rotated_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE businesses ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE cab_certificate_versions ALTER COLUMN recorded_at TYPE TIMESTAMPTZ;
ALTER TABLE cab_certificates ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE cab_designations ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE changes ALTER COLUMN at TYPE TIMESTAMPTZ;
ALTER TABLE conformity_bodies ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE conformity_declarations ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE idempotency_keys ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN expires_at TYPE TIMESTAMPTZ;
ALTER TABLE product_categories ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE products ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE program_targets ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE program_tasks ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE programs ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE province_notifications ALTER COLUMN created_at TYPE TIMESTAMPTZ;
ALTER TABLE regulation_comments ALTER COLUMN answered_at TYPE TIMESTAMPTZ, ALTER COLUMN submitted_at TYPE TIMESTAMPTZ;
ALTER TABLE standards ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE target_actuals ALTER COLUMN reported_at TYPE TIMESTAMPTZ;
ALTER TABLE technical_regulations ALTER COLUMN created_at TYPE TIMESTAMPTZ, ALTER COLUMN updated_at TYPE TIMESTAMPTZ;
ALTER TABLE transitions ALTER COLUMN at TYPE TIMESTAMPTZ;
