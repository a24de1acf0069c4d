//! The traceability domain's tables: capture jobs, EPCIS events and the identifiers each names,
//! the locations GLNs stand for, and lots.
//! Declared once for both backends; `.ci/guards.py` checks them against the migrated database.
#![allow(missing_docs)]

diesel::table! {
    /// What one capture request became.
    epcis_captures (id) {
        id -> Text,
        agency_code -> Text,
        client_id -> Text,
        error_behaviour -> Text,
        running -> Bool,
        success -> Bool,
        received -> Integer,
        stored -> Integer,
        repeated -> Integer,
        errors -> Text,
        created_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// An EPCIS event as captured, with the fields queries filter on.
    epcis_events (event_id) {
        event_id -> Text,
        event_type -> Text,
        event_time -> Timestamp,
        record_time -> Timestamp,
        action -> Nullable<Text>,
        biz_step -> Nullable<Text>,
        disposition -> Nullable<Text>,
        read_point -> Nullable<Text>,
        biz_location -> Nullable<Text>,
        declared -> Bool,
        id_assigned -> Bool,
        capture_id -> Text,
        agency_code -> Text,
        context -> Text,
        body -> Text,
    }
}

diesel::table! {
    /// An identifier an event names, in its role, canonical.
    epcis_event_ids (event_id, role, value) {
        event_id -> Text,
        role -> Text,
        value -> Text,
        gtin -> Nullable<Text>,
        lot -> Nullable<Text>,
        quantity -> Nullable<Double>,
        event_time -> Timestamp,
    }
}

diesel::table! {
    /// Which business a GLN belongs to.
    trace_locations (id) {
        id -> Text,
        gln -> Text,
        tax_code -> Text,
        name -> Text,
        kind -> Text,
        address -> Nullable<Text>,
        commune_code -> Nullable<Text>,
        lead_agency -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// What the events say of one GTIN and lot number.
    trace_lots (epc_class) {
        epc_class -> Text,
        gtin -> Text,
        lot -> Text,
        produced_at -> Nullable<Timestamp>,
        producer_location -> Nullable<Text>,
        quantity -> Nullable<Double>,
        uom -> Nullable<Text>,
        expiry_date -> Nullable<Date>,
        best_before_date -> Nullable<Date>,
        first_event_id -> Text,
        first_seen -> Timestamp,
        last_seen -> Timestamp,
        events -> Integer,
    }
}

diesel::table! {
    /// Who uses barcodes and traceability, and the stamps issued to them.
    trace_deployments (id) {
        id -> Text,
        tax_code -> Text,
        gs1_company_prefix -> Nullable<Text>,
        uses_barcodes -> Bool,
        traceability_solution -> Nullable<Text>,
        portal_connected_on -> Nullable<Date>,
        products -> Text,
        stamp_issues -> Text,
        lead_agency -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// EPCIS named queries.
    epcis_queries (name) {
        name -> Text,
        query -> Text,
        agency_code -> Text,
        client_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(epcis_events, epcis_event_ids);
