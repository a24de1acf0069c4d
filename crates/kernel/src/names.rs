//! Enumerations as they are stored and shown: the snake_case names serde gives their variants.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A unit variant's name, e.g. `in_effect` for `RegulationState::InEffect`.
pub fn name_of<T: Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The variant with this name, if there is one.
pub fn parse_name<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Sharing;

    #[test]
    fn names_round_trip() {
        assert_eq!(name_of(Sharing::Restricted), "restricted");
        assert_eq!(parse_name::<Sharing>("public"), Some(Sharing::Public));
        assert_eq!(parse_name::<Sharing>("everyone"), None);
    }
}
