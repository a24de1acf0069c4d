//! The kernel's own tables (the change feed, transition log, idempotency keys) and the two of the
//! directory's that the kernel itself reads (agencies, for who may move a lifecycle; API clients,
//! for tokens). Each domain declares its other tables in its own `schema.rs`.
#![allow(missing_docs)]

diesel::table! {
    /// The job queue: work items every instance shares (see `crate::queue`).
    queued_jobs (id) {
        id -> Text,
        kind -> Text,
        item_key -> Text,
        payload -> Text,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        leased_by -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
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
        hash -> Text,
        record_hash -> Text,
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
    /// Which agencies coordinate each record, kept by the database from the change log: what the
    /// reading rule looks up.
    record_coordinators (entity, record_id, agency_code) {
        entity -> Text,
        record_id -> Text,
        agency_code -> Text,
    }
}

diesel::table! {
    /// The government's decisions on days off, recorded by DOST's administrators.
    calendar_days (day) {
        day -> Date,
        kind -> Text,
        reason -> Text,
        decision -> Nullable<Text>,
        recorded_by -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    /// Webhook subscriptions: a client's address, the kinds of change pushed to it, its sealed
    /// secrets and how far into the feed its dispatcher has looked.
    webhook_subscriptions (id) {
        id -> Text,
        client_id -> Text,
        url -> Text,
        event_types -> Text,
        description -> Nullable<Text>,
        secret -> Text,
        previous_secret -> Nullable<Text>,
        previous_until -> Nullable<Timestamp>,
        after_seq -> BigInt,
        active -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Import jobs: a file staged in chunks and applied chunk by chunk (`crate::imports`).
    import_jobs (id) {
        id -> Text,
        resource -> Text,
        format -> Text,
        status -> Text,
        client_id -> Text,
        agency_code -> Text,
        admin -> Bool,
        idempotency_key -> Nullable<Text>,
        file_name -> Nullable<Text>,
        file_sha256 -> Text,
        bytes -> BigInt,
        received -> BigInt,
        processed -> BigInt,
        accepted -> BigInt,
        rejected -> BigInt,
        chunks -> Integer,
        chunks_done -> Integer,
        failure -> Nullable<Text>,
        created_at -> Timestamp,
        started_at -> Nullable<Timestamp>,
        finished_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// An import job's rows not applied yet, a chunk at a time.
    import_chunks (job_id, seq) {
        job_id -> Text,
        seq -> Integer,
        first_row -> BigInt,
        items -> Text,
        errors -> Text,
    }
}

diesel::table! {
    /// Why each refused row of an import job was refused, a line per field.
    import_errors (job_id, row_no, n) {
        job_id -> Text,
        row_no -> BigInt,
        n -> Integer,
        pointer -> Text,
        code -> Text,
        message -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    changes,
    transitions,
    idempotency_keys,
    agencies,
    api_clients,
    webhook_subscriptions,
    import_jobs,
    import_chunks,
    import_errors,
);
