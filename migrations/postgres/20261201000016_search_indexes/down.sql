-- The extension stays: something else may use it.
DROP INDEX businesses_search_trgm;
DROP INDEX product_categories_search_trgm;
DROP INDEX products_search_trgm;
DROP INDEX administrative_units_search_trgm;
DROP INDEX standards_search_trgm;
DROP INDEX technical_regulations_search_trgm;
DROP INDEX conformity_bodies_search_trgm;
