DROP TABLE warning_reactions;
DROP TABLE warnings;
