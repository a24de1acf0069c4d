-- Product categories with their risk class, and products (GTIN optional, unique when given).
CREATE TABLE product_categories (
    id          TEXT PRIMARY KEY NOT NULL,
    code        TEXT NOT NULL UNIQUE,
    name_vi     TEXT NOT NULL,
    name_en     TEXT,
    risk_class  TEXT NOT NULL,
    risk_source TEXT NOT NULL,
    search_text TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE products (
    id                    TEXT PRIMARY KEY NOT NULL,
    gtin                  TEXT UNIQUE,
    name                  TEXT NOT NULL,
    brand                 TEXT,
    model                 TEXT,
    category_code         TEXT NOT NULL REFERENCES product_categories (code),
    hs_code               TEXT,
    manufacturer_tax_code TEXT REFERENCES businesses (tax_code),
    importer_tax_code     TEXT REFERENCES businesses (tax_code),
    origin_country        TEXT,
    risk_override         TEXT,
    risk_override_reason  TEXT,
    search_text           TEXT NOT NULL,
    lead_agency           TEXT NOT NULL REFERENCES agencies (code),
    sharing               TEXT NOT NULL,
    coordinating          TEXT NOT NULL DEFAULT '[]',
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL
);

CREATE INDEX products_category ON products (category_code, id);
