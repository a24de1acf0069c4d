DROP TABLE prepackaged_checks;
DROP TABLE measurement_fraud_reports;
DROP TABLE market_statistics;
