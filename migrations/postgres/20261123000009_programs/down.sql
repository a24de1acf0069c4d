DROP TABLE target_actuals;
DROP TABLE program_targets;
DROP TABLE program_tasks;
DROP TABLE programs;
