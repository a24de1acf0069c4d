DROP TABLE province_notifications;
DROP TABLE conformity_declarations;
DROP TABLE cab_designations;
DROP TABLE cab_certificate_versions;
DROP TABLE cab_certificates;
DROP TABLE conformity_bodies;
