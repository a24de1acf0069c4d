//! The pre-hash string of an event (CBV 2.0 §8.9.2): its fields in the standard's order, each
//! `name=value`, lists sorted, then the fields the order does not name (extensions) in canonical
//! order. Written as the reference implementation computes it, quirks included, so that the hub's
//! event IDs equal those every other implementation derives.

use super::canon;
use super::tree::{Element, Node};

/// The order of an element's children: each name, and the order of its own children.
type Order = &'static [Field];

/// One field of an order: its name and the order of its own children.
struct Field(&'static str, Option<Order>);

const QUANTITY: Order =
    &[Field("quantityElement", Some(&[Field("epcClass", None), Field("quantity", None), Field("uom", None)]))];
const EPCS: Order = &[Field("epc", None)];
const ID: Order = &[Field("id", None)];

const SENSOR_METADATA: Order = &[
    Field("time", None),
    Field("startTime", None),
    Field("endTime", None),
    Field("deviceID", None),
    Field("deviceMetadata", None),
    Field("rawData", None),
    Field("dataProcessingMethod", None),
    Field("bizRules", None),
];

const SENSOR_REPORT: Order = &[
    Field("type", None),
    Field("exception", None),
    Field("deviceID", None),
    Field("deviceMetadata", None),
    Field("rawData", None),
    Field("dataProcessingMethod", None),
    Field("time", None),
    Field("microorganism", None),
    Field("chemicalSubstance", None),
    Field("value", None),
    Field("component", None),
    Field("stringValue", None),
    Field("booleanValue", None),
    Field("hexBinaryValue", None),
    Field("uriValue", None),
    Field("minValue", None),
    Field("maxValue", None),
    Field("meanValue", None),
    Field("sDev", None),
    Field("percRank", None),
    Field("percValue", None),
    Field("uom", None),
    Field("coordinateReferenceSystem", None),
];

/// The event's fields in the order CBV 2.0 §8.9.2 concatenates them. (Business transactions,
/// sources and destinations are written with the extensions, as the reference writes them.)
const EVENT: Order = &[
    Field("eventTime", None),
    Field("eventTimeZoneOffset", None),
    Field("certificationInfo", None),
    Field("parentID", None),
    Field("epcList", Some(EPCS)),
    Field("inputEPCList", Some(EPCS)),
    Field("childEPCs", Some(EPCS)),
    Field("quantityList", Some(QUANTITY)),
    Field("childQuantityList", Some(QUANTITY)),
    Field("inputQuantityList", Some(QUANTITY)),
    Field("outputEPCList", Some(EPCS)),
    Field("outputQuantityList", Some(QUANTITY)),
    Field("action", None),
    Field("transformationID", None),
    Field("bizStep", None),
    Field("disposition", None),
    Field("persistentDisposition", Some(&[Field("set", None), Field("unset", None)])),
    Field("readPoint", Some(ID)),
    Field("bizLocation", Some(ID)),
    Field("bizTransactionList", None),
    Field("sourceList", None),
    Field("destinationList", None),
    Field(
        "sensorElementList",
        Some(&[Field(
            "sensorElement",
            Some(&[Field("sensorMetadata", Some(SENSOR_METADATA)), Field("sensorReport", Some(SENSOR_REPORT))]),
        )]),
    ),
];

/// Fields that never enter the hash.
const IGNORED: [&str; 4] = ["recordTime", "eventID", "type", "errorDeclaration"];

/// The pre-hash string of one event's tree.
pub fn of(mut event: Element) -> String {
    let ordered = in_order(&mut event.children, EVENT);
    event.children.retain(|c| !c.name().is_some_and(|n| IGNORED.contains(&n)));
    let rest = if event.children.is_empty() { String::new() } else { generic(&event.children) };
    format!("eventType={}{ordered}{rest}", event.name)
}

fn in_order(children: &mut Vec<Node>, order: Order) -> String {
    let extensions = user_extensions(children);
    let mut pre_hash = String::new();
    for Field(name, sub_order) in order {
        let mut values = Vec::new();
        let mut consumed = Vec::new();
        for (i, child) in children.iter_mut().enumerate() {
            let Node::Element(element) = child else { continue };
            if element.name != *name {
                continue;
            }
            let text = element_text(element, *sub_order);
            if !text.is_empty() {
                values.push(text);
            }
            if element.children.is_empty() {
                consumed.push(i);
            }
        }
        for i in consumed.into_iter().rev() {
            children.remove(i);
        }
        values.sort();
        values.iter().for_each(|v| pre_hash.push_str(v));
    }
    if !extensions.is_empty() {
        pre_hash.push_str(&generic(&extensions));
    }
    pre_hash
}

/// Extensions nested in a standard field are written right after it (`_gather_user_extensions`):
/// children named `{namespace/}local`, unless the list is an event's own fields.
fn user_extensions(children: &mut Vec<Node>) -> Vec<Node> {
    if children.len() <= 1
        || children.iter().any(|c| c.name().is_some_and(|n| n.contains("eventTime") || n.contains("action")))
    {
        return Vec::new();
    }
    let is_extension = |c: &Node| c.name().is_some_and(|n| n.contains('{') && n.contains("/}"));
    let extensions: Vec<Node> = children.iter().filter(|c| is_extension(c)).cloned().collect();
    children.retain(|c| !is_extension(c));
    extensions
}

fn element_text(element: &mut Element, sub_order: Option<Order>) -> String {
    let nested = match sub_order {
        Some(order) if !order.is_empty() => in_order(&mut element.children, order),
        _ => String::new(),
    };
    let mut text = String::new();
    if !element.text.is_empty() {
        let raw = element.text.trim();
        let lower = element.name.to_ascii_lowercase();
        let written =
            if lower.contains("time") && !lower.contains("offset") { canon::time(raw) } else { canon::value(raw) };
        if !written.is_empty() {
            text = format!("={written}");
        }
    }
    if text.is_empty() && nested.is_empty() { String::new() } else { format!("{}{text}{nested}", element.name) }
}

/// Fields outside the order, each `name=value` followed by its children, sorted unless they are a
/// transaction's, source's or destination's (whose order is the one sent).
fn generic(children: &[Node]) -> String {
    let mut values: Vec<String> = children
        .iter()
        .map(|child| match child {
            Node::Pair(first, second) => {
                generic(&[Node::Element((**first).clone()), Node::Element((**second).clone())])
            }
            Node::Element(e) => {
                let raw = e.text.trim();
                let text = if raw.is_empty() { String::new() } else { format!("={}", canon::value(raw)) };
                format!("{}{text}{}", e.name, generic(&e.children))
            }
        })
        .collect();
    let keep_order =
        children.iter().any(|c| c.name().is_some_and(|n| ["bizTransaction", "source", "destination"].contains(&n)));
    if children.len() > 1 && !keep_order {
        values.sort();
    }
    values.concat()
}
