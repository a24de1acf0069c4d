DROP TABLE measuring_instruments;
