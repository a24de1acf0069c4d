-- The quantity an event lists of each class it names, for the standard query's quantity
-- parameters (EQ_quantity, GT_quantity, GE_quantity, LT_quantity, LE_quantity).
ALTER TABLE epcis_event_ids ADD COLUMN quantity DOUBLE PRECISION;
