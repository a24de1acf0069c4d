DROP TABLE trace_deployments;
DROP TABLE trace_lots;
DROP TABLE trace_locations;
