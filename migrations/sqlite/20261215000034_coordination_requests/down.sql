DROP TABLE coordination_requests;
