DROP TABLE disclosures;
DROP TABLE violations;
DROP TABLE legal_provisions;
DROP TABLE import_lots;
DROP TABLE inspection_overlaps;
DROP TABLE inspections;
DROP TABLE inspection_plan_items;
DROP TABLE inspection_plans;
