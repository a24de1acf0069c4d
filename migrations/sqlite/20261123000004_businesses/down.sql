DROP TABLE businesses;
