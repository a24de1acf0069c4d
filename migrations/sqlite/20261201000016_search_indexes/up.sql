-- Search (`q`) finds text anywhere in a record's folded search column. SQLite's FTS5 `trigram`
-- index does that by index: each searched table has `<table>_search` (the folded text, by a
-- number) and `<table>_search_ids` (the record each number stands for: the table's own rowid is
-- not stable across VACUUM), both kept by triggers. The hub asks it `LIKE '%…%'` for three
-- characters or more, which it answers from its trigrams and checks against the text it keeps
-- (`detail = 'none'`: no positions, a smaller index that is cheaper to write); fewer characters,
-- or a literal `%`, `_` or `\`, scan the column instead.

CREATE TABLE businesses_search_ids (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE businesses_search USING fts5(search_text, tokenize = 'trigram', detail = 'none');
INSERT INTO businesses_search_ids (id) SELECT id FROM businesses;
INSERT INTO businesses_search (rowid, search_text) SELECT k.n, t.search_text FROM businesses_search_ids k JOIN businesses t ON t.id = k.id;
CREATE TRIGGER businesses_search_inserted AFTER INSERT ON businesses BEGIN
    INSERT INTO businesses_search_ids (id) VALUES (NEW.id);
    INSERT INTO businesses_search (rowid, search_text) VALUES (last_insert_rowid(), NEW.search_text);
END;
CREATE TRIGGER businesses_search_updated AFTER UPDATE OF search_text ON businesses BEGIN
    UPDATE businesses_search SET search_text = NEW.search_text WHERE rowid = (SELECT n FROM businesses_search_ids WHERE id = NEW.id);
END;
CREATE TRIGGER businesses_search_deleted AFTER DELETE ON businesses BEGIN
    DELETE FROM businesses_search WHERE rowid = (SELECT n FROM businesses_search_ids WHERE id = OLD.id);
    DELETE FROM businesses_search_ids WHERE id = OLD.id;
END;

CREATE TABLE product_categories_search_ids (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE product_categories_search USING fts5(search_text, tokenize = 'trigram', detail = 'none');
INSERT INTO product_categories_search_ids (id) SELECT id FROM product_categories;
INSERT INTO product_categories_search (rowid, search_text) SELECT k.n, t.search_text FROM product_categories_search_ids k JOIN product_categories t ON t.id = k.id;
CREATE TRIGGER product_categories_search_inserted AFTER INSERT ON product_categories BEGIN
    INSERT INTO product_categories_search_ids (id) VALUES (NEW.id);
    INSERT INTO product_categories_search (rowid, search_text) VALUES (last_insert_rowid(), NEW.search_text);
END;
CREATE TRIGGER product_categories_search_updated AFTER UPDATE OF search_text ON product_categories BEGIN
    UPDATE product_categories_search SET search_text = NEW.search_text WHERE rowid = (SELECT n FROM product_categories_search_ids WHERE id = NEW.id);
END;
CREATE TRIGGER product_categories_search_deleted AFTER DELETE ON product_categories BEGIN
    DELETE FROM product_categories_search WHERE rowid = (SELECT n FROM product_categories_search_ids WHERE id = OLD.id);
    DELETE FROM product_categories_search_ids WHERE id = OLD.id;
END;

CREATE TABLE products_search_ids (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE products_search USING fts5(search_text, tokenize = 'trigram', detail = 'none');
INSERT INTO products_search_ids (id) SELECT id FROM products;
INSERT INTO products_search (rowid, search_text) SELECT k.n, t.search_text FROM products_search_ids k JOIN products t ON t.id = k.id;
CREATE TRIGGER products_search_inserted AFTER INSERT ON products BEGIN
    INSERT INTO products_search_ids (id) VALUES (NEW.id);
    INSERT INTO products_search (rowid, search_text) VALUES (last_insert_rowid(), NEW.search_text);
END;
CREATE TRIGGER products_search_updated AFTER UPDATE OF search_text ON products BEGIN
    UPDATE products_search SET search_text = NEW.search_text WHERE rowid = (SELECT n FROM products_search_ids WHERE id = NEW.id);
END;
CREATE TRIGGER products_search_deleted AFTER DELETE ON products BEGIN
    DELETE FROM products_search WHERE rowid = (SELECT n FROM products_search_ids WHERE id = OLD.id);
    DELETE FROM products_search_ids WHERE id = OLD.id;
END;

CREATE TABLE administrative_units_search_ids (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE administrative_units_search USING fts5(search_text, tokenize = 'trigram', detail = 'none');
INSERT INTO administrative_units_search_ids (id) SELECT id FROM administrative_units;
INSERT INTO administrative_units_search (rowid, search_text) SELECT k.n, t.search_text FROM administrative_units_search_ids k JOIN administrative_units t ON t.id = k.id;
CREATE TRIGGER administrative_units_search_inserted AFTER INSERT ON administrative_units BEGIN
    INSERT INTO administrative_units_search_ids (id) VALUES (NEW.id);
    INSERT INTO administrative_units_search (rowid, search_text) VALUES (last_insert_rowid(), NEW.search_text);
END;
CREATE TRIGGER administrative_units_search_updated AFTER UPDATE OF search_text ON administrative_units BEGIN
    UPDATE administrative_units_search SET search_text = NEW.search_text WHERE rowid = (SELECT n FROM administrative_units_search_ids WHERE id = NEW.id);
END;
CREATE TRIGGER administrative_units_search_deleted AFTER DELETE ON administrative_units BEGIN
    DELETE FROM administrative_units_search WHERE rowid = (SELECT n FROM administrative_units_search_ids WHERE id = OLD.id);
    DELETE FROM administrative_units_search_ids WHERE id = OLD.id;
END;

CREATE TABLE standards_search_ids (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE standards_search USING fts5(search_text, tokenize = 'trigram', detail = 'none');
INSERT INTO standards_search_ids (id) SELECT id FROM standards;
INSERT INTO standards_search (rowid, search_text) SELECT k.n, t.search_text FROM standards_search_ids k JOIN standards t ON t.id = k.id;
CREATE TRIGGER standards_search_inserted AFTER INSERT ON standards BEGIN
    INSERT INTO standards_search_ids (id) VALUES (NEW.id);
    INSERT INTO standards_search (rowid, search_text) VALUES (last_insert_rowid(), NEW.search_text);
END;
CREATE TRIGGER standards_search_updated AFTER UPDATE OF search_text ON standards BEGIN
    UPDATE standards_search SET search_text = NEW.search_text WHERE rowid = (SELECT n FROM standards_search_ids WHERE id = NEW.id);
END;
CREATE TRIGGER standards_search_deleted AFTER DELETE ON standards BEGIN
    DELETE FROM standards_search WHERE rowid = (SELECT n FROM standards_search_ids WHERE id = OLD.id);
    DELETE FROM standards_search_ids WHERE id = OLD.id;
END;

CREATE TABLE technical_regulations_search_ids (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE technical_regulations_search USING fts5(search_text, tokenize = 'trigram', detail = 'none');
INSERT INTO technical_regulations_search_ids (id) SELECT id FROM technical_regulations;
INSERT INTO technical_regulations_search (rowid, search_text) SELECT k.n, t.search_text FROM technical_regulations_search_ids k JOIN technical_regulations t ON t.id = k.id;
CREATE TRIGGER technical_regulations_search_inserted AFTER INSERT ON technical_regulations BEGIN
    INSERT INTO technical_regulations_search_ids (id) VALUES (NEW.id);
    INSERT INTO technical_regulations_search (rowid, search_text) VALUES (last_insert_rowid(), NEW.search_text);
END;
CREATE TRIGGER technical_regulations_search_updated AFTER UPDATE OF search_text ON technical_regulations BEGIN
    UPDATE technical_regulations_search SET search_text = NEW.search_text WHERE rowid = (SELECT n FROM technical_regulations_search_ids WHERE id = NEW.id);
END;
CREATE TRIGGER technical_regulations_search_deleted AFTER DELETE ON technical_regulations BEGIN
    DELETE FROM technical_regulations_search WHERE rowid = (SELECT n FROM technical_regulations_search_ids WHERE id = OLD.id);
    DELETE FROM technical_regulations_search_ids WHERE id = OLD.id;
END;

CREATE TABLE conformity_bodies_search_ids (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE conformity_bodies_search USING fts5(search_text, tokenize = 'trigram', detail = 'none');
INSERT INTO conformity_bodies_search_ids (id) SELECT id FROM conformity_bodies;
INSERT INTO conformity_bodies_search (rowid, search_text) SELECT k.n, t.search_text FROM conformity_bodies_search_ids k JOIN conformity_bodies t ON t.id = k.id;
CREATE TRIGGER conformity_bodies_search_inserted AFTER INSERT ON conformity_bodies BEGIN
    INSERT INTO conformity_bodies_search_ids (id) VALUES (NEW.id);
    INSERT INTO conformity_bodies_search (rowid, search_text) VALUES (last_insert_rowid(), NEW.search_text);
END;
CREATE TRIGGER conformity_bodies_search_updated AFTER UPDATE OF search_text ON conformity_bodies BEGIN
    UPDATE conformity_bodies_search SET search_text = NEW.search_text WHERE rowid = (SELECT n FROM conformity_bodies_search_ids WHERE id = NEW.id);
END;
CREATE TRIGGER conformity_bodies_search_deleted AFTER DELETE ON conformity_bodies BEGIN
    DELETE FROM conformity_bodies_search WHERE rowid = (SELECT n FROM conformity_bodies_search_ids WHERE id = OLD.id);
    DELETE FROM conformity_bodies_search_ids WHERE id = OLD.id;
END;
