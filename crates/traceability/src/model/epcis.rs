//! The EPCIS 2.0 REST binding's types (the documents themselves are JSON-LD as the standard
//! defines them; see the operations' descriptions).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tdc_kernel::FieldError;
use utoipa::{IntoParams, ToSchema};

/// An EPCIS 2.0 document in JSON-LD, as the standard's JSON schema defines it: an `EPCISDocument`
/// (`epcisBody.eventList`) to capture, or an `EPCISQueryDocument`
/// (`epcisBody.queryResults.resultsBody.eventList`) as queries answer. Events of the five types
/// (`ObjectEvent`, `AggregationEvent`, `TransactionEvent`, `TransformationEvent`,
/// `AssociationEvent`) with every standard field and namespaced extensions, kept as sent.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(value_type = Object)]
pub struct EpcisDocument(pub serde_json::Value);

/// One EPCIS 2.0 event in JSON-LD, with its `@context`, as the standard's JSON schema defines it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(value_type = Object)]
pub struct EpcisEvent(pub serde_json::Value);

/// What a capture does when an event is refused (`GS1-Capture-Error-Behaviour`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ErrorBehaviour {
    /// One refused event refuses the document: nothing is stored (the default).
    Rollback,
    /// The conforming events are stored; the job lists the refused ones.
    Proceed,
}

impl ErrorBehaviour {
    /// Its name in the header and the job.
    pub fn name(self) -> &'static str {
        match self {
            ErrorBehaviour::Rollback => "rollback",
            ErrorBehaviour::Proceed => "proceed",
        }
    }
}

/// A capture job (EPCIS 2.0 REST binding `CaptureJob`): what one `POST /epcis/v2/capture` became.
/// The hub captures while the request is open, so a job is answered finished (`running: false`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CaptureJob {
    /// The job's id (the last segment of its `Location`).
    #[serde(rename = "captureID")]
    pub capture_id: String,
    /// Whether it is still capturing (always `false`: capture finishes before the answer).
    pub running: bool,
    /// Whether every event was captured (or was already stored identically).
    pub success: bool,
    /// The `GS1-Capture-Error-Behaviour` it ran under.
    pub capture_error_behaviour: ErrorBehaviour,
    /// Events in the document.
    pub received: i32,
    /// Events newly stored.
    pub stored: i32,
    /// Events already stored (the same eventID and content, or the same event hash): not stored twice.
    pub repeated: i32,
    /// Each refused event's refusal: a JSON Pointer into the document, a code, a message.
    pub errors: Vec<FieldError>,
    /// When the capture started.
    pub created_at: DateTime<Utc>,
    /// When it finished.
    pub finished_at: Option<DateTime<Utc>>,
}

tdc_kernel::page!(CaptureJobPage of CaptureJob, "A page of capture jobs, newest first.", "The jobs.");

impl tdc_kernel::resource::Record for CaptureJob {
    fn id(&self) -> &str {
        &self.capture_id
    }
    /// A job is written once: its version is always 1.
    fn version(&self) -> i32 {
        1
    }
}

/// The EPCIS 2.0 query parameters `GET /epcis/v2/events` understands (REST binding §
/// "Query parameters"). A list is pipe-separated (`EQ_bizStep=shipping|receiving`); a CBV value
/// may be a bare word, a URN or a web URI; a GS1 identifier an EPC URI or a GS1 Digital Link (they
/// find each other). A parameter the hub does not know is refused (`QueryParameterException`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EventQuery {
    /// Event types, e.g. `ObjectEvent|AggregationEvent`.
    #[serde(rename = "eventType")]
    #[param(rename = "eventType")]
    pub event_type: Option<String>,
    /// Events that happened at or after this instant (RFC 3339).
    #[serde(rename = "GE_eventTime")]
    #[param(rename = "GE_eventTime")]
    pub ge_event_time: Option<String>,
    /// Events that happened before this instant.
    #[serde(rename = "LT_eventTime")]
    #[param(rename = "LT_eventTime")]
    pub lt_event_time: Option<String>,
    /// Events recorded at or after this instant.
    #[serde(rename = "GE_recordTime")]
    #[param(rename = "GE_recordTime")]
    pub ge_record_time: Option<String>,
    /// Events recorded before this instant.
    #[serde(rename = "LT_recordTime")]
    #[param(rename = "LT_recordTime")]
    pub lt_record_time: Option<String>,
    /// Actions: `ADD`, `OBSERVE`, `DELETE`.
    #[serde(rename = "EQ_action")]
    #[param(rename = "EQ_action")]
    pub eq_action: Option<String>,
    /// Business steps.
    #[serde(rename = "EQ_bizStep")]
    #[param(rename = "EQ_bizStep")]
    pub eq_biz_step: Option<String>,
    /// Dispositions.
    #[serde(rename = "EQ_disposition")]
    #[param(rename = "EQ_disposition")]
    pub eq_disposition: Option<String>,
    /// Read points.
    #[serde(rename = "EQ_readPoint")]
    #[param(rename = "EQ_readPoint")]
    pub eq_read_point: Option<String>,
    /// Read points or their descendants (the hub holds no location hierarchy yet: as `EQ_readPoint`).
    #[serde(rename = "WD_readPoint")]
    #[param(rename = "WD_readPoint")]
    pub wd_read_point: Option<String>,
    /// Business locations.
    #[serde(rename = "EQ_bizLocation")]
    #[param(rename = "EQ_bizLocation")]
    pub eq_biz_location: Option<String>,
    /// Business locations or their descendants (as `EQ_bizLocation` until the hub holds a hierarchy).
    #[serde(rename = "WD_bizLocation")]
    #[param(rename = "WD_bizLocation")]
    pub wd_biz_location: Option<String>,
    /// Event IDs (as given, or the CBV hash the hub assigned).
    #[serde(rename = "EQ_eventID")]
    #[param(rename = "EQ_eventID")]
    pub eq_event_id: Option<String>,
    /// Instance identifiers in `epcList` or `childEPCs`; EPC pattern URIs (`urn:epc:idpat:sgtin:…*`) match a class.
    #[serde(rename = "MATCH_epc")]
    #[param(rename = "MATCH_epc")]
    pub match_epc: Option<String>,
    /// Parent identifiers.
    #[serde(rename = "MATCH_parentID")]
    #[param(rename = "MATCH_parentID")]
    pub match_parent_id: Option<String>,
    /// Input identifiers of transformations.
    #[serde(rename = "MATCH_inputEPC")]
    #[param(rename = "MATCH_inputEPC")]
    pub match_input_epc: Option<String>,
    /// Output identifiers of transformations.
    #[serde(rename = "MATCH_outputEPC")]
    #[param(rename = "MATCH_outputEPC")]
    pub match_output_epc: Option<String>,
    /// Identifiers in any role.
    #[serde(rename = "MATCH_anyEPC")]
    #[param(rename = "MATCH_anyEPC")]
    pub match_any_epc: Option<String>,
    /// Classes in `quantityList` or `childQuantityList` (`urn:epc:class:lgtin:…`, a Digital Link with `/10/`, or a pattern).
    #[serde(rename = "MATCH_epcClass")]
    #[param(rename = "MATCH_epcClass")]
    pub match_epc_class: Option<String>,
    /// Classes in `inputQuantityList`.
    #[serde(rename = "MATCH_inputEPCClass")]
    #[param(rename = "MATCH_inputEPCClass")]
    pub match_input_epc_class: Option<String>,
    /// Classes in `outputQuantityList`.
    #[serde(rename = "MATCH_outputEPCClass")]
    #[param(rename = "MATCH_outputEPCClass")]
    pub match_output_epc_class: Option<String>,
    /// Classes in any quantity list.
    #[serde(rename = "MATCH_anyEPCClass")]
    #[param(rename = "MATCH_anyEPCClass")]
    pub match_any_epc_class: Option<String>,
    /// Only events listing a class with one of these quantities (pipe-separated numbers).
    #[serde(rename = "EQ_quantity")]
    #[param(rename = "EQ_quantity")]
    pub eq_quantity: Option<String>,
    /// Only events listing a class with a quantity above this.
    #[serde(rename = "GT_quantity")]
    #[param(rename = "GT_quantity")]
    pub gt_quantity: Option<String>,
    /// Only events listing a class with a quantity at least this.
    #[serde(rename = "GE_quantity")]
    #[param(rename = "GE_quantity")]
    pub ge_quantity: Option<String>,
    /// Only events listing a class with a quantity below this.
    #[serde(rename = "LT_quantity")]
    #[param(rename = "LT_quantity")]
    pub lt_quantity: Option<String>,
    /// Only events listing a class with a quantity at most this (the quantity conditions hold
    /// together for one listed quantity).
    #[serde(rename = "LE_quantity")]
    #[param(rename = "LE_quantity")]
    pub le_quantity: Option<String>,
    /// Present (with any value, usually empty): only events that declare an error
    /// (`errorDeclaration`), i.e. events captured again as mistaken.
    #[serde(rename = "EXISTS_errorDeclaration")]
    #[param(rename = "EXISTS_errorDeclaration")]
    pub exists_error_declaration: Option<String>,
    /// `eventTime` (the default) or `recordTime`.
    #[serde(rename = "orderBy")]
    #[param(rename = "orderBy")]
    pub order_by: Option<String>,
    /// `ASC` (the default) or `DESC`.
    #[serde(rename = "orderDirection")]
    #[param(rename = "orderDirection")]
    pub order_direction: Option<String>,
    /// At most this many events in all, across pages.
    #[serde(rename = "eventCountLimit")]
    #[param(rename = "eventCountLimit")]
    pub event_count_limit: Option<String>,
    /// Events per page, 1 to 1,000 (default 30).
    #[serde(rename = "perPage")]
    #[param(rename = "perPage")]
    pub per_page: Option<String>,
    /// The token of the next page, from the previous page's `Link` header.
    #[serde(rename = "nextPageToken")]
    #[param(rename = "nextPageToken")]
    pub next_page_token: Option<String>,
}

/// An EPCIS named query (the binding's `QueryDefinition`): a name and a query in the EPCIS query
/// language — the standard query's parameters as a JSON object, lists as arrays
/// (`{"eventType": ["ObjectEvent"], "EQ_bizStep": ["shipping"], "MATCH_epcClass": ["urn:epc:class:lgtin:…"]}`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NamedQuery {
    /// Its name: 1 to 100 letters, digits, `-` and `_`.
    pub name: String,
    /// The query: the parameters of `GET /epcis/v2/events` as a JSON object.
    #[schema(value_type = Object)]
    pub query: serde_json::Value,
}
