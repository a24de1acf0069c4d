//! The conformity registry's tables: bodies, certificates and their versions, designations, declarations, notifications.
//! Declared once for both backends (portable column types only); `.ci/guards.py` checks them
//! against the migrated database.
#![allow(missing_docs)]

diesel::table! {
    /// Conformity assessment bodies: testing, inspection and certification.
    conformity_bodies (id) {
        id -> Text,
        tax_code -> Text,
        name -> Text,
        activities -> Text,
        fields -> Text,
        address -> Nullable<Text>,
        commune_code -> Nullable<Text>,
        accreditation -> Nullable<Text>,
        accreditation_valid_until -> Nullable<Date>,
        sites -> Text,
        province_codes -> Text,
        contact -> Nullable<Text>,
        lead_agency -> Text,
        sharing -> Text,
        coordinating -> Text,
        search_text -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Registration certificates of conformity assessment bodies, as they stand now.
    cab_certificates (id) {
        id -> Text,
        body_id -> Text,
        number -> Text,
        activity -> Text,
        status -> Text,
        issuing_agency -> Text,
        first_issued_on -> Date,
        valid_until -> Nullable<Date>,
        current_version -> Integer,
        scope -> Text,
        scope_text -> Text,
        dossier_ref -> Nullable<Text>,
        lead_agency -> Text,
        sharing -> Text,
        coordinating -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        issuing_authority -> Text,
        signed_by -> Nullable<Text>,
        revocation -> Nullable<Text>,
        expiry_recorded -> Bool,
    }
}

diesel::table! {
    /// Every version of a registration certificate, each linked to its predecessor.
    cab_certificate_versions (id) {
        id -> Text,
        certificate_id -> Text,
        version_no -> Integer,
        action -> Text,
        predecessor_id -> Nullable<Text>,
        number -> Text,
        status -> Text,
        effective_from -> Date,
        valid_until -> Nullable<Date>,
        scope -> Text,
        decision -> Nullable<Text>,
        dossier_ref -> Nullable<Text>,
        reason -> Nullable<Text>,
        agency_code -> Text,
        client_id -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    /// Designations of certification bodies for QCĐPs.
    cab_designations (id) {
        id -> Text,
        body_id -> Text,
        technical_regulation_id -> Text,
        regulation_code -> Text,
        decision -> Text,
        scope -> Nullable<Text>,
        valid_from -> Date,
        valid_until -> Nullable<Date>,
        status -> Text,
        revocation -> Nullable<Text>,
        lead_agency -> Text,
        sharing -> Text,
        coordinating -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        lapse -> Nullable<Text>,
    }
}

diesel::table! {
    /// Conformity declarations (công bố hợp chuẩn, hợp quy) received by agencies.
    conformity_declarations (id) {
        id -> Text,
        kind -> Text,
        tax_code -> Text,
        product_name -> Text,
        gtin -> Nullable<Text>,
        standard_designation -> Nullable<Text>,
        regulation_id -> Nullable<Text>,
        regulation_code -> Nullable<Text>,
        basis -> Text,
        certifying_body_id -> Nullable<Text>,
        evidence -> Nullable<Text>,
        receipt_number -> Text,
        received_on -> Date,
        status -> Text,
        lead_agency -> Text,
        sharing -> Text,
        coordinating -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        flags -> Text,
    }
}

diesel::table! {
    /// What other provinces are told about bodies with sites there.
    province_notifications (id) {
        id -> Text,
        province_code -> Text,
        entity -> Text,
        entity_id -> Text,
        action -> Text,
        body_id -> Text,
        summary -> Text,
        created_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    conformity_bodies,
    cab_certificates,
    cab_certificate_versions,
    cab_designations,
    conformity_declarations,
    province_notifications,
);
