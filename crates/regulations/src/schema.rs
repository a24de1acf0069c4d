//! The regulations domain's tables: the standards catalogue, QCĐPs and their comments, programs with tasks and targets.
//! Declared once for both backends (portable column types only); `.ci/guards.py` checks them
//! against the migrated database.
#![allow(missing_docs)]

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

diesel::allow_tables_to_appear_in_same_query!(
    standards,
    technical_regulations,
    regulation_comments,
    programs,
    program_tasks,
    program_targets,
    target_actuals,
);
