//! The CBV 2.0 event hash ID (§8.9): `ni:///sha-256;<hex>?ver=CBV2.0`, the SHA-256 of an event's
//! canonical pre-hash string. An event captured without an `eventID` gets it, so the same event
//! sent twice — by one system or by two — is stored once. Equal, event for event, to the reference
//! implementation (PyPI `epcis-event-hash-generator`), which `.ci/check-epcis-hashes` checks on
//! every example; unlike its 1.9.3 release, a context with expanded term definitions is read.

mod canon;
mod prehash;
mod tree;

pub use canon::parse_time;

use std::collections::BTreeSet;

use sha2::{Digest, Sha256};

use super::json::Json;
use super::vocab::vocabulary_fields;

/// The hash IDs of a document's events, in order; `context` is the document's `@context`.
pub fn event_ids(events: &[Json], context: Option<&Json>) -> Vec<String> {
    pre_hashes(events, context).iter().map(|p| hash_id(p)).collect()
}

/// The ID of each of a document's events: its `eventID`, or (hashed only then) its hash ID.
pub fn given_or_hashed(events: &[Json], context: Option<&Json>) -> Vec<String> {
    let given = |e: &Json| e.get("eventID").and_then(Json::as_str).map(str::to_owned);
    if events.iter().all(|e| given(e).is_some()) {
        return events.iter().filter_map(given).collect();
    }
    let pre_hash = PreHasher::of(events, context);
    events.iter().map(|e| given(e).unwrap_or_else(|| hash_id(&pre_hash.of_event(e)))).collect()
}

/// The pre-hash strings of a document's events (what [`event_ids`] hashes).
pub fn pre_hashes(events: &[Json], context: Option<&Json>) -> Vec<String> {
    let pre_hash = PreHasher::of(events, context);
    events.iter().map(|e| pre_hash.of_event(e)).collect()
}

/// What the pre-hash of a document's event depends on besides the event: the vocabulary URIs
/// the whole document names and its namespace prefixes.
struct PreHasher {
    expanded: BTreeSet<String>,
    namespaces: tree::Namespaces,
}

impl PreHasher {
    fn of(events: &[Json], context: Option<&Json>) -> PreHasher {
        PreHasher { expanded: expanded_vocabulary(events), namespaces: tree::namespaces(context) }
    }

    fn of_event(&self, event: &Json) -> String {
        let event = with_vocabulary_expanded(event, &self.expanded);
        prehash::of(tree::corrected(tree::of(&event, &self.namespaces)))
    }
}

/// `ni:///sha-256;…?ver=CBV2.0` of a pre-hash string.
pub fn hash_id(pre_hash: &str) -> String {
    let digest = Sha256::digest(pre_hash.as_bytes());
    let mut id = String::with_capacity(91);
    id.push_str("ni:///sha-256;");
    for b in digest {
        id.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        id.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
    }
    id.push_str("?ver=CBV2.0");
    id
}

const CBV: &str = "https://ref.gs1.org/cbv";
const VOC: &str = "https://gs1.org/voc";

/// Every CBV or GS1 Web Vocabulary URI the document's events name, as JSON-LD expansion writes
/// them: a bare word in a vocabulary field, a `cbv:` or `gs1:` CURIE, or the URI itself.
fn expanded_vocabulary(events: &[Json]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for event in events {
        every_string(event, &mut |s| {
            if s.starts_with(CBV) || s.starts_with(VOC) {
                found.insert(s.to_owned());
            } else if let Some(rest) = s.strip_prefix("cbv:") {
                found.insert(format!("{CBV}/{rest}"));
            } else if let Some(rest) = s.strip_prefix("gs1:") {
                found.insert(format!("{VOC}/{rest}"));
            }
        });
        for (value, vocabulary) in vocabulary_fields(event) {
            if vocabulary.words.contains(&value) {
                found.insert(format!("{}{value}", vocabulary.web_prefix));
            }
        }
    }
    found
}

fn every_string(value: &Json, visit: &mut impl FnMut(&str)) {
    match value {
        Json::String(s) => visit(s),
        Json::Array(items) => items.iter().for_each(|i| every_string(i, visit)),
        Json::Object(members) => members.iter().for_each(|(_, v)| every_string(v, visit)),
        _ => {}
    }
}

/// Each string value that exactly one expanded URI ends in (`-word` or `/word`) becomes that URI.
fn with_vocabulary_expanded(value: &Json, expanded: &BTreeSet<String>) -> Json {
    match value {
        Json::String(s) => {
            let ends_in =
                |x: &&String| x.strip_suffix(s.as_str()).is_some_and(|head| head.ends_with('-') || head.ends_with('/'));
            let mut matches = expanded.iter().filter(ends_in);
            match (matches.next(), matches.next()) {
                (Some(only), None) => Json::String(only.clone()),
                _ => value.clone(),
            }
        }
        Json::Array(items) => Json::Array(items.iter().map(|i| with_vocabulary_expanded(i, expanded)).collect()),
        Json::Object(members) => {
            Json::Object(members.iter().map(|(k, v)| (k.clone(), with_vocabulary_expanded(v, expanded))).collect())
        }
        other => other.clone(),
    }
}
