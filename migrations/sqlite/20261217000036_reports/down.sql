DROP TABLE report_submissions;
DROP TABLE report_requests;
DROP TABLE report_templates;
