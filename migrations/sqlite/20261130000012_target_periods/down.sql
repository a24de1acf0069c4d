ALTER TABLE program_targets DROP COLUMN per_year;
ALTER TABLE program_targets DROP COLUMN reporting_period;
