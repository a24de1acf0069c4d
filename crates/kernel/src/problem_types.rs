//! What each problem `code` means and how to fix it — the page a problem's `type` URI resolves to
//! (`/problems/{code}`). The kernel's codes are here; each domain lists its own in its `domain()`
//! (`Domain::problems`), and the gateway serves them all.

use serde::Serialize;
use utoipa::ToSchema;

/// A kind of problem: its code, its status, what it means and how to fix it.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct ProblemType {
    /// The stable `code`, also the last segment of the problem's `type`.
    pub code: &'static str,
    /// The HTTP status it comes with.
    pub status: u16,
    /// Its title.
    pub title: &'static str,
    /// What it means.
    pub meaning: &'static str,
    /// How to fix it.
    pub fix: &'static str,
}

const fn p(
    code: &'static str,
    status: u16,
    title: &'static str,
    meaning: &'static str,
    fix: &'static str,
) -> ProblemType {
    ProblemType { code, status, title, meaning, fix }
}

/// The kernel's problems: the protocol's, authentication's, versions', lifecycles', idempotency's.
pub const KERNEL: &[ProblemType] = &[
    p(
        "malformed_request",
        400,
        "Malformed request",
        "The body is not JSON of the expected shape, or a path or query parameter cannot be read; `errors[]` points at it.",
        "Send the value the operation's schema describes at the pointer named.",
    ),
    p(
        "client_error",
        400,
        "Request refused",
        "The request was refused at the HTTP level for a reason with no more specific code.",
        "Check the method, headers and body against the operation in the OpenAPI document.",
    ),
    p(
        "unauthorized",
        401,
        "Authentication required",
        "No bearer token, or one that is expired, malformed, for another audience, signed by an unknown key, or of a disabled client.",
        "Get a token at `/api/v1/auth/token` (client credentials) and send it as `Authorization: Bearer …`; get a new one when it expires (15 minutes by default).",
    ),
    p(
        "forbidden",
        403,
        "Not allowed",
        "The caller may not do this, for a reason with no more specific code.",
        "Ask DOST's administrators for a client with the role the operation needs.",
    ),
    p(
        "insufficient_scope",
        403,
        "Not allowed",
        "The token lacks the scope the operation names in its `security`.",
        "Use a client whose roles grant that scope (the scope's description says which); request the scope when getting the token.",
    ),
    p(
        "not_lead_agency",
        403,
        "Not allowed",
        "Only the record's lead agency (or DOST's administrators) may make this change or move.",
        "Ask the lead agency named in `lead_agency` to make it, or coordinate with it.",
    ),
    p(
        "dost_only",
        403,
        "Not allowed",
        "Only the Department of Science and Technology (DOST) may do this.",
        "Ask DOST to act, or use a DOST client.",
    ),
    p(
        "inspectorate_only",
        403,
        "Not allowed",
        "Only the provincial inspectorate may do this (resolving overlaps, reviewing plans).",
        "Ask the inspectorate to act.",
    ),
    p(
        "not_a_party",
        403,
        "Not allowed",
        "Only a party to the record — its lead agency or an agency it names, such as one a coordination request asks — may make this move.",
        "Act from one of the parties' clients.",
    ),
    p(
        "administrators_only",
        403,
        "Not allowed",
        "Only DOST's administrators may record this (the government's decisions on days off).",
        "Ask DOST's administrators.",
    ),
    p(
        "not_found",
        404,
        "Not found",
        "No such resource, or none the caller may see (restricted records answer 404 to others).",
        "Check the id, and that the caller's agency leads or coordinates the record if it is restricted.",
    ),
    p(
        "method_not_allowed",
        405,
        "Method not allowed",
        "The path exists but not with this method; `Allow` lists those it takes.",
        "Use one of the methods in `Allow`.",
    ),
    p(
        "not_acceptable",
        406,
        "Not acceptable",
        "The hub cannot answer in a media type `Accept` allows.",
        "Accept `application/json` (and `application/problem+json`), or the type the operation documents.",
    ),
    p(
        "request_timeout",
        408,
        "Request timeout",
        "The body did not arrive in time.",
        "Send the whole body promptly; split large uploads into batches.",
    ),
    p(
        "length_required",
        411,
        "Length required",
        "The body has no length.",
        "Send `Content-Length` (or a chunked body).",
    ),
    p(
        "version_mismatch",
        412,
        "Stale version",
        "`If-Match` names a version that is no longer the current one: someone changed the record since it was read.",
        "Read the record again (its `ETag`), re-apply the change and send it with the new version.",
    ),
    p(
        "payload_too_large",
        413,
        "Request body too large",
        "The body is larger than the hub accepts (`GET /api/v1` says how large).",
        "Send smaller batches (at most 1,000 items).",
    ),
    p(
        "uri_too_long",
        414,
        "URI too long",
        "The request's URI is longer than the hub reads.",
        "Send fewer or shorter query parameters.",
    ),
    p(
        "unsupported_media_type",
        415,
        "Unsupported media type",
        "The body's `Content-Type` is not one the operation accepts, or not UTF-8.",
        "Send the media type the operation documents (usually `application/json; charset=utf-8`).",
    ),
    p(
        "validation_failed",
        422,
        "Invalid request",
        "The body is well-formed but some fields are invalid; `errors[]` names each by JSON pointer, with its own code and message.",
        "Correct each field named and send again.",
    ),
    p(
        "idempotency_key_reused",
        422,
        "Unprocessable request",
        "This `Idempotency-Key` was used with a different request (another body or path) in the last 24 hours.",
        "Use a new key for a new request; resend the very same request to get its first answer again.",
    ),
    p(
        "duplicate_key",
        409,
        "Conflict",
        "A record with this natural key (tax code, GTIN, code, number…) exists already; `errors[]` names the field.",
        "Read or update the existing record instead (`PUT …/by-…` upserts by key).",
    ),
    p(
        "illegal_transition",
        409,
        "Conflict",
        "This lifecycle action is not allowed from the record's current state; `allowed_actions` lists those that are.",
        "Take one of the allowed actions, or read the record's state first.",
    ),
    p(
        "idempotency_in_progress",
        409,
        "Conflict",
        "A request with this `Idempotency-Key` is still being processed.",
        "Retry shortly with the same key: its answer is replayed once it is done.",
    ),
    p(
        "not_dead",
        409,
        "Conflict",
        "Only a dead queue item (given up after its last attempt) is retried on request; this one is pending, running or done.",
        "Wait for its attempts, or read its state in the list.",
    ),
    p(
        "dispatched_elsewhere",
        409,
        "Conflict",
        "Internal: two instances followed the change feed for the same webhook subscription at once; one round lost and is repeated. Never answered to a client.",
        "Nothing to do.",
    ),
    p(
        "precondition_required",
        428,
        "Precondition required",
        "This change needs `If-Match` with the version read, so that it never overwrites a change it has not seen.",
        "Read the record, then send its `ETag` as `If-Match`.",
    ),
    p(
        "rate_limited",
        429,
        "Too many requests",
        "The client's or the address's budget of requests is used for now.",
        "Wait `Retry-After` seconds; the `RateLimit-*` headers say how much is left.",
    ),
    p(
        "headers_too_large",
        431,
        "Request header fields too large",
        "The request's header fields are larger than the hub reads.",
        "Send fewer or smaller headers (cookies do not belong here).",
    ),
    p(
        "internal_error",
        500,
        "Internal error",
        "The hub failed unexpectedly; nothing was half-written.",
        "Retry; if it persists, report the `request_id` to the hub's operators.",
    ),
    p(
        "service_unavailable",
        503,
        "Service unavailable",
        "The hub is starting, stopping or overloaded.",
        "Retry after `Retry-After` seconds.",
    ),
    p(
        "database_unavailable",
        503,
        "Service unavailable",
        "The database cannot be reached.",
        "Retry later; the operators watch `/readyz`.",
    ),
    p(
        "samples_pending",
        409,
        "Conflict",
        "Samples of this inspection or survey still wait for their results.",
        "Record every sample's result first.",
    ),
    p(
        "unknown_resource",
        400,
        "Malformed request",
        "`resource` names nothing the hub imports; the message lists what it does (each resource with a batch endpoint whose rows are upserted by a natural key).",
        "Send one of the names listed (`ImportJob.resource` in the document enumerates them).",
    ),
    p(
        "malformed_file",
        400,
        "Malformed request",
        "The import file's shape is wrong as a whole: a JSON import that is not one array, something after the array, a CSV without a header row or with a field named twice.",
        "Send NDJSON (one object per line), a CSV whose first row names the fields, or one JSON array of objects.",
    ),
    p(
        "malformed_row",
        400,
        "Malformed row",
        "In an import's error report: the row cannot be read — a line that is not JSON, a CSV row with more or fewer cells than the header.",
        "Correct the row (its number is in `row`) and import the corrected rows again: rows already stored are upserted unchanged.",
    ),
    p(
        "row_too_large",
        400,
        "Row too large",
        "In an import's error report: the row is longer than 1 MiB.",
        "Split the record's large parts out (documents are referenced, not embedded).",
    ),
    p(
        "import_ended",
        409,
        "Conflict",
        "The import job has already succeeded, failed or been canceled: there is nothing left to cancel.",
        "Read the job (`GET /api/v1/import-jobs/{id}`) and its error report.",
    ),
];
