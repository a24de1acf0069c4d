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
