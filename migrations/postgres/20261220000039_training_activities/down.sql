DROP TABLE training_activities;
