DROP TABLE administrative_units;
