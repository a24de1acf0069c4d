DROP TABLE inspection_overlaps;
DROP TABLE inspection_plan_items;
DROP TABLE inspection_plans;
