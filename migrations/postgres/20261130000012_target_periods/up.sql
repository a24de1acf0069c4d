-- A program target is reported by one kind of period (year, quarter or month), so a year's value
-- and its quarters' are never added together; a target may be per year (its value to reach each
-- year of the program).
ALTER TABLE program_targets ADD COLUMN reporting_period TEXT NOT NULL DEFAULT 'year';
ALTER TABLE program_targets ADD COLUMN per_year BOOLEAN NOT NULL DEFAULT FALSE;
