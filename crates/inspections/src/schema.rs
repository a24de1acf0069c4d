//! The inspections domain's tables: annual inspection plans, their items, the overlap cases the
//! inspectorate resolves, and inspections. Declared once for both backends (portable column types only);
//! `.ci/guards.py` checks them against the migrated database.
#![allow(missing_docs)]

diesel::table! {
    /// An agency's annual inspection plan.
    inspection_plans (id) {
        id -> Text,
        year -> Integer,
        title -> Text,
        legal_basis -> Text,
        origin -> Nullable<Text>,
        state -> Text,
        decision -> Nullable<Text>,
        item_count -> Integer,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// What a plan will inspect: a business or a product group, of one kind, in one period.
    inspection_plan_items (id) {
        id -> Text,
        plan_id -> Text,
        position -> Integer,
        kind -> Text,
        tax_code -> Nullable<Text>,
        category_code -> Nullable<Text>,
        commune_code -> Nullable<Text>,
        period_from -> Date,
        period_to -> Date,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    /// An inspection, from its decision to its conclusion.
    inspections (id) {
        id -> Text,
        kind -> Text,
        origin -> Text,
        plan_item_id -> Nullable<Text>,
        overlap_id -> Nullable<Text>,
        trigger_ref -> Nullable<Text>,
        tax_code -> Nullable<Text>,
        category_code -> Nullable<Text>,
        commune_code -> Nullable<Text>,
        products -> Text,
        e_commerce -> Nullable<Text>,
        decision -> Text,
        team -> Text,
        period_from -> Date,
        period_to -> Date,
        state -> Text,
        samples -> Text,
        findings -> Nullable<Text>,
        conclusion -> Nullable<Text>,
        concluded_on -> Nullable<Date>,
        documents -> Text,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// The same business planned by two agencies in overlapping periods, and how it was resolved.
    inspection_overlaps (id) {
        id -> Text,
        tax_code -> Text,
        plan_id -> Text,
        item_id -> Text,
        agency -> Text,
        other_plan_id -> Nullable<Text>,
        other_item_id -> Nullable<Text>,
        inspection_id -> Nullable<Text>,
        other_agency -> Text,
        overlap_from -> Date,
        overlap_to -> Date,
        status -> Text,
        resolution -> Nullable<Text>,
        joint_lead -> Nullable<Text>,
        justification -> Nullable<Text>,
        resolved_by -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// The catalogue of sanctioning provisions, each with the days it was in force.
    legal_provisions (id) {
        id -> Text,
        code -> Text,
        decree -> Text,
        amended_by -> Text,
        article -> Text,
        title -> Text,
        fine_min_vnd -> BigInt,
        fine_max_vnd -> BigInt,
        effective_from -> Date,
        effective_to -> Nullable<Date>,
        lead_agency -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// A violation, its sanction and what became of it.
    violations (id) {
        id -> Text,
        inspection_id -> Nullable<Text>,
        import_lot_id -> Nullable<Text>,
        tax_code -> Text,
        offender -> Text,
        product_name -> Nullable<Text>,
        gtin -> Nullable<Text>,
        committed_on -> Date,
        description -> Text,
        provision_code -> Text,
        state -> Text,
        sanction -> Nullable<Text>,
        fine_vnd -> Nullable<BigInt>,
        final_on -> Nullable<Date>,
        paid_on -> Nullable<Date>,
        paid_vnd -> Nullable<BigInt>,
        transfers -> Text,
        certificate_id -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// A serious violation made public once its decision became final.
    disclosures (id) {
        id -> Text,
        violation_id -> Text,
        business_name -> Text,
        tax_code -> Nullable<Text>,
        product_name -> Nullable<Text>,
        gtin -> Nullable<Text>,
        provision_code -> Text,
        article -> Text,
        act -> Text,
        decision_number -> Text,
        decision_date -> Date,
        authority -> Text,
        fine_vnd -> BigInt,
        final_on -> Date,
        published_on -> Date,
        withdrawn_on -> Nullable<Date>,
        withdrawal_reason -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// An imported lot checked at the border.
    import_lots (id) {
        id -> Text,
        declaration_number -> Text,
        declared_on -> Date,
        customs_agency -> Text,
        importer_tax_code -> Text,
        origin_country -> Text,
        goods -> Text,
        regime -> Text,
        state -> Text,
        samples -> Text,
        outcome -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    import_lots,
    disclosures,
    legal_provisions,
    violations,
    inspection_plans,
    inspection_plan_items,
    inspection_overlaps,
    inspections
);
