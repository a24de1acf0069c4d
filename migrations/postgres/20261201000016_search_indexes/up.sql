-- Search (`q`) finds text anywhere in a record's folded search column with LIKE '%…%', which no
-- B-tree serves: trigram indexes do, so a search stays fast at millions of rows. pg_trgm is a
-- trusted extension (PostgreSQL 13+): the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX businesses_search_trgm ON businesses USING gin (search_text gin_trgm_ops);
CREATE INDEX product_categories_search_trgm ON product_categories USING gin (search_text gin_trgm_ops);
CREATE INDEX products_search_trgm ON products USING gin (search_text gin_trgm_ops);
CREATE INDEX administrative_units_search_trgm ON administrative_units USING gin (search_text gin_trgm_ops);
CREATE INDEX standards_search_trgm ON standards USING gin (search_text gin_trgm_ops);
CREATE INDEX technical_regulations_search_trgm ON technical_regulations USING gin (search_text gin_trgm_ops);
CREATE INDEX conformity_bodies_search_trgm ON conformity_bodies USING gin (search_text gin_trgm_ops);
