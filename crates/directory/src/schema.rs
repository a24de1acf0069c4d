//! The directory's tables: administrative units, businesses, product categories and products.
//! Declared once for both backends (portable column types only); `.ci/guards.py` checks them
//! against the migrated database.
#![allow(missing_docs)]

diesel::table! {
    /// The province, its communes, and the units they replaced.
    administrative_units (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        kind -> Text,
        parent_code -> Nullable<Text>,
        former_district -> Nullable<Text>,
        former_province -> Nullable<Text>,
        former_province_key -> Nullable<Text>,
        valid_from -> Nullable<Date>,
        valid_to -> Nullable<Date>,
        successor_codes -> Text,
        search_text -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Businesses, identified by tax code.
    businesses (id) {
        id -> Text,
        tax_code -> Text,
        name -> Text,
        short_name -> Nullable<Text>,
        address -> Nullable<Text>,
        commune_code -> Nullable<Text>,
        sectors -> Text,
        status -> Text,
        representative -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        search_text -> Text,
        lead_agency -> Text,
        sharing -> Text,
        coordinating -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        historical -> Bool,
    }
}

diesel::table! {
    /// Products.
    products (id) {
        id -> Text,
        gtin -> Nullable<Text>,
        name -> Text,
        brand -> Nullable<Text>,
        model -> Nullable<Text>,
        category_code -> Text,
        hs_code -> Nullable<Text>,
        manufacturer_tax_code -> Nullable<Text>,
        importer_tax_code -> Nullable<Text>,
        origin_country -> Nullable<Text>,
        risk_override -> Nullable<Text>,
        risk_override_reason -> Nullable<Text>,
        search_text -> Text,
        lead_agency -> Text,
        sharing -> Text,
        coordinating -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Product categories and their risk class.
    product_categories (id) {
        id -> Text,
        code -> Text,
        name_vi -> Text,
        name_en -> Nullable<Text>,
        risk_class -> Text,
        risk_source -> Text,
        search_text -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(administrative_units, businesses, products, product_categories,);
