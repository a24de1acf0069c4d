//! What EPCIS 2.0 asks of a captured event beyond well-formed JSON: the JSON schema's rules
//! (required fields per event type, enumerations, URIs, unique list items, the time zone offset's
//! pattern, date-times with their offset) and the CBV's that the schema cannot state (a vocabulary
//! value is a CBV word or a URI, and a CBV URI names a word that exists; extension fields are
//! namespaced). Each refusal points at the value (`/epcisBody/eventList/3/action`).

use std::sync::LazyLock;

use regex::Regex;
use tdc_kernel::FieldError;

use super::json::{Json, items};
use super::vocab::{Vocabulary, vocabulary_fields};

/// The five event types.
pub const EVENT_TYPES: [&str; 5] =
    ["ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"];

/// The fields the standard defines on an event; any other must be a namespaced extension.
const STANDARD_FIELDS: [&str; 32] = [
    "@context",
    "type",
    "eventID",
    "eventTime",
    "eventTimeZoneOffset",
    "recordTime",
    "errorDeclaration",
    "certificationInfo",
    "action",
    "bizStep",
    "disposition",
    "persistentDisposition",
    "readPoint",
    "bizLocation",
    "bizTransactionList",
    "sourceList",
    "destinationList",
    "sensorElementList",
    "ilmd",
    "epcList",
    "quantityList",
    "parentID",
    "childEPCs",
    "childQuantityList",
    "inputEPCList",
    "inputQuantityList",
    "outputEPCList",
    "outputQuantityList",
    "transformationID",
    "rdfs:comment",
    "comment",
    "#text",
];

static URI: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$").expect("pattern"));
static OFFSET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[+-]((0[0-9]|1[0-3]):([0-5][0-9])|14:00)$").expect("pattern"));
static DATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|z|[+-]\d{2}:\d{2})$").expect("pattern")
});

/// The refusals of one event at `at` (a JSON Pointer); none when it conforms.
pub fn event(event: &Json, at: &str) -> Vec<FieldError> {
    let mut c = Check { at: at.to_owned(), errors: Vec::new() };
    let Json::Object(members) = event else {
        c.fail("", "type", "an event is an object");
        return c.errors;
    };
    let kind = event.get("type").and_then(Json::as_str).unwrap_or_default();
    if !EVENT_TYPES.contains(&kind) {
        c.fail("/type", "enum", format!("`type` is one of {}", EVENT_TYPES.join(", ")));
    }
    c.required_time(event, "eventTime");
    c.offset(event);
    c.optional_time(event, "recordTime");
    c.uri(event.get("eventID"), "/eventID");
    c.action(event, kind);
    c.identifiers(event, kind);
    c.quantities(event);
    c.places(event);
    c.vocabularies(event);
    c.lists(event);
    c.error_declaration(event);
    for (key, _) in members {
        if !STANDARD_FIELDS.contains(&key.as_str()) && !is_namespaced(key) {
            c.fail(
                &format!("/{key}"),
                "extension_not_namespaced",
                format!("`{key}` is not an EPCIS field; an extension's name is `prefix:name` or an absolute IRI"),
            );
        }
    }
    c.errors
}

fn is_namespaced(key: &str) -> bool {
    key.split_once(':').is_some_and(|(prefix, local)| !prefix.is_empty() && !local.is_empty())
}

struct Check {
    at: String,
    errors: Vec<FieldError>,
}

impl Check {
    fn fail(&mut self, path: &str, code: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(format!("{}{path}", self.at), code, message));
    }

    fn required_time(&mut self, event: &Json, field: &str) {
        match event.get(field) {
            None => self.fail(&format!("/{field}"), "required", format!("`{field}` is required")),
            Some(_) => self.optional_time(event, field),
        }
    }

    fn optional_time(&mut self, value: &Json, field: &str) {
        if let Some(v) = value.get(field) {
            self.time(v, &format!("/{field}"));
        }
    }

    fn time(&mut self, value: &Json, path: &str) {
        let ok = value.as_str().is_some_and(|s| DATE_TIME.is_match(s) && super::hash::parse_time(s).is_some());
        if !ok {
            self.fail(path, "date_time", "a date-time with its offset (RFC 3339), e.g. 2026-03-01T08:30:00.000+07:00");
        }
    }

    fn offset(&mut self, event: &Json) {
        match event.get("eventTimeZoneOffset") {
            None => self.fail("/eventTimeZoneOffset", "required", "`eventTimeZoneOffset` is required"),
            Some(v) if !v.as_str().is_some_and(|s| OFFSET.is_match(s)) => {
                self.fail("/eventTimeZoneOffset", "pattern", "an offset from UTC written ±hh:mm, e.g. +07:00")
            }
            Some(_) => {}
        }
    }

    fn uri(&mut self, value: Option<&Json>, path: &str) {
        if let Some(v) = value
            && !v.as_str().is_some_and(|s| URI.is_match(s))
        {
            self.fail(path, "uri", "a URI (an EPC URN, a GS1 Digital Link or another absolute URI)");
        }
    }

    fn action(&mut self, event: &Json, kind: &str) {
        match (event.get("action"), kind) {
            (None, "TransformationEvent") => {}
            (Some(_), "TransformationEvent") => {
                self.fail("/action", "not_allowed", "a TransformationEvent has no `action`")
            }
            (None, _) if EVENT_TYPES.contains(&kind) => self.fail("/action", "required", "`action` is required"),
            (Some(v), _) if !v.as_str().is_some_and(|a| ["ADD", "OBSERVE", "DELETE"].contains(&a)) => {
                self.fail("/action", "enum", "`action` is ADD, OBSERVE or DELETE")
            }
            _ => {}
        }
    }

    fn identifiers(&mut self, event: &Json, kind: &str) {
        for list in ["epcList", "childEPCs", "inputEPCList", "outputEPCList"] {
            self.uri_list(event.get(list), &format!("/{list}"));
        }
        self.uri(event.get("parentID"), "/parentID");
        if kind == "AssociationEvent" && event.get("parentID").is_none() {
            self.fail("/parentID", "required", "an AssociationEvent names its `parentID`");
        }
        self.uri(event.get("readPoint").and_then(|r| r.get("id")), "/readPoint/id");
        self.uri(event.get("bizLocation").and_then(|r| r.get("id")), "/bizLocation/id");
        match event.get("certificationInfo") {
            Some(Json::Array(_)) => self.uri_list(event.get("certificationInfo"), "/certificationInfo"),
            other => self.uri(other, "/certificationInfo"),
        }
    }

    fn uri_list(&mut self, value: Option<&Json>, path: &str) {
        let Some(value) = value else { return };
        let Json::Array(values) = value else {
            return self.fail(path, "type", "a list of URIs");
        };
        for (i, v) in values.iter().enumerate() {
            self.uri(Some(v), &format!("{path}/{i}"));
            if values[..i].contains(v) {
                self.fail(&format!("{path}/{i}"), "unique_items", "a list names each identifier once");
            }
        }
    }

    fn quantities(&mut self, event: &Json) {
        for list in ["quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"] {
            let Some(value) = event.get(list) else { continue };
            if !matches!(value, Json::Array(_)) {
                self.fail(&format!("/{list}"), "type", "a list of quantity elements");
            }
            for (i, q) in items(Some(value)).iter().enumerate() {
                let at = format!("/{list}/{i}");
                match q.get("epcClass") {
                    None => self.fail(&format!("{at}/epcClass"), "required", "a quantity element names its `epcClass`"),
                    v => self.uri(v, &format!("{at}/epcClass")),
                }
                if q.get("quantity").is_some_and(|n| !matches!(n, Json::Number(_))) {
                    self.fail(&format!("{at}/quantity"), "type", "`quantity` is a number");
                }
                if q.get("uom").is_some() && q.get("quantity").is_none() {
                    self.fail(&format!("{at}/quantity"), "required", "a `uom` comes with its `quantity`");
                }
            }
        }
    }

    fn places(&mut self, event: &Json) {
        for place in ["readPoint", "bizLocation"] {
            if let Some(v) = event.get(place)
                && v.get("id").is_none()
            {
                self.fail(&format!("/{place}/id"), "required", format!("`{place}` names its `id`"));
            }
        }
    }

    fn vocabularies(&mut self, event: &Json) {
        for (value, vocabulary) in vocabulary_fields(event) {
            if !in_vocabulary(value, vocabulary) {
                self.fail(
                    "",
                    "cbv_value",
                    format!(
                        "`{value}` is neither a CBV word of its vocabulary nor a URI outside the CBV's namespace ({})",
                        vocabulary.web_prefix
                    ),
                );
            }
        }
    }

    fn lists(&mut self, event: &Json) {
        for (list, member) in
            [("bizTransactionList", "bizTransaction"), ("sourceList", "source"), ("destinationList", "destination")]
        {
            for (i, item) in items(event.get(list)).iter().enumerate() {
                let at = format!("/{list}/{i}/{member}");
                match item.get(member) {
                    None => self.fail(&at, "required", format!("each of `{list}` names its `{member}`")),
                    v => self.uri(v, &at),
                }
                if member != "bizTransaction" && item.get("type").is_none() {
                    self.fail(&format!("/{list}/{i}/type"), "required", format!("each of `{list}` has its `type`"));
                }
            }
        }
        for (i, element) in items(event.get("sensorElementList")).iter().enumerate() {
            if !matches!(element.get("sensorReport"), Some(Json::Array(r)) if !r.is_empty()) {
                self.fail(
                    &format!("/sensorElementList/{i}/sensorReport"),
                    "required",
                    "a sensor element holds one or more reports",
                );
            }
            if let Some(meta) = element.get("sensorMetadata") {
                for field in ["time", "startTime", "endTime"] {
                    self.optional_time(meta, field);
                }
            }
        }
    }

    fn error_declaration(&mut self, event: &Json) {
        let Some(declaration) = event.get("errorDeclaration") else { return };
        match declaration.get("declarationTime") {
            None => self.fail(
                "/errorDeclaration/declarationTime",
                "required",
                "an error declaration has its `declarationTime`",
            ),
            Some(t) => self.time(t, "/errorDeclaration/declarationTime"),
        }
        self.uri_list(declaration.get("correctiveEventIDs"), "/errorDeclaration/correctiveEventIDs");
    }
}

/// Whether `value` is a word of `vocabulary`, that word's web URI or URN, or a URI outside the CBV.
pub fn in_vocabulary(value: &str, vocabulary: &Vocabulary) -> bool {
    if vocabulary.words.contains(&value) {
        return true;
    }
    let word = value
        .strip_prefix(vocabulary.web_prefix)
        .or_else(|| vocabulary.urn_prefix.and_then(|p| value.strip_prefix(p)))
        .or_else(|| cbv_curie(value, vocabulary));
    match word {
        Some(word) => vocabulary.words.contains(&word),
        None => {
            URI.is_match(value)
                && !value.starts_with("https://ref.gs1.org/cbv/")
                && !value.starts_with("urn:epcglobal:cbv:")
        }
    }
}

fn cbv_curie<'a>(value: &'a str, vocabulary: &Vocabulary) -> Option<&'a str> {
    let local = vocabulary.web_prefix.strip_prefix("https://ref.gs1.org/cbv/").map(|l| ("cbv:", l));
    let local = local.or_else(|| vocabulary.web_prefix.strip_prefix("https://gs1.org/voc/").map(|l| ("gs1:", l)))?;
    value.strip_prefix(local.0)?.strip_prefix(local.1)
}
