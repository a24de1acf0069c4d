DROP TABLE connector_positions;
