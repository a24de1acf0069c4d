//! The traceability domain's tables: capture jobs, EPCIS events and the identifiers each names.
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
    }
}

diesel::allow_tables_to_appear_in_same_query!(epcis_events, epcis_event_ids);
