DROP TABLE complaint_routes;
DROP TABLE identity_reveals;
DROP TABLE complaint_identities;
DROP TABLE complaints;
