//! The surveillance domain's tables: warnings and the agencies' reactions to them, quality
//! surveys and their samples, measuring instruments, complaints with their sealed identities,
//! reveals and routing rules, market statistics, fraud reports and prepackaged checks. Declared once for both backends (portable
//! column types only); `.ci/guards.py` checks them against the migrated database.
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

diesel::table! {
    /// A quality survey of goods on the market.
    quality_surveys (id) {
        id -> Text,
        year -> Integer,
        title -> Text,
        product_group -> Text,
        category_code -> Nullable<Text>,
        planned_products -> Integer,
        program_target_id -> Nullable<Text>,
        state -> Text,
        summary -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// A sample a survey took, and its result.
    survey_samples (id) {
        id -> Text,
        survey_id -> Text,
        code -> Text,
        product_name -> Text,
        brand -> Nullable<Text>,
        gtin -> Nullable<Text>,
        lot -> Nullable<Text>,
        taken_on -> Date,
        place_kind -> Text,
        place -> Text,
        tax_code -> Nullable<Text>,
        commune_code -> Nullable<Text>,
        laboratory_id -> Text,
        tested_against -> Text,
        sector_agency -> Text,
        result -> Text,
        report_number -> Nullable<Text>,
        findings -> Nullable<Text>,
        warning_id -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(survey_samples -> quality_surveys (survey_id));

diesel::table! {
    /// A measuring instrument in use and its verification.
    measuring_instruments (id) {
        id -> Text,
        kind -> Text,
        serial -> Text,
        model -> Nullable<Text>,
        manufacturer -> Nullable<Text>,
        owner_kind -> Text,
        owner_tax_code -> Nullable<Text>,
        owner_name -> Text,
        owner_personal_id -> Nullable<Text>,
        place -> Text,
        commune_code -> Text,
        market -> Nullable<Text>,
        certificate_number -> Nullable<Text>,
        stamp_number -> Nullable<Text>,
        verified_on -> Nullable<Date>,
        valid_until -> Nullable<Date>,
        verifying_body -> Nullable<Text>,
        in_use -> Bool,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// A complaint, denunciation, feedback or recommendation (never the person's identity).
    complaints (id) {
        id -> Text,
        ack_number -> Text,
        kind -> Text,
        channel -> Text,
        subject -> Text,
        description -> Text,
        product_name -> Nullable<Text>,
        gtin -> Nullable<Text>,
        business_tax_code -> Nullable<Text>,
        business_name -> Nullable<Text>,
        category_code -> Nullable<Text>,
        sector -> Nullable<Text>,
        commune_code -> Nullable<Text>,
        received_on -> Date,
        due_on -> Date,
        state -> Text,
        transfers -> Integer,
        outcome -> Nullable<Text>,
        closed_on -> Nullable<Date>,
        has_identity -> Bool,
        source_key -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// A person's identity, sealed.
    complaint_identities (complaint_id) {
        complaint_id -> Text,
        key_id -> Text,
        sealed -> Text,
    }
}

diesel::table! {
    /// Who read a sealed identity, when and why.
    identity_reveals (id) {
        id -> Text,
        complaint_id -> Text,
        agency_code -> Text,
        client_id -> Text,
        reason -> Text,
        revealed_at -> Timestamp,
    }
}

diesel::table! {
    /// A routing rule: complaints matching it go to its agency.
    complaint_routes (id) {
        id -> Text,
        category_code -> Nullable<Text>,
        sector -> Nullable<Text>,
        commune_code -> Nullable<Text>,
        agency -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// A market's metrology figures for a period.
    market_statistics (id) {
        id -> Text,
        commune_code -> Text,
        market -> Text,
        period -> Text,
        stalls -> Integer,
        instruments_in_use -> Integer,
        instruments_verified -> Integer,
        instruments_checked -> Integer,
        violations -> Integer,
        note -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Measurement fraud reported to DOST.
    measurement_fraud_reports (id) {
        id -> Text,
        found_on -> Date,
        offender_kind -> Text,
        offender_tax_code -> Nullable<Text>,
        offender_name -> Text,
        place -> Text,
        commune_code -> Text,
        instrument_kind -> Nullable<Text>,
        instrument_serial -> Nullable<Text>,
        description -> Text,
        measures_taken -> Text,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// A check of a lot of prepackaged goods' quantity.
    prepackaged_checks (id) {
        id -> Text,
        checked_on -> Date,
        product_name -> Text,
        gtin -> Nullable<Text>,
        lot -> Nullable<Text>,
        tax_code -> Nullable<Text>,
        commune_code -> Nullable<Text>,
        nominal_quantity -> Double,
        unit -> Text,
        sample_size -> Integer,
        mean_quantity -> Double,
        packages_short -> Integer,
        result -> Text,
        note -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    warnings,
    warning_reactions,
    quality_surveys,
    survey_samples,
    measuring_instruments,
    complaints,
    complaint_identities,
    identity_reveals,
    complaint_routes,
    market_statistics,
    measurement_fraud_reports,
    prepackaged_checks
);
