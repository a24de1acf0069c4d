//! What the hub indexes of an event: the fields the standard's queries filter on, in one canonical
//! form each (a CBV value as its web URI, a GS1 identifier as its canonical Digital Link), and every
//! identifier the event names with its role — so a query by EPC URN finds an event captured with
//! the Digital Link, and a GTIN and lot lead to the province's products.

use chrono::{DateTime, Utc};

use super::amounts::{self, ClassQuantity, IlmdDates};
use super::dl;
use super::json::{Json, items};
use super::vocab::{self, Vocabulary};

/// The indexed fields of one valid event.
#[derive(Debug, Clone, PartialEq)]
pub struct Indexed {
    /// Its type.
    pub event_type: String,
    /// When it happened, in UTC.
    pub event_time: DateTime<Utc>,
    /// `ADD`, `OBSERVE` or `DELETE`.
    pub action: Option<String>,
    /// The business step as a web URI.
    pub biz_step: Option<String>,
    /// The disposition as a web URI.
    pub disposition: Option<String>,
    /// The read point, canonical.
    pub read_point: Option<String>,
    /// The business location, canonical.
    pub biz_location: Option<String>,
    /// Whether it declares an earlier capture of itself in error.
    pub declared: bool,
    /// The identifiers it names.
    pub ids: Vec<Named>,
    /// The quantities it lists, class by class.
    pub quantities: Vec<ClassQuantity>,
    /// The dates its ILMD gives the lots it creates.
    pub dates: IlmdDates,
}

/// An identifier an event names, in the role it names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    /// `epc`, `parent`, `child`, `input`, `output`, `class`, `child_class`, `input_class`, `output_class`.
    pub role: &'static str,
    /// The identifier, canonical where it is a GS1 key.
    pub value: String,
    /// The GTIN it carries (`/01/`), if any.
    pub gtin: Option<String>,
    /// The lot (`/10/`), if any.
    pub lot: Option<String>,
}

/// A GS1 key or other identifier in the form the hub compares it.
pub fn identifier(raw: &str) -> String {
    dl::canonical(raw).unwrap_or_else(|| raw.to_owned())
}

/// A CBV value in the form the hub compares it: a word or URN as its web URI.
pub fn cbv_value(raw: &str, vocabulary: &Vocabulary) -> String {
    if vocabulary.words.contains(&raw) {
        return format!("{}{raw}", vocabulary.web_prefix);
    }
    if let Some(word) = vocabulary.urn_prefix.and_then(|p| raw.strip_prefix(p)) {
        return format!("{}{word}", vocabulary.web_prefix);
    }
    if let Some(rest) = raw.strip_prefix("cbv:") {
        return format!("https://ref.gs1.org/cbv/{rest}");
    }
    raw.to_owned()
}

/// The indexed fields of a valid event (`None` without a readable `eventTime`).
pub fn of(event: &Json) -> Option<Indexed> {
    let text = |k: &str| event.get(k).and_then(Json::as_str).map(str::to_owned);
    let place = |k: &str| event.get(k).and_then(|p| p.get("id")).and_then(Json::as_str).map(identifier);
    Some(Indexed {
        event_type: text("type")?,
        event_time: super::hash::parse_time(event.get("eventTime")?.as_str()?)?,
        action: text("action"),
        biz_step: text("bizStep").map(|v| cbv_value(&v, &vocab::BIZ_STEPS)),
        disposition: text("disposition").map(|v| cbv_value(&v, &vocab::DISPOSITIONS)),
        read_point: place("readPoint"),
        biz_location: place("bizLocation"),
        declared: event.get("errorDeclaration").is_some(),
        ids: named(event),
        quantities: amounts::quantities(event),
        dates: amounts::ilmd_dates(event),
    })
}

fn named(event: &Json) -> Vec<Named> {
    let mut ids: Vec<Named> = Vec::new();
    let mut add = |role: &'static str, raw: Option<&str>| {
        if let Some(raw) = raw {
            let value = identifier(raw);
            if !ids.iter().any(|n| n.role == role && n.value == value) {
                let (gtin, lot) = gtin_and_lot(&value);
                ids.push(Named { role, value, gtin, lot });
            }
        }
    };
    for (list, role) in
        [("epcList", "epc"), ("childEPCs", "child"), ("inputEPCList", "input"), ("outputEPCList", "output")]
    {
        for epc in items(event.get(list)) {
            add(role, epc.as_str());
        }
    }
    add("parent", event.get("parentID").and_then(Json::as_str));
    let classes = [
        ("quantityList", "class"),
        ("childQuantityList", "child_class"),
        ("inputQuantityList", "input_class"),
        ("outputQuantityList", "output_class"),
    ];
    for (list, role) in classes {
        for q in items(event.get(list)) {
            add(role, q.get("epcClass").and_then(Json::as_str));
        }
    }
    ids
}

/// The GTIN and lot of a canonical Digital Link (`https://id.gs1.org/01/<gtin>[/10/<lot>]`).
pub fn gtin_and_lot(canonical: &str) -> (Option<String>, Option<String>) {
    let Some(rest) = canonical.strip_prefix("https://id.gs1.org/01/") else { return (None, None) };
    let mut parts = rest.split('/');
    let gtin = parts.next().map(str::to_owned);
    let lot = match (parts.next(), parts.next()) {
        (Some("10"), Some(lot)) => Some(percent_encoding::percent_decode_str(lot).decode_utf8_lossy().into_owned()),
        _ => None,
    };
    (gtin, lot)
}
