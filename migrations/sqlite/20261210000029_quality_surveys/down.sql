DROP TABLE survey_samples;
DROP TABLE quality_surveys;
