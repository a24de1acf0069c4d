DROP TABLE regulation_comments;
DROP TABLE technical_regulations;
DROP TABLE transitions;
