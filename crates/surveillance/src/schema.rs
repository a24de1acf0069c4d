//! The surveillance domain's tables: warnings and the agencies' reactions to them. Declared once
//! for both backends (portable column types only); `.ci/guards.py` checks them against the
//! migrated database.
#![allow(missing_docs)]

diesel::table! {
    /// A rapid warning on unsafe or non-conforming goods.
    warnings (id) {
        id -> Text,
        title -> Text,
        product_name -> Text,
        brand -> Nullable<Text>,
        gtin -> Nullable<Text>,
        lots -> Text,
        category_code -> Nullable<Text>,
        photos -> Text,
        hazards -> Text,
        hazard_description -> Text,
        risk_level -> Text,
        source_kind -> Text,
        source_reference -> Nullable<Text>,
        source_party -> Nullable<Text>,
        test_report -> Nullable<Text>,
        reported_by -> Text,
        measures -> Text,
        state -> Text,
        published_at -> Nullable<Timestamp>,
        resolved_at -> Nullable<Timestamp>,
        outcome -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// An agency's follow-up reaction to a published warning.
    warning_reactions (id) {
        id -> Text,
        warning_id -> Text,
        reacted_on -> Date,
        outlets_checked -> Integer,
        outlets_found -> Integer,
        quantity_withdrawn -> Nullable<Double>,
        unit -> Nullable<Text>,
        measure -> Text,
        note -> Text,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(warning_reactions -> warnings (warning_id));
diesel::allow_tables_to_appear_in_same_query!(warnings, warning_reactions);
