//! The reporting domain's tables: coordination requests. Declared once for both backends
//! (portable column types only); `.ci/guards.py` checks them against the migrated database.
#![allow(missing_docs)]

diesel::table! {
    /// A coordination request from a lead agency to others, with their deadlines and replies.
    coordination_requests (id) {
        id -> Text,
        subject -> Text,
        body -> Text,
        documents -> Text,
        related -> Text,
        addressees -> Text,
        received_on -> Date,
        first_due_on -> Nullable<Date>,
        unnoticed_due_on -> Nullable<Date>,
        state -> Text,
        proceeded_on -> Nullable<Date>,
        escalated_on -> Nullable<Date>,
        referred_on -> Nullable<Date>,
        closed_on -> Nullable<Date>,
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
    /// A report template: its indicators and when its reports are due.
    report_templates (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        frequency -> Text,
        indicators -> Text,
        due_month_offset -> Integer,
        due_day -> Integer,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// A request for reports: periodic from a template, or ad hoc.
    report_requests (id) {
        id -> Text,
        title -> Text,
        kind -> Text,
        template_code -> Nullable<Text>,
        period -> Text,
        period_start -> Date,
        period_end -> Date,
        due_on -> Date,
        indicators -> Text,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// An agency's submission to a request.
    report_submissions (id) {
        id -> Text,
        request_id -> Text,
        due_on -> Date,
        report_values -> Text,
        attachment -> Nullable<Text>,
        state -> Text,
        submitted_at -> Nullable<Timestamp>,
        returned_reason -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// A KPI scheme: a period's components, their weights and the agencies ranked.
    kpi_schemes (id) {
        id -> Text,
        name -> Text,
        period_start -> Date,
        period_end -> Date,
        components -> Text,
        agencies -> Text,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// How far into the change feed a connector has looked.
    connector_positions (name) {
        name -> Text,
        after_seq -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// A training or awareness activity.
    training_activities (id) {
        id -> Text,
        kind -> Text,
        title -> Text,
        topics -> Text,
        audience -> Text,
        held_on -> Date,
        ended_on -> Nullable<Date>,
        place -> Nullable<Text>,
        commune_code -> Nullable<Text>,
        attendees -> Nullable<Integer>,
        copies -> Nullable<Integer>,
        program_target_id -> Nullable<Text>,
        lead_agency -> Text,
        coordinating -> Text,
        sharing -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// The national database's changes, as read from its feed.
    national_changes (seq) {
        seq -> BigInt,
        entity -> Text,
        entity_id -> Text,
        action -> Text,
        body -> Text,
        received_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    coordination_requests,
    report_templates,
    report_requests,
    report_submissions,
    kpi_schemes,
    connector_positions,
    training_activities,
    national_changes
);
