DROP TABLE queued_jobs;
