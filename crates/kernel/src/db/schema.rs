//! The tables, declared once for both backends (portable column types only).
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
    /// Agencies: DOST, departments, communes, the inspectorate, customs…
    agencies (id) {
        id -> Text,
        code -> Text,
        name_vi -> Text,
        name_en -> Nullable<Text>,
        kind -> Text,
        sectors -> Text,
        contact_email -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        address -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// API clients: the systems that call the hub, each belonging to an agency.
    api_clients (client_id) {
        client_id -> Text,
        name -> Text,
        agency_code -> Text,
        roles -> Text,
        secret_hash -> Text,
        disabled -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        secret_rotated_at -> Timestamp,
    }
}

diesel::table! {
    /// Every committed change in commit order: history and change feed.
    changes (seq) {
        seq -> BigInt,
        entity -> Text,
        entity_id -> Text,
        action -> Text,
        version -> Integer,
        at -> Timestamp,
        client_id -> Text,
        agency_code -> Text,
        lead_agency -> Text,
        sharing -> Text,
        coordinating -> Text,
        before_data -> Nullable<Text>,
        after_data -> Nullable<Text>,
    }
}

diesel::table! {
    /// The first answer to each POST sent with an `Idempotency-Key`.
    idempotency_keys (client_id, idem_key) {
        client_id -> Text,
        idem_key -> Text,
        request_hash -> Text,
        state -> Text,
        status -> Nullable<Integer>,
        response_headers -> Nullable<Text>,
        response_body -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
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
    /// The standards catalogue.
    standards (id) {
        id -> Text,
        designation -> Text,
        designation_key -> Text,
        issuing_body -> Text,
        year -> Nullable<Integer>,
        title_vi -> Nullable<Text>,
        title_en -> Nullable<Text>,
        status -> Text,
        replaced_by -> Nullable<Text>,
        ics_codes -> Text,
        search_text -> Text,
        lead_agency -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// The log of lifecycle moves of every record with a state machine.
    transitions (id) {
        id -> Text,
        entity -> Text,
        entity_id -> Text,
        position -> Integer,
        action -> Text,
        from_state -> Text,
        to_state -> Text,
        details -> Text,
        agency_code -> Text,
        client_id -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    /// Local technical regulations (QCĐP).
    technical_regulations (id) {
        id -> Text,
        code -> Nullable<Text>,
        code_key -> Nullable<Text>,
        origin -> Nullable<Text>,
        title_vi -> Text,
        title_en -> Nullable<Text>,
        sector -> Text,
        scope -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        state -> Text,
        consultation_opens -> Nullable<Date>,
        consultation_closes -> Nullable<Date>,
        effective_date -> Nullable<Date>,
        program_id -> Nullable<Text>,
        cited_standards -> Text,
        documents -> Text,
        lifecycle -> Text,
        search_text -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Comments on QCĐP drafts under consultation, and their answers.
    regulation_comments (id) {
        id -> Text,
        regulation_id -> Text,
        agency_code -> Nullable<Text>,
        client_id -> Text,
        clause -> Nullable<Text>,
        comment -> Text,
        submitted_at -> Timestamp,
        disposition -> Nullable<Text>,
        response -> Nullable<Text>,
        answered_by -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
        channel -> Text,
        commenter -> Nullable<Text>,
        source_key -> Nullable<Text>,
    }
}

diesel::table! {
    /// Five-year, annual and thematic programs and plans.
    programs (id) {
        id -> Text,
        name -> Text,
        kind -> Text,
        start_year -> Integer,
        end_year -> Integer,
        description -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        state -> Text,
        approval -> Nullable<Text>,
        search_text -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// The tasks of a program.
    program_tasks (id) {
        id -> Text,
        program_id -> Text,
        title -> Text,
        lead_agency -> Text,
        coordinating -> Text,
        due_date -> Nullable<Date>,
        status -> Text,
        technical_regulation_id -> Nullable<Text>,
        note -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// The measurable targets of a program.
    program_targets (id) {
        id -> Text,
        program_id -> Text,
        indicator -> Text,
        unit -> Text,
        baseline -> Double,
        target_value -> Double,
        aggregation -> Text,
        responsible_agency -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        reporting_period -> Text,
        per_year -> Bool,
    }
}

diesel::table! {
    /// Actual values reported per period against a target.
    target_actuals (target_id, period) {
        target_id -> Text,
        period -> Text,
        value -> Double,
        note -> Nullable<Text>,
        agency_code -> Text,
        client_id -> Text,
        reported_at -> Timestamp,
    }
}

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

diesel::joinable!(products -> product_categories (category_code));

diesel::allow_tables_to_appear_in_same_query!(
    administrative_units,
    agencies,
    api_clients,
    businesses,
    cab_certificate_versions,
    cab_certificates,
    cab_designations,
    changes,
    conformity_bodies,
    conformity_declarations,
    idempotency_keys,
    product_categories,
    products,
    program_targets,
    program_tasks,
    programs,
    province_notifications,
    regulation_comments,
    standards,
    target_actuals,
    technical_regulations,
    transitions
);
