-- Registration certificates record the People's Committee that issued them and its signer
-- (seed 000 Art. 9.1.a) and, once revoked, the revocation; designations lapse with their body's
-- registration; declarations resting on a body that lost it are flagged.
ALTER TABLE cab_certificates ADD COLUMN issuing_authority TEXT NOT NULL DEFAULT '';
ALTER TABLE cab_certificates ADD COLUMN signed_by TEXT;
ALTER TABLE cab_certificates ADD COLUMN revocation TEXT;
ALTER TABLE cab_certificates ADD COLUMN expiry_recorded BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE cab_designations ADD COLUMN lapse TEXT;
ALTER TABLE conformity_declarations ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';
CREATE INDEX cab_certificates_due ON cab_certificates (status, valid_until);
