DROP INDEX cab_certificates_due;
ALTER TABLE conformity_declarations DROP COLUMN flags;
ALTER TABLE cab_designations DROP COLUMN lapse;
ALTER TABLE cab_certificates DROP COLUMN expiry_recorded;
ALTER TABLE cab_certificates DROP COLUMN revocation;
ALTER TABLE cab_certificates DROP COLUMN signed_by;
ALTER TABLE cab_certificates DROP COLUMN issuing_authority;
