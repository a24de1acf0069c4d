-- Enumerations are stored as their names; the database now refuses any other name, so a row
-- written behind the hub's back cannot hold a value its types do not know (the hub reads an
-- unknown one as a failure, never as a default). A NULL passes where the column allows it.
ALTER TABLE businesses ADD CONSTRAINT businesses_sharing_known CHECK (sharing IN ('public', 'shared', 'restricted'));
ALTER TABLE products ADD CONSTRAINT products_sharing_known CHECK (sharing IN ('public', 'shared', 'restricted'));
ALTER TABLE technical_regulations ADD CONSTRAINT technical_regulations_sharing_known CHECK (sharing IN ('public', 'shared', 'restricted'));
ALTER TABLE programs ADD CONSTRAINT programs_sharing_known CHECK (sharing IN ('public', 'shared', 'restricted'));
ALTER TABLE conformity_bodies ADD CONSTRAINT conformity_bodies_sharing_known CHECK (sharing IN ('public', 'shared', 'restricted'));
ALTER TABLE cab_certificates ADD CONSTRAINT cab_certificates_sharing_known CHECK (sharing IN ('public', 'shared', 'restricted'));
ALTER TABLE cab_designations ADD CONSTRAINT cab_designations_sharing_known CHECK (sharing IN ('public', 'shared', 'restricted'));
ALTER TABLE conformity_declarations ADD CONSTRAINT conformity_declarations_sharing_known CHECK (sharing IN ('public', 'shared', 'restricted'));
ALTER TABLE changes ADD CONSTRAINT changes_sharing_known CHECK (sharing IN ('public', 'shared', 'restricted'));
ALTER TABLE businesses ADD CONSTRAINT businesses_status_known CHECK (status IN ('active', 'suspended', 'dissolved'));
ALTER TABLE agencies ADD CONSTRAINT agencies_kind_known CHECK (kind IN ('dost', 'department', 'commune', 'inspectorate', 'customs', 'consumer_association', 'people_committee', 'police', 'other'));
ALTER TABLE administrative_units ADD CONSTRAINT administrative_units_kind_known CHECK (kind IN ('province', 'commune', 'ward', 'special_zone', 'former_district', 'former_commune', 'former_province'));
ALTER TABLE product_categories ADD CONSTRAINT product_categories_risk_class_known CHECK (risk_class IN ('low', 'medium', 'high'));
ALTER TABLE products ADD CONSTRAINT products_risk_override_known CHECK (risk_override IN ('low', 'medium', 'high'));
ALTER TABLE standards ADD CONSTRAINT standards_status_known CHECK (status IN ('current', 'withdrawn', 'replaced'));
ALTER TABLE technical_regulations ADD CONSTRAINT technical_regulations_state_known CHECK (state IN ('proposed', 'planned', 'rejected', 'drafting', 'consultation', 'appraisal', 'appraised', 'ministry_opinion_requested', 'ministry_opinion_received', 'issued', 'registered', 'in_effect', 'replaced', 'repealed', 'withdrawn'));
ALTER TABLE regulation_comments ADD CONSTRAINT regulation_comments_disposition_known CHECK (disposition IN ('accepted', 'partly_accepted', 'not_accepted'));
ALTER TABLE cab_certificates ADD CONSTRAINT cab_certificates_status_known CHECK (status IN ('active', 'suspended', 'revoked', 'expired'));
ALTER TABLE cab_designations ADD CONSTRAINT cab_designations_status_known CHECK (status IN ('active', 'expired', 'lapsed', 'revoked'));
ALTER TABLE conformity_declarations ADD CONSTRAINT conformity_declarations_status_known CHECK (status IN ('received', 'withdrawn', 'invalidated'));
