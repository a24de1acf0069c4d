//! An event as the hash algorithm reads it: the XML-shaped tree of the reference implementation
//! (`epcis-event-hash-generator`'s `json_to_py` and its structure corrections). Each node is a name,
//! a text and children; a list's items become repeated children of the list's name; extension
//! names are expanded to `{namespace}local`; a business transaction, source or destination becomes
//! the pair of its first two members.

use std::collections::HashMap;

use crate::epcis::json::Json;

/// A node of the tree. The derived order is the reference's (Python's tuple order).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Node {
    /// A named element with its text and children.
    Element(Element),
    /// A business transaction, source or destination: its first two members, in the order sent.
    Pair(Box<Element>, Box<Element>),
}

/// A named element.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Element {
    /// Its name (`{namespace}local` for an extension).
    pub name: String,
    /// Its text (empty for a structure).
    pub text: String,
    /// Its children.
    pub children: Vec<Node>,
}

impl Node {
    /// The element's name (`None` for a pair, whose name matches nothing).
    pub fn name(&self) -> Option<&str> {
        match self {
            Node::Element(e) => Some(&e.name),
            Node::Pair(..) => None,
        }
    }
}

/// The namespace prefixes a document's `@context` declares, each as `{iri}`.
pub type Namespaces = HashMap<String, String>;

/// The prefixes of a document's `@context`: a list's objects declare them (an expanded term
/// definition by its `@id`); a lone object or string declares none (as the reference reads it).
pub fn namespaces(context: Option<&Json>) -> Namespaces {
    let mut found = Namespaces::new();
    let Some(Json::Array(items)) = context else { return found };
    for item in items {
        match item {
            Json::String(s) => {
                found.insert(s.clone(), format!("{{{s}}}"));
            }
            Json::Object(members) => {
                for (key, value) in members {
                    let iri = value.as_str().or_else(|| value.get("@id").and_then(Json::as_str));
                    if let Some(iri) = iri {
                        found.insert(key.clone(), format!("{{{iri}}}"));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

fn expand(text: &str, namespaces: &Namespaces, is_value: bool) -> String {
    match text.split_once(':') {
        Some((prefix, local)) if namespaces.contains_key(prefix) => {
            let ns = &namespaces[prefix];
            if is_value { format!("{}{local}", ns.replace(['{', '}'], "")) } else { format!("{ns}{local}") }
        }
        _ => text.to_owned(),
    }
}

fn scalar_text(value: &Json, namespaces: &Namespaces) -> String {
    match value {
        Json::Null => "None".into(),
        Json::Bool(b) => if *b { "True" } else { "False" }.into(),
        Json::Number(n) => match n.as_f64() {
            Some(f) if !n.is_i64() && !n.is_u64() => super::canon::python_float(f),
            _ => n.to_string(),
        },
        Json::String(s) => expand(s, namespaces, true),
        Json::Array(_) | Json::Object(_) => String::new(),
    }
}

/// The tree of one JSON value (`_json_to_py`).
pub fn of(value: &Json, namespaces: &Namespaces) -> Element {
    match value {
        Json::Array(items) => {
            Element { children: items.iter().map(|i| Node::Element(of(i, namespaces))).collect(), ..Element::default() }
        }
        Json::Object(members) => object(members, namespaces),
        scalar => Element { text: scalar_text(scalar, namespaces), ..Element::default() },
    }
}

fn object(members: &[(String, Json)], namespaces: &Namespaces) -> Element {
    let lookup = |k: &str| members.iter().find(|(key, _)| key == k).map(|(_, v)| v);
    let mut element = Element {
        name: lookup("type").and_then(Json::as_str).unwrap_or_default().to_owned(),
        text: lookup("#text").and_then(Json::as_str).unwrap_or_default().to_owned(),
        children: Vec::new(),
    };
    for (key, value) in members {
        if ["#text", "rdfs:comment", "comment"].contains(&key.as_str()) || key.starts_with("@xmlns") {
            continue;
        }
        let child = of(value, namespaces);
        let key = expand(key, namespaces, false);
        if matches!(value, Json::Array(_)) {
            for item in child.children {
                if let Node::Element(item) = item {
                    element.children.push(Node::Element(Element { name: key.clone(), ..item }));
                }
            }
        } else {
            element.children.push(Node::Element(Element { name: key, ..child }));
        }
    }
    if !["bizTransaction", "source", "destination"].iter().any(|k| lookup(k).is_some()) {
        element.children.sort();
    }
    element
}

const PAIRED_LISTS: [&str; 3] = ["sourceList", "destinationList", "bizTransactionList"];

/// The reference's corrections of the JSON shape towards the XML one (`deep_structure_correction`).
pub fn corrected(element: Element) -> Element {
    let mut children = element.children;
    let mut lists: Vec<(String, Vec<Element>)> = Vec::new();
    children.retain(|child| {
        let Node::Element(e) = child else { return true };
        let Some(item_name) = e.name.strip_suffix("List") else { return true };
        let item = Element { name: item_name.to_owned(), ..e.clone() };
        match lists.iter_mut().find(|(name, _)| *name == e.name) {
            Some((_, items)) => items.push(item),
            None => lists.push((e.name.clone(), vec![item])),
        }
        false
    });
    for (name, items) in lists {
        let items = if PAIRED_LISTS.contains(&name.as_str()) {
            items.into_iter().map(paired).collect()
        } else {
            items.into_iter().map(Node::Element).collect()
        };
        children.push(Node::Element(Element { name, text: String::new(), children: items }));
    }
    let mut child_epcs = Vec::new();
    children.retain(|child| match child {
        Node::Element(e) if e.name == "childEPCs" => {
            child_epcs.push(Node::Element(Element { name: "epc".into(), text: e.text.clone(), children: vec![] }));
            false
        }
        _ => true,
    });
    if !child_epcs.is_empty() {
        children.push(Node::Element(Element { name: "childEPCs".into(), text: String::new(), children: child_epcs }));
    }
    let children = children
        .into_iter()
        .map(|child| match child {
            Node::Element(e) if !PAIRED_LISTS.contains(&e.name.as_str()) => Node::Element(corrected(e)),
            other => other,
        })
        .collect();
    renamed(Element { children, ..element })
}

/// A transaction, source or destination: its first two members.
fn paired(item: Element) -> Node {
    let mut members = item.children.into_iter().filter_map(|c| match c {
        Node::Element(e) => Some(e),
        Node::Pair(..) => None,
    });
    match (members.next(), members.next()) {
        (Some(first), Some(second)) => Node::Pair(Box::new(first), Box::new(second)),
        (first, _) => Node::Element(first.unwrap_or_default()),
    }
}

fn renamed(element: Element) -> Element {
    let name = match element.name.as_str() {
        "inputEPC" | "outputEPC" => "epc",
        "inputQuantity" | "outputQuantity" | "childQuantity" => "quantityElement",
        "quantity" if !element.children.is_empty() => "quantityElement",
        _ => return element,
    };
    Element { name: name.into(), ..element }
}
