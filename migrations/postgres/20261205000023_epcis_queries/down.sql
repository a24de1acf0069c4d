DROP TABLE epcis_queries;
