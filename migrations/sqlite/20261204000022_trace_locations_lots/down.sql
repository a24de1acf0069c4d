DROP TABLE trace_lots;
DROP TABLE trace_locations;
