//! How a CSV row becomes a resource's input: the header names the input's fields, and each cell is
//! read as its field's type says in the input's schema — a number for a number, `true`/`false`
//! for a flag, a list as a JSON array or values separated by `|`, an object as JSON — and as text
//! otherwise (a tax code `0101234567` stays text). An empty cell leaves its field out. A cell that
//! does not read as its type is passed on as text, so the input's own checks refuse it with a
//! pointer at the field, exactly as a batch would.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// What a field holds, as its schema says.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Text (and enumerations).
    Text,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A list of values of one kind.
    List(Box<Kind>),
    /// An object, written as JSON in its cell.
    Json,
}

/// The fields of an input and what each holds.
#[derive(Debug, Clone, Default)]
pub struct Columns(BTreeMap<String, Kind>);

/// How deep `$ref`s are followed before a field is read as text.
const MAX_DEPTH: usize = 8;

impl Columns {
    /// The fields of input `I`, from its schema.
    pub fn of<I: utoipa::ToSchema>() -> Columns {
        let mut named = Vec::new();
        I::schemas(&mut named);
        let defs: BTreeMap<String, Value> =
            named.into_iter().filter_map(|(name, s)| Some((name, serde_json::to_value(s).ok()?))).collect();
        let schema = serde_json::to_value(I::schema()).unwrap_or(Value::Null);
        let mut fields = BTreeMap::new();
        properties(&schema, &defs, 0, &mut fields);
        Columns(fields)
    }

    /// What field `name` holds (text for a name the input does not have: its checks refuse it).
    pub fn kind(&self, name: &str) -> &Kind {
        self.0.get(name).unwrap_or(&Kind::Text)
    }

    /// The record a CSV row holds, its cells named by `header`.
    pub fn record(&self, header: &[String], cells: &csv::StringRecord) -> Value {
        let mut record = Map::new();
        for (name, cell) in header.iter().zip(cells.iter()) {
            if !cell.is_empty() {
                record.insert(name.clone(), read(self.kind(name), cell));
            }
        }
        Value::Object(record)
    }
}

/// Collects the properties of an object schema (and of the schemas an `allOf` joins).
fn properties(schema: &Value, defs: &BTreeMap<String, Value>, depth: usize, out: &mut BTreeMap<String, Kind>) {
    let schema = resolve(schema, defs, depth);
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (name, field) in props {
            out.insert(name.clone(), kind_of(field, defs, depth));
        }
    }
    for part in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        properties(part, defs, depth + 1, out);
    }
}

/// The schema a `$ref` names (or the schema itself).
fn resolve<'a>(schema: &'a Value, defs: &'a BTreeMap<String, Value>, depth: usize) -> &'a Value {
    let named = schema.get("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next());
    match named.and_then(|name| defs.get(name)) {
        Some(found) if depth < MAX_DEPTH => resolve(found, defs, depth + 1),
        _ => schema,
    }
}

fn kind_of(schema: &Value, defs: &BTreeMap<String, Value>, depth: usize) -> Kind {
    if depth >= MAX_DEPTH {
        return Kind::Text;
    }
    let schema = resolve(schema, defs, depth);
    for union in ["oneOf", "anyOf", "allOf"] {
        let mut parts = schema.get(union).and_then(Value::as_array).into_iter().flatten();
        if let Some(part) = parts.find(|p| p.get("type").and_then(Value::as_str) != Some("null")) {
            return kind_of(part, defs, depth + 1);
        }
    }
    let named = match schema.get("type") {
        Some(Value::String(t)) => Some(t.as_str()),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    };
    match named {
        Some("integer") => Kind::Integer,
        Some("number") => Kind::Number,
        Some("boolean") => Kind::Boolean,
        Some("array") => Kind::List(Box::new(schema.get("items").map_or(Kind::Text, |i| kind_of(i, defs, depth + 1)))),
        Some("object") if schema.get("enum").is_none() => Kind::Json,
        _ => Kind::Text,
    }
}

/// A cell read as `kind` (as text when it does not read so).
pub fn read(kind: &Kind, cell: &str) -> Value {
    let text = || Value::String(cell.to_owned());
    let trimmed = cell.trim();
    match kind {
        Kind::Text => text(),
        Kind::Integer => trimmed.parse::<i64>().map(Value::from).unwrap_or_else(|_| text()),
        Kind::Number => {
            trimmed.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or_else(text, Value::Number)
        }
        Kind::Boolean => match trimmed.to_ascii_lowercase().as_str() {
            "true" | "1" => Value::Bool(true),
            "false" | "0" => Value::Bool(false),
            _ => text(),
        },
        Kind::List(_) if trimmed.starts_with('[') => serde_json::from_str(trimmed).unwrap_or_else(|_| text()),
        Kind::List(of) => Value::Array(trimmed.split('|').map(|v| read(of, v.trim())).collect()),
        Kind::Json => serde_json::from_str(trimmed).unwrap_or_else(|_| text()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_read_as_their_fields_type() {
        assert_eq!(read(&Kind::Text, "0101234567"), Value::from("0101234567"));
        assert_eq!(read(&Kind::Integer, " 42 "), Value::from(42));
        assert_eq!(read(&Kind::Integer, "forty"), Value::from("forty"));
        assert_eq!(read(&Kind::Boolean, "TRUE"), Value::Bool(true));
        assert_eq!(read(&Kind::List(Box::new(Kind::Text)), "a| b"), serde_json::json!(["a", "b"]));
        assert_eq!(read(&Kind::List(Box::new(Kind::Integer)), "[1,2]"), serde_json::json!([1, 2]));
        assert_eq!(read(&Kind::Json, "{\"a\":1}"), serde_json::json!({"a": 1}));
    }
}
